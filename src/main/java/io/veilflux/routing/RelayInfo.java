package io.veilflux.routing;

import io.veilflux.crypto.NodeId;
import io.veilflux.net.AddressType;
import io.veilflux.net.ProtocolType;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A relay a node publishes in its NodeInfo: not signed by the relay and never added to the
 * routing table, only used to reach the node.
 *
 * @param timestamp microseconds since the Unix epoch (Veilid's u64, as Java's signed long)
 */
public record RelayInfo(long timestamp, List<NodeId> nodeIds, Set<ProtocolType> outboundProtocols,
        Set<AddressType> addressTypes, List<DialInfoDetail> dialInfoDetailList, RelayKind relayKind)
        implements HasDialInfoDetailList {

    public RelayInfo {
        nodeIds = List.copyOf(nodeIds);
        outboundProtocols = Set.copyOf(outboundProtocols);
        addressTypes = Set.copyOf(addressTypes);
        dialInfoDetailList = List.copyOf(dialInfoDetailList);
        Objects.requireNonNull(relayKind, "relayKind");
    }

    /**
     * Equal in everything but the timestamp. Veilid 0.5.2 compares the relay kind with itself
     * (so never); here a changed kind makes the relay infos differ.
     */
    public boolean equivalent(RelayInfo other) {
        return nodeIds.equals(other.nodeIds) && outboundProtocols.equals(other.outboundProtocols)
                && addressTypes.equals(other.addressTypes) && dialInfoDetailList.equals(other.dialInfoDetailList)
                && relayKind == other.relayKind;
    }
}
