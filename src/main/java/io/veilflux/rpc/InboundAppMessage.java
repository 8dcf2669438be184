package io.veilflux.rpc;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.NodeId;
import java.util.Objects;

/** An AppMessage statement another node sent us. */
public record InboundAppMessage(NodeId sender, Bytes message) {
    public InboundAppMessage {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(message, "message");
    }
}
