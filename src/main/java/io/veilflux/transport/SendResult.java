package io.veilflux.transport;

import io.veilflux.net.UniqueFlow;

/** What became of a send to an existing flow: queued on it, or not (the flow is gone). */
public sealed interface SendResult {

    /** Handed to the socket or queued on the connection; not proof of delivery. */
    record Sent(UniqueFlow flow) implements SendResult {
    }

    /** The flow's connection is gone or full; try another way. */
    record NotSent() implements SendResult {
    }
}
