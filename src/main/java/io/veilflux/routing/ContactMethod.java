package io.veilflux.routing;

import io.veilflux.crypto.NodeId;
import io.veilflux.net.DialInfo;
import java.util.Objects;

/**
 * How node A (us) can reach node B in one routing domain, as the routing domain decides it from
 * the two peer infos (Veilid's {@code ContactMethod}); the network manager turns it into a send.
 */
public sealed interface ContactMethod {

    /** No way to reach the node. */
    record Unreachable() implements ContactMethod {
    }

    /** We are the node's relay: the node keeps a flow to us, use it. */
    record Existing() implements ContactMethod {
    }

    /** Connect to the node's dial info. */
    record Direct(DialInfo dialInfo) implements ContactMethod {
        public Direct {
            Objects.requireNonNull(dialInfo, "dialInfo");
        }
    }

    /** Ask the node, through its relay at {@code relayDialInfo}, to connect back to us. */
    record SignalReverse(DialInfo relayDialInfo) implements ContactMethod {
        public SignalReverse {
            Objects.requireNonNull(relayDialInfo, "relayDialInfo");
        }
    }

    /**
     * Punch a UDP hole: send to the node's {@code holePunchDialInfo} and ask it, through its relay,
     * to send to our {@code reverseHolePunchDialInfo} (the 0.5.3 form with both UDP dial infos).
     */
    record SignalHolePunch(DialInfo relayDialInfo, DialInfo holePunchDialInfo, DialInfo reverseHolePunchDialInfo)
            implements ContactMethod {
        public SignalHolePunch {
            Objects.requireNonNull(relayDialInfo, "relayDialInfo");
            Objects.requireNonNull(holePunchDialInfo, "holePunchDialInfo");
            Objects.requireNonNull(reverseHolePunchDialInfo, "reverseHolePunchDialInfo");
        }
    }

    /** Send to the node's inbound relay at {@code relayDialInfo}, which forwards it. */
    record InboundRelay(DialInfo relayDialInfo) implements ContactMethod {
        public InboundRelay {
            Objects.requireNonNull(relayDialInfo, "relayDialInfo");
        }
    }

    /** Send through our own outbound relay, the node with {@code relayId}. */
    record OutboundRelay(NodeId relayId) implements ContactMethod {
        public OutboundRelay {
            Objects.requireNonNull(relayId, "relayId");
        }
    }
}
