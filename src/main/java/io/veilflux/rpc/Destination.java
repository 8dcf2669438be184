package io.veilflux.rpc;

import io.veilflux.net.DialInfo;
import io.veilflux.net.Sequencing;
import io.veilflux.routing.FilteredNodeRef;
import io.veilflux.routing.NodeRef;
import java.util.Objects;

/**
 * Where an operation goes: Veilid's {@code Destination} without private routes, which veilflux
 * does not have, so every destination is "unsafe" (sent in the clear to a node we name).
 */
public sealed interface Destination {

    /** The node the envelope is addressed to. */
    NodeRef target();

    /**
     * To a node over whatever contact method reaches it.
     *
     * @param sequencing Veilid's {@code SafetySelection::Unsafe}: replaces the node ref's own sequencing
     *                   when it is stricter
     */
    record Direct(FilteredNodeRef node, Sequencing sequencing) implements Destination {
        public Direct {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(sequencing, "sequencing");
        }

        @Override
        public NodeRef target() {
            return node.unfiltered();
        }
    }

    /** Addressed to {@code node} but handed to its relay at {@code relayDialInfo}, which forwards it (signals). */
    record Relay(DialInfo relayDialInfo, NodeRef node) implements Destination {
        public Relay {
            Objects.requireNonNull(relayDialInfo, "relayDialInfo");
            Objects.requireNonNull(node, "node");
        }

        @Override
        public NodeRef target() {
            return node;
        }
    }

    /** Veilid's {@code Destination::direct(nr)}: the node ref's own sequencing. */
    static Direct direct(FilteredNodeRef node) {
        return new Direct(node, node.sequencing());
    }

    static Relay relay(DialInfo relayDialInfo, NodeRef node) {
        return new Relay(relayDialInfo, node);
    }
}
