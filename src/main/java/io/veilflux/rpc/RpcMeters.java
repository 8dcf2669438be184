package io.veilflux.rpc;

import io.micrometer.core.instrument.MeterRegistry;
import io.veilflux.net.CounterFamily;
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

    private final CounterFamily received;
    private final CounterFamily sent;
    private final CounterFamily answers;
    private final CounterFamily dropped;
    private final CounterFamily failed;

    RpcMeters(MeterRegistry registry) {
        this.received = new CounterFamily(registry, RECEIVED, "op");
        this.sent = new CounterFamily(registry, SENT, "op", "outcome");
        this.answers = new CounterFamily(registry, ANSWERS, "op", "outcome");
        this.dropped = new CounterFamily(registry, DROPPED, "reason");
        this.failed = new CounterFamily(registry, FAILED, "op", "outcome");
    }

    void received(String op) {
        received.increment(op);
    }

    void sent(String op, String outcome) {
        sent.increment(op, outcome);
    }

    void answer(String op, String outcome) {
        answers.increment(op, outcome);
    }

    /** A received operation that was not processed, by why (decode, unsupported, queue_full, ...). */
    void dropped(String reason) {
        dropped.increment(reason);
    }

    /** A received operation whose processing ended without success. */
    void failed(String op, String outcome) {
        failed.increment(op, outcome);
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
