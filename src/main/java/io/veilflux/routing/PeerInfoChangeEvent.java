package io.veilflux.routing;

import java.util.Objects;
import java.util.Optional;

/**
 * Our published peer info in a routing domain changed (Veilid's {@code PeerInfoChangeEvent}):
 * published for the first time, replaced by one that is not equivalent, or withdrawn.
 */
public record PeerInfoChangeEvent(RoutingDomain routingDomain, Optional<PeerInfo> oldPeerInfo,
        Optional<PeerInfo> newPeerInfo) {
    public PeerInfoChangeEvent {
        Objects.requireNonNull(routingDomain, "routingDomain");
        Objects.requireNonNull(oldPeerInfo, "oldPeerInfo");
        Objects.requireNonNull(newPeerInfo, "newPeerInfo");
    }
}
