package io.veilflux.rpc.tasks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.veilflux.routing.RelayKind;
import java.util.Locale;
import reactor.core.publisher.SignalType;

/**
 * The routing table tasks' meters: runs per task and how they ended, bootstrap attempts per
 * outcome, Status pings per kind, relays chosen per kind and dropped per reason. Tags are from
 * small fixed sets, never a node id.
 */
final class RoutingTaskMeters {
    static final String TASK_RUNS = "veilflux.routing.task.runs";
    static final String BOOTSTRAPS = "veilflux.routing.bootstraps";
    static final String PINGS = "veilflux.routing.pings";
    static final String RELAYS_SELECTED = "veilflux.routing.relays.selected";
    static final String RELAYS_DROPPED = "veilflux.routing.relays.dropped";

    private final MeterRegistry registry;

    RoutingTaskMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A run of {@code task} ended: {@code ok}, {@code error} or {@code stopped}. */
    void taskRun(String task, SignalType end) {
        String outcome = switch (end) {
            case ON_COMPLETE -> "ok";
            case ON_ERROR -> "error";
            default -> "stopped";
        };
        Counter.builder(TASK_RUNS).tag("task", task).tag("outcome", outcome).register(registry).increment();
    }

    /** One bootstrap peer tried for one crypto kind: {@code succeeded}, {@code not_direct} or {@code unanswered}. */
    void bootstrap(String outcome) {
        Counter.builder(BOOTSTRAPS).tag("outcome", outcome).register(registry).increment();
    }

    /** A Status ping sent by a task: {@code validator} or {@code relay_keepalive}. */
    void ping(String kind) {
        Counter.builder(PINGS).tag("kind", kind).register(registry).increment();
    }

    void relaySelected(RelayKind kind) {
        Counter.builder(RELAYS_SELECTED).tag("kind", kind.name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    /** A relay given up: {@code gone}, {@code no_best_id}, {@code dead}, {@code punished}, {@code filter}, ... */
    void relayDropped(String reason) {
        Counter.builder(RELAYS_DROPPED).tag("reason", reason).register(registry).increment();
    }
}
