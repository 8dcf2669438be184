package io.veilflux.node;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.NodeId;
import io.veilflux.rpc.RpcProcessor;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * An app call another node made to this one ({@link VeilfluxNode#appCalls()}): a question that
 * waits for one {@link #reply}. The caller gives up after its {@code rpc.timeout_ms}, so reply
 * within that.
 */
public final class AppCall {
    private final NodeId sender;
    private final Bytes message;
    private final long callId;
    private final RpcProcessor rpc;

    AppCall(NodeId sender, Bytes message, long callId, RpcProcessor rpc) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.message = Objects.requireNonNull(message, "message");
        this.callId = callId;
        this.rpc = Objects.requireNonNull(rpc, "rpc");
    }

    public NodeId sender() {
        return sender;
    }

    /** The question. */
    public Bytes message() {
        return message;
    }

    /** The operation id of the question, which the reply quotes. */
    public long callId() {
        return callId;
    }

    /**
     * Sends {@code answer} back to the caller when subscribed to. Fails with
     * {@link IllegalArgumentException} for an answer over {@value RpcProcessor#MAX_APP_MESSAGE_LENGTH}
     * bytes, and with {@link IllegalStateException} when the call was already answered or timed out.
     */
    public Mono<Void> reply(byte[] answer) {
        Bytes bytes = Bytes.of(answer);
        return Mono.fromRunnable(() -> {
            if (!rpc.appCallReply(callId, bytes)) {
                throw new IllegalStateException("app call " + callId + " from " + sender
                        + " was already answered or timed out (the caller waits rpc.timeout_ms); reply sooner");
            }
        });
    }

    @Override
    public String toString() {
        return "AppCall[sender=" + sender + ", callId=" + callId + ", " + message.length() + " bytes]";
    }
}
