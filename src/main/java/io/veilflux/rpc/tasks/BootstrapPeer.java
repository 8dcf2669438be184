package io.veilflux.rpc.tasks;

import io.veilflux.crypto.NodeId;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RoutingDomain;
import java.util.List;
import java.util.Objects;

/**
 * A peer a bootstrap named, with the routing domain its peer info belongs to (Veilid keeps the
 * domain inside its in-memory PeerInfo). The peer info may be unsigned: a bootstrap record's
 * dial info and keys only, until the node itself answers with its signed one.
 */
public record BootstrapPeer(PeerInfo peerInfo, RoutingDomain routingDomain) {
    public BootstrapPeer {
        Objects.requireNonNull(peerInfo, "peerInfo");
        Objects.requireNonNull(routingDomain, "routingDomain");
    }

    /** The ids of the node's public keys. */
    public List<NodeId> nodeIds() {
        return peerInfo.nodeInfo().nodeIds();
    }
}
