package io.veilflux.transport;

import io.veilflux.net.Flow;
import java.util.Objects;

/**
 * One whole message received by a transport, framing removed, and the flow it came on. The array
 * belongs to the receiver; nobody else holds it. An empty array is a hole punch.
 */
public record InboundPacket(byte[] data, Flow flow) {
    public InboundPacket {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(flow, "flow");
    }
}
