package io.veilflux.node;

import io.veilflux.crypto.NodeId;
import io.veilflux.net.DialInfo;
import io.veilflux.net.SocketAddress;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.rpc.ReceiptEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * News from a {@link VeilfluxNode}, as {@link VeilfluxNode#events()} streams it: the network
 * started or stopped, our published peer info or relays changed, a peer told us the address it
 * sees us at, or a receipt we handed out came back or expired.
 */
public sealed interface NodeEvent {

    /** The node is up: its transports are bound and its dial info is published. */
    record NetworkStarted(NodeId nodeId, List<DialInfo> dialInfos) implements NodeEvent {
        public NetworkStarted {
            Objects.requireNonNull(nodeId, "nodeId");
            dialInfos = List.copyOf(dialInfos);
        }
    }

    /** The node stopped: its transports are released. */
    record NetworkStopped(NodeId nodeId) implements NodeEvent {
        public NetworkStopped {
            Objects.requireNonNull(nodeId, "nodeId");
        }
    }

    /**
     * Our published peer info in {@code routingDomain} changed (Veilid's {@code PeerInfoChangeEvent}):
     * published for the first time (no old one), replaced, or withdrawn (no new one).
     */
    record PeerInfoChanged(RoutingDomain routingDomain, Optional<PeerInfo> oldPeerInfo,
                           Optional<PeerInfo> newPeerInfo) implements NodeEvent {
        public PeerInfoChanged {
            Objects.requireNonNull(routingDomain, "routingDomain");
            Objects.requireNonNull(oldPeerInfo, "oldPeerInfo");
            Objects.requireNonNull(newPeerInfo, "newPeerInfo");
        }
    }

    /**
     * The relays named in our published peer info changed; emitted right after the
     * {@link PeerInfoChanged} that changed them. Empty lists mean no relay.
     *
     * @param oldRelays the relays' node ids before
     * @param newRelays the relays' node ids now
     */
    record RelayChanged(RoutingDomain routingDomain, List<NodeId> oldRelays, List<NodeId> newRelays)
            implements NodeEvent {
        public RelayChanged {
            Objects.requireNonNull(routingDomain, "routingDomain");
            oldRelays = List.copyOf(oldRelays);
            newRelays = List.copyOf(newRelays);
        }
    }

    /**
     * A peer answering our Status question told us the address it sees us at (Veilid's
     * {@code SocketAddressChangeEvent}).
     *
     * @param oldSocketAddress what that peer told us before, if anything
     * @param reportedBy the peer's node ids
     */
    record SocketAddressChanged(RoutingDomain routingDomain, SocketAddress socketAddress,
                                Optional<SocketAddress> oldSocketAddress, List<NodeId> reportedBy) implements NodeEvent {
        public SocketAddressChanged {
            Objects.requireNonNull(routingDomain, "routingDomain");
            Objects.requireNonNull(socketAddress, "socketAddress");
            Objects.requireNonNull(oldSocketAddress, "oldSocketAddress");
            reportedBy = List.copyOf(reportedBy);
        }
    }

    /** What became of a receipt we handed out (signals, dial info validation): returned, expired or cancelled. */
    record Receipt(ReceiptEvent event) implements NodeEvent {
        public Receipt {
            Objects.requireNonNull(event, "event");
        }
    }
}
