package io.veilflux.rpc;

import io.veilflux.net.SequenceOrdering;
import io.veilflux.net.UniqueFlow;
import io.veilflux.routing.ContactMethod;
import java.util.Objects;
import java.util.Optional;

/**
 * How data was sent: the contact method used (none when it went over a flow we already had to an
 * otherwise unreachable node) and the flow it left on.
 */
public record SendDataResult(Optional<ContactMethod> contactMethod, UniqueFlow uniqueFlow) {
    public SendDataResult {
        Objects.requireNonNull(contactMethod, "contactMethod");
        Objects.requireNonNull(uniqueFlow, "uniqueFlow");
    }

    /** Sent by dialing the target's own dial info (what lets a Status answer report our address). */
    public boolean isDirect() {
        return contactMethod.filter(ContactMethod.Direct.class::isInstance).isPresent();
    }

    public SequenceOrdering sequenceOrdering() {
        return uniqueFlow.flow().protocol().ordering();
    }
}
