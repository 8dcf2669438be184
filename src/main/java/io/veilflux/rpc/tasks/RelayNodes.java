package io.veilflux.rpc.tasks;

import io.veilflux.crypto.NodeId;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.RoutingDomainRelay;
import io.veilflux.routing.RoutingTable;
import java.util.Optional;

/** Finds a relay's routing table entry from the ids its {@link RoutingDomainRelay} value carries. */
final class RelayNodes {
    private RelayNodes() {
    }

    /** The entry of the first of the relay's ids of a kind we support, if the table still has it. */
    static Optional<NodeRef> lookup(RoutingTable routingTable, RoutingDomainRelay relay) {
        for (NodeId id : relay.nodeIds()) {
            if (routingTable.identity().order().isValid(id.kind())) {
                Optional<NodeRef> node = routingTable.lookupNodeId(id);
                if (node.isPresent()) {
                    return node;
                }
            }
        }
        return Optional.empty();
    }
}
