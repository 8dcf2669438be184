package io.veilflux.rpc;

import io.veilflux.crypto.PublicKey;
import io.veilflux.routing.FilteredNodeRef;
import java.util.Objects;

/**
 * What became of a receipt we handed out: it came back (out of band, in band from a node, over a
 * safety route, over a private route), it expired, or its record was dropped (cancelled).
 */
public sealed interface ReceiptEvent {

    /** The events of a receipt that came back, one per way it can come back (Veilid's {@code ReceiptReturned}). */
    sealed interface Returned extends ReceiptEvent {
    }

    /** Came back as a bare RCP0 packet. */
    record ReturnedOutOfBand() implements Returned {
    }

    /**
     * Came back inside a ReturnReceipt operation sent directly by {@code sender}, seen through the
     * routing domain, protocol and address type of the flow it came on.
     */
    record ReturnedInBand(FilteredNodeRef sender) implements Returned {
        public ReturnedInBand {
            Objects.requireNonNull(sender, "sender");
        }
    }

    /** Came back inside a ReturnReceipt operation over a safety route. */
    record ReturnedSafety() implements Returned {
    }

    /** Came back over the private route {@code routeKey}. */
    record ReturnedPrivate(PublicKey routeKey) implements Returned {
        public ReturnedPrivate {
            Objects.requireNonNull(routeKey, "routeKey");
        }
    }

    /** Its time ran out before it came back (often enough). */
    record Expired() implements ReceiptEvent {
    }

    /** Its record was dropped: cancelled, or the manager stopped or was not running. */
    record Cancelled() implements ReceiptEvent {
    }
}
