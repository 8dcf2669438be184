package io.veilflux.routing;

import io.veilflux.crypto.NodeId;
import io.veilflux.net.DialInfo;
import java.util.List;
import java.util.Objects;

/**
 * One relay of our node in a routing domain, as a value: the relay's node ids, a snapshot of its
 * peer info in this domain, how it relays for us, the subset of its dial info we publish, and
 * the keepalive pings to send it (each one dial info of the relay: a Status question to the relay
 * filtered to that dial info's protocol and address type). The routing table maps the ids to its
 * entry.
 *
 * <p>Two relays are equal when ids, kind, dial info details and pings are: the peer info
 * snapshot is left out, as Veilid compares the node reference, not the node's current info.
 */
public final class RoutingDomainRelay {
    private final List<NodeId> nodeIds;
    private final PeerInfo peerInfo;
    private final RelayKind relayKind;
    private final List<DialInfoDetail> dialInfoDetails;
    private final List<DialInfo> pings;

    public RoutingDomainRelay(List<NodeId> nodeIds, PeerInfo peerInfo, RelayKind relayKind,
            List<DialInfoDetail> dialInfoDetails, List<DialInfo> pings) {
        if (nodeIds.isEmpty()) {
            throw new IllegalArgumentException("a relay needs at least one node id");
        }
        this.nodeIds = List.copyOf(nodeIds);
        this.peerInfo = Objects.requireNonNull(peerInfo, "peerInfo");
        this.relayKind = Objects.requireNonNull(relayKind, "relayKind");
        this.dialInfoDetails = List.copyOf(dialInfoDetails);
        this.pings = List.copyOf(pings);
    }

    /** A relay candidate before {@link RelayStatus#applyRelay} picks its dial info and pings. */
    public static RoutingDomainRelay candidate(List<NodeId> nodeIds, PeerInfo peerInfo, RelayKind relayKind) {
        return new RoutingDomainRelay(nodeIds, peerInfo, relayKind, List.of(), List.of());
    }

    public List<NodeId> nodeIds() {
        return nodeIds;
    }

    /** The relay's peer info in this domain when the relay was chosen or last refreshed. */
    public PeerInfo peerInfo() {
        return peerInfo;
    }

    public RelayKind relayKind() {
        return relayKind;
    }

    /** The relay's dial info we publish in our relay info. */
    public List<DialInfoDetail> dialInfoDetails() {
        return dialInfoDetails;
    }

    /** One relay dial info per keepalive ping. */
    public List<DialInfo> pings() {
        return pings;
    }

    /** Whether this relay is the node with any of {@code ids}. */
    public boolean hasAnyNodeId(List<NodeId> ids) {
        return nodeIds.stream().anyMatch(ids::contains);
    }

    /** The same relay with a newer snapshot of its peer info. */
    public RoutingDomainRelay withPeerInfo(PeerInfo newPeerInfo) {
        return new RoutingDomainRelay(nodeIds, newPeerInfo, relayKind, dialInfoDetails, pings);
    }

    /** The relay info we publish for this relay: its node info's timestamp and protocols, our chosen dial info. */
    public RelayInfo toRelayInfo() {
        NodeInfo relayNode = peerInfo.nodeInfo();
        return new RelayInfo(relayNode.timestamp(), nodeIds, relayNode.outboundProtocols(), relayNode.addressTypes(),
                dialInfoDetails.stream().sorted(DialInfoDetailSort.NATURAL).toList(), relayKind);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutingDomainRelay other && nodeIds.equals(other.nodeIds) && relayKind == other.relayKind
                && dialInfoDetails.equals(other.dialInfoDetails) && pings.equals(other.pings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodeIds, relayKind, dialInfoDetails, pings);
    }

    @Override
    public String toString() {
        return "RoutingDomainRelay[" + nodeIds + " " + relayKind + " " + dialInfoDetails + " pings " + pings + "]";
    }
}
