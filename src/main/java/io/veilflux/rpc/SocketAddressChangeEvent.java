package io.veilflux.rpc;

import io.veilflux.net.Flow;
import io.veilflux.net.SocketAddress;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.RoutingDomain;
import java.util.Objects;
import java.util.Optional;

/**
 * A peer told us, in a Status answer, the address it sees us at (Veilid's
 * {@code SocketAddressChangeEvent}, consumed by the address check).
 *
 * @param flow the flow the question left on
 */
public record SocketAddressChangeEvent(RoutingDomain routingDomain, SocketAddress socketAddress,
                                       Optional<SocketAddress> oldSocketAddress, Flow flow, NodeRef reportingPeer) {
    public SocketAddressChangeEvent {
        Objects.requireNonNull(routingDomain, "routingDomain");
        Objects.requireNonNull(socketAddress, "socketAddress");
        Objects.requireNonNull(oldSocketAddress, "oldSocketAddress");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(reportingPeer, "reportingPeer");
    }
}
