package io.veilflux.manager;

import io.veilflux.crypto.NodeId;
import io.veilflux.net.Sequencing;
import io.veilflux.routing.FilteredNodeRef;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a relayed envelope goes to: the recipient's entry when we know it (inbound relaying), or only
 * its id when it must be found on the network first (outbound relaying for an allow-listed client).
 *
 * @param sequencing the strict sequencing of the flow the envelope came in on, which the copy keeps
 */
record RelayTarget(NodeId recipient, Optional<FilteredNodeRef> node, Sequencing sequencing) {
    RelayTarget {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(sequencing, "sequencing");
    }
}
