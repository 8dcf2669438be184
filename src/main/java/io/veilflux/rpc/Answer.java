package io.veilflux.rpc;

import java.util.Objects;

/** What a question got back, and how long the round trip took in microseconds. */
public record Answer<T>(long latencyMicros, T value) {
    public Answer {
        Objects.requireNonNull(value, "value");
    }
}
