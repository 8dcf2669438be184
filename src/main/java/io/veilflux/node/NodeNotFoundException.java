package io.veilflux.node;

import io.veilflux.crypto.NodeId;
import java.util.Objects;

/** A send's target is not in the routing table and a FindNode search for it found nothing. */
public final class NodeNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient NodeId nodeId;

    public NodeNotFoundException(NodeId nodeId) {
        super("node " + nodeId + " was not found: it is not in the routing table and no peer we asked knows it; "
                + "check the id, or let the node bootstrap (network.routing_table.bootstrap) and try again");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
    }

    public NodeId nodeId() {
        return nodeId;
    }
}
