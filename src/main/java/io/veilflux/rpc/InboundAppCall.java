package io.veilflux.rpc;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.NodeId;
import java.util.Objects;

/**
 * An AppCall question another node asked us; answer it with {@link RpcProcessor#appCallReply}
 * within {@code rpc.timeout_ms}, quoting {@code callId}.
 */
public record InboundAppCall(NodeId sender, Bytes message, long callId) {
    public InboundAppCall {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(message, "message");
    }
}
