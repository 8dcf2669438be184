package io.veilflux.routing;

import java.util.Objects;

/**
 * The outcome of registering a node with its peer info.
 *
 * @param nodeRef the node, filtered to the peer info's routing domain
 * @param peerInfoChanged the entry had no peer info in that domain before, its node info changed
 *     beyond the timestamp, or its node ids changed: if the node is one of our relays, our own peer
 *     info must be rebuilt and republished (Veilid's {@code on_entry_peer_info_updated})
 */
public record PeerInfoRegistration(FilteredNodeRef nodeRef, boolean peerInfoChanged) {
    public PeerInfoRegistration {
        Objects.requireNonNull(nodeRef, "nodeRef");
    }
}
