package io.veilflux.net;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A flow and, for connection-oriented protocols, the id of the connection that carries it; UDP
 * flows have no connection id.
 */
public record UniqueFlow(Flow flow, OptionalLong connectionId) {

    public UniqueFlow {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(connectionId, "connectionId");
    }

    public static UniqueFlow udp(Flow flow) {
        return new UniqueFlow(flow, OptionalLong.empty());
    }

    public static UniqueFlow connection(Flow flow, long connectionId) {
        return new UniqueFlow(flow, OptionalLong.of(connectionId));
    }
}
