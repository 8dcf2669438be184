package io.veilflux.node;

import io.veilflux.crypto.NodeId;
import io.veilflux.net.NetworkResult;
import java.util.Objects;

/**
 * An app message or app call that the network did not carry: the target was found but could not
 * be reached, did not answer in time, or refused. {@link #result()} is the network's outcome
 * (never a value): {@code Timeout}, {@code NoConnection}, {@code ServiceUnavailable},
 * {@code AlreadyExists} or {@code InvalidMessage}.
 */
public final class SendFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient NodeId target;
    private final transient NetworkResult<?> result;

    /**
     * @param what what was being sent, such as {@code "app message"}
     * @throws IllegalArgumentException if {@code result} is a value, which is no failure
     */
    public SendFailedException(String what, NodeId target, NetworkResult<?> result) {
        super(what + " to " + target + " failed: " + describe(result));
        this.target = Objects.requireNonNull(target, "target");
        this.result = result;
    }

    public NodeId target() {
        return target;
    }

    /** The network's outcome; never a {@link NetworkResult.Value}. */
    public NetworkResult<?> result() {
        return result;
    }

    private static String describe(NetworkResult<?> result) {
        Objects.requireNonNull(result, "result");
        if (result instanceof NetworkResult.Timeout<?>) {
            return "timed out waiting for an answer";
        } else if (result instanceof NetworkResult.NoConnection<?> r) {
            return "no connection (" + r.reason() + ")";
        } else if (result instanceof NetworkResult.ServiceUnavailable<?> r) {
            return "service unavailable (" + r.reason() + ")";
        } else if (result instanceof NetworkResult.AlreadyExists<?> r) {
            return "already exists (" + r.reason() + ")";
        } else if (result instanceof NetworkResult.InvalidMessage<?> r) {
            return "invalid message (" + r.reason() + ")";
        }
        throw new IllegalArgumentException("a value is not a failure: " + result);
    }
}
