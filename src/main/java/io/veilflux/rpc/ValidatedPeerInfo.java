package io.veilflux.rpc;

import io.veilflux.crypto.NodeId;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RoutingDomain;
import java.util.List;
import java.util.Objects;

/**
 * A received peer info whose signatures verified, with the ids they prove and the routing domain it
 * was accepted into (Veilid keeps both inside its in-memory PeerInfo).
 */
public record ValidatedPeerInfo(PeerInfo peerInfo, RoutingDomain routingDomain, List<NodeId> nodeIds) {
    public ValidatedPeerInfo {
        Objects.requireNonNull(peerInfo, "peerInfo");
        Objects.requireNonNull(routingDomain, "routingDomain");
        nodeIds = List.copyOf(nodeIds);
    }
}
