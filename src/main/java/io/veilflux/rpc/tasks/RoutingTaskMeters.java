package io.veilflux.rpc.tasks;

import io.micrometer.core.instrument.MeterRegistry;
import io.veilflux.net.CounterFamily;
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

    private final CounterFamily taskRuns;
    private final CounterFamily bootstraps;
    private final CounterFamily pings;
    private final CounterFamily relaysSelected;
    private final CounterFamily relaysDropped;

    RoutingTaskMeters(MeterRegistry registry) {
        this.taskRuns = new CounterFamily(registry, TASK_RUNS, "task", "outcome");
        this.bootstraps = new CounterFamily(registry, BOOTSTRAPS, "outcome");
        this.pings = new CounterFamily(registry, PINGS, "kind");
        this.relaysSelected = new CounterFamily(registry, RELAYS_SELECTED, "kind");
        this.relaysDropped = new CounterFamily(registry, RELAYS_DROPPED, "reason");
    }

    /** A run of {@code task} ended: {@code ok}, {@code error} or {@code stopped}. */
    void taskRun(String task, SignalType end) {
        String outcome = switch (end) {
            case ON_COMPLETE -> "ok";
            case ON_ERROR -> "error";
            default -> "stopped";
        };
        taskRuns.increment(task, outcome);
    }

    /** One bootstrap peer tried for one crypto kind: {@code succeeded}, {@code not_direct} or {@code unanswered}. */
    void bootstrap(String outcome) {
        bootstraps.increment(outcome);
    }

    /** A Status ping sent by a task: {@code validator} or {@code relay_keepalive}. */
    void ping(String kind) {
        pings.increment(kind);
    }

    void relaySelected(RelayKind kind) {
        relaysSelected.increment(kind.name().toLowerCase(Locale.ROOT));
    }

    /** A relay given up: {@code gone}, {@code no_best_id}, {@code dead}, {@code punished}, {@code filter}, ... */
    void relayDropped(String reason) {
        relaysDropped.increment(reason);
    }
}
