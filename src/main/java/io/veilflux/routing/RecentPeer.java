package io.veilflux.routing;

import io.veilflux.crypto.NodeId;
import io.veilflux.net.Flow;
import java.util.Objects;

/** A peer we exchanged packets with recently, and the live flow we would use with it now. */
public record RecentPeer(NodeId nodeId, Flow lastConnection) {
    public RecentPeer {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(lastConnection, "lastConnection");
    }
}
