package io.veilflux.manager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.veilflux.routing.LatencyStats;
import io.veilflux.routing.RelayKind;
import io.veilflux.rpc.WorkerPool;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Veilid's relay workers: envelopes we relay wait in a queue of {@code rpc.queue_size};
 * {@code rpc.concurrency} of them (cores × 16 when configured as 0) are sent at a time. A full
 * queue drops the new envelope and counts it: relaying never pushes back on the inbound path.
 *
 * @param <T> the relay target (the node reference the manager resolves)
 */
public final class RelayScheduler<T> {
    public static final String ENQUEUED = "veilflux.net.relay.enqueued";
    public static final String DROPPED = "veilflux.net.relay.dropped";
    public static final String DEQUEUE_LATENCY = "veilflux.net.relay.dequeue.latency";
    public static final String PROCESS_LATENCY = "veilflux.net.relay.process.latency";

    /** One envelope to relay. */
    public record RelayRequest<T>(T target, byte[] data, RelayKind kind) {
        public RelayRequest {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** Sends one relayed envelope; Veilid logs failures and carries on, and so does the scheduler. */
    @FunctionalInterface
    public interface RelaySender<T> {
        Mono<Void> relay(RelayRequest<T> request);
    }

    private final WorkerPool<RelayRequest<T>> workers;
    private final Map<RelayKind, Counter> enqueued = new EnumMap<>(RelayKind.class);
    private final Map<RelayKind, Counter> dropped = new EnumMap<>(RelayKind.class);

    /**
     * @param queueSize {@code rpc.queue_size} (Veilid: 1024)
     * @param configuredConcurrency {@code rpc.concurrency}; 0 means cores × {@value WorkerPool#WORKERS_PER_CORE}
     * @param work where relays that had to queue start (see {@link WorkerPool})
     */
    public RelayScheduler(int queueSize, int configuredConcurrency, RelaySender<T> sender, MeterRegistry registry,
                          Scheduler clock, Scheduler work) {
        Objects.requireNonNull(sender, "sender");
        this.workers = new WorkerPool<>("veilflux.net.relay", queueSize, configuredConcurrency, sender::relay,
                registry, clock, work);
        for (RelayKind kind : RelayKind.values()) {
            String tag = kind.name().toLowerCase(Locale.ROOT);
            enqueued.put(kind, Counter.builder(ENQUEUED).tag("kind", tag).register(registry));
            dropped.put(kind, Counter.builder(DROPPED).tag("kind", tag).register(registry));
        }
    }

    public int concurrency() {
        return workers.concurrency();
    }

    /** Starts the workers. */
    public void start() {
        workers.start();
    }

    /**
     * Queues an envelope for relaying without waiting.
     *
     * @return false when the queue is full: the envelope is dropped and counted
     * @throws IllegalStateException when the workers are not running
     */
    public boolean enqueue(T target, byte[] data, RelayKind kind) {
        if (!workers.offer(new RelayRequest<>(target, data, kind))) {
            dropped.get(kind).increment();
            return false;
        }
        enqueued.get(kind).increment();
        return true;
    }

    /** Veilid's "Relay Worker Dequeue Latency" over the last 50 relays; empty before the first. */
    public Optional<LatencyStats> dequeueLatency() {
        return workers.dequeueLatency();
    }

    /** Veilid's "Relay Worker Process Latency" over the last 50 relays; empty before the first. */
    public Optional<LatencyStats> processLatency() {
        return workers.processLatency();
    }

    /** Envelopes waiting for a worker. */
    public int queued() {
        return workers.queued();
    }

    /** Stops the workers; queued envelopes are abandoned, sends in progress cancelled. */
    public void stop() {
        workers.stop();
    }
}
