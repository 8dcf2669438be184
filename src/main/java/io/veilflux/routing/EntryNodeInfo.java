package io.veilflux.routing;

import io.veilflux.crypto.CryptoException;
import io.veilflux.crypto.NodeId;
import java.util.ArrayList;
import java.util.List;

/** The questions the routing table asks of a peer's NodeInfo (Veilid's NodeInfo methods the entries use). */
final class EntryNodeInfo {
    private EntryNodeInfo() {
    }

    /** The node ids of the node info's public keys (for 32-byte keys, the keys themselves). */
    static CryptoTypedGroup<NodeId> nodeIds(CryptoKindOrder order, NodeInfo nodeInfo) {
        List<NodeId> ids = new ArrayList<>();
        for (CryptoInfo info : nodeInfo.cryptoInfoList()) {
            try {
                ids.add(NodeId.fromPublicKey(info.publicKey()));
            } catch (CryptoException e) {
                throw new RoutingTableException("no node id for the " + info.kind() + " public key: " + e.getMessage(), e);
            }
        }
        return CryptoTypedGroup.of(order, ids);
    }

    /** All of {@code capabilities} are listed; true for none. */
    static boolean hasAllCapabilities(NodeInfo nodeInfo, List<FourCc> capabilities) {
        return nodeInfo.capabilities().containsAll(capabilities);
    }

    /** Any of {@code capabilities} is listed; true for none. */
    static boolean hasAnyCapabilities(NodeInfo nodeInfo, List<FourCc> capabilities) {
        return capabilities.isEmpty() || capabilities.stream().anyMatch(nodeInfo.capabilities()::contains);
    }

    /** The node ids of all the node's relays. */
    static List<NodeId> relayIds(NodeInfo nodeInfo) {
        return nodeInfo.relayInfoList().stream().flatMap(r -> r.nodeIds().stream()).toList();
    }

    /** Dial info of its own or through a relay. */
    static boolean hasAnyDialInfo(NodeInfo nodeInfo) {
        return !nodeInfo.dialInfoDetailList().isEmpty()
                || nodeInfo.relayInfoList().stream().anyMatch(r -> !r.dialInfoDetailList().isEmpty());
    }

    /**
     * Veilid's {@code equivalent}: equal but for the timestamps of the node info and its relay
     * infos. Veilid's relay-info comparison compares a relay kind with itself, so a change of
     * relay kind alone leaves two node infos equivalent; kept as Veilid behaves.
     */
    static boolean equivalent(NodeInfo a, NodeInfo b) {
        if (!a.envelopeSupport().equals(b.envelopeSupport())
                || !a.cryptoInfoList().equals(b.cryptoInfoList())
                || !a.capabilities().equals(b.capabilities())
                || !a.outboundProtocols().equals(b.outboundProtocols())
                || !a.addressTypes().equals(b.addressTypes())
                || !a.dialInfoDetailList().equals(b.dialInfoDetailList())
                || a.relayInfoList().size() != b.relayInfoList().size()) {
            return false;
        }
        for (int i = 0; i < a.relayInfoList().size(); i++) {
            RelayInfo ra = a.relayInfoList().get(i);
            RelayInfo rb = b.relayInfoList().get(i);
            if (!ra.nodeIds().equals(rb.nodeIds()) || !ra.outboundProtocols().equals(rb.outboundProtocols())
                    || !ra.addressTypes().equals(rb.addressTypes())
                    || !ra.dialInfoDetailList().equals(rb.dialInfoDetailList())) {
                return false;
            }
        }
        return true;
    }
}
