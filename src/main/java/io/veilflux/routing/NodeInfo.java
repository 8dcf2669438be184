package io.veilflux.routing;

import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.net.AddressType;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.Sequencing;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What a node says about itself in one routing domain; its node is relayed exactly when
 * {@code relayInfoList} is not empty (Veilid 0.5 has no separate relayed form).
 *
 * @param timestamp microseconds since the Unix epoch (Veilid's u64, as Java's signed long)
 * @param envelopeSupport envelope versions, such as {@link FourCc#ENV0}
 * @param capabilities capability codes, kept even when unknown here
 */
public record NodeInfo(long timestamp, List<FourCc> envelopeSupport, List<CryptoInfo> cryptoInfoList,
        List<FourCc> capabilities, Set<ProtocolType> outboundProtocols, Set<AddressType> addressTypes,
        List<DialInfoDetail> dialInfoDetailList, List<RelayInfo> relayInfoList) implements HasDialInfoDetailList {

    public NodeInfo {
        envelopeSupport = List.copyOf(envelopeSupport);
        cryptoInfoList = List.copyOf(cryptoInfoList);
        capabilities = List.copyOf(capabilities);
        outboundProtocols = Set.copyOf(outboundProtocols);
        addressTypes = Set.copyOf(addressTypes);
        dialInfoDetailList = List.copyOf(dialInfoDetailList);
        relayInfoList = List.copyOf(relayInfoList);
    }

    /** The node's public keys, one per crypto info. */
    public List<PublicKey> publicKeys() {
        return cryptoInfoList.stream().map(CryptoInfo::publicKey).toList();
    }

    /** The node's ids, derived from its public keys (Veilid's {@code PeerInfo::node_ids}). */
    public List<NodeId> nodeIds() {
        return publicKeys().stream().map(NodeId::fromPublicKey).toList();
    }

    public boolean hasCapability(FourCc capability) {
        return capabilities.contains(capability);
    }

    /** Whether every one of {@code wanted} is offered (true for none). */
    public boolean hasAllCapabilities(Collection<FourCc> wanted) {
        return capabilities.containsAll(wanted);
    }

    /** Whether any of {@code wanted} is offered; true when nothing is wanted, as in Veilid. */
    public boolean hasAnyCapabilities(Collection<FourCc> wanted) {
        return wanted.isEmpty() || wanted.stream().anyMatch(capabilities::contains);
    }

    /** The ids of every relay, in relay order. */
    public List<NodeId> relayIds() {
        return relayInfoList.stream().flatMap(r -> r.nodeIds().stream()).toList();
    }

    /** Whether the node or one of its relays has dial info: whether it can be reached at all. */
    public boolean hasAnyDialInfo() {
        return hasDialInfo() || relayInfoList.stream().anyMatch(RelayInfo::hasDialInfo);
    }

    /** Own dial info, or any relay's. */
    @Override
    public boolean hasSequencingMatchedDialInfo(Sequencing sequencing) {
        return HasDialInfoDetailList.super.hasSequencingMatchedDialInfo(sequencing)
                || relayInfoList.stream().anyMatch(r -> r.hasSequencingMatchedDialInfo(sequencing));
    }

    /**
     * Veilid's {@code equivalent}: equal in everything but timestamps, relay infos compared by
     * {@link RelayInfo#equivalent} in order. An equivalent node info is not republished.
     */
    public boolean equivalent(NodeInfo other) {
        if (!envelopeSupport.equals(other.envelopeSupport) || !cryptoInfoList.equals(other.cryptoInfoList)
                || !capabilities.equals(other.capabilities) || !outboundProtocols.equals(other.outboundProtocols)
                || !addressTypes.equals(other.addressTypes) || !dialInfoDetailList.equals(other.dialInfoDetailList)
                || relayInfoList.size() != other.relayInfoList.size()) {
            return false;
        }
        for (int i = 0; i < relayInfoList.size(); i++) {
            if (!relayInfoList.get(i).equivalent(other.relayInfoList.get(i))) {
                return false;
            }
        }
        return true;
    }
}
