package io.veilflux.node;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.NodeId;
import java.util.Objects;

/** An app message another node sent this one ({@link VeilfluxNode#appMessages()}). */
public record AppMessage(NodeId sender, Bytes message) {
    public AppMessage {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(message, "message");
    }
}
