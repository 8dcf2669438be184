package io.veilflux.rpc;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.veilflux.net.NetworkResult;
import io.veilflux.net.SnakeCase;

/**
 * The RPC processor's meters: operations received by name, sends by name and outcome, answers
 * waited for, and received operations dropped by reason.
 */
final class RpcMeters {
    static final String RECEIVED = "veilflux.rpc.received";
    static final String SENT = "veilflux.rpc.sent";
    static final String ANSWERS = "veilflux.rpc.answers";
    static final String DROPPED = "veilflux.rpc.dropped";
    static final String FAILED = "veilflux.rpc.failed";

    private final MeterRegistry registry;

    RpcMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void received(String op) {
        Counter.builder(RECEIVED).tag("op", op).register(registry).increment();
    }

    void sent(String op, String outcome) {
        Counter.builder(SENT).tag("op", op).tag("outcome", outcome).register(registry).increment();
    }

    void answer(String op, String outcome) {
        Counter.builder(ANSWERS).tag("op", op).tag("outcome", outcome).register(registry).increment();
    }

    /** A received operation that was not processed, by why (decode, unsupported, queue_full, ...). */
    void dropped(String reason) {
        Counter.builder(DROPPED).tag("reason", reason).register(registry).increment();
    }

    /** A received operation whose processing ended without success. */
    void failed(String op, String outcome) {
        Counter.builder(FAILED).tag("op", op).tag("outcome", outcome).register(registry).increment();
    }

    /** Veilid's snake-case operation name, such as {@code status_q} or {@code app_message}. */
    static String name(Object detail) {
        return SnakeCase.of(detail.getClass());
    }

    /** A tag for a network result: {@code timeout}, {@code no_connection}, ... */
    static String outcome(NetworkResult<?> result) {
        return SnakeCase.of(result.getClass());
    }
}
