package io.veilflux.manager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.veilflux.routing.RelayKind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.util.concurrent.Queues;

/**
 * Veilid's relay workers as a bounded queue drained with fixed concurrency: envelopes we relay
 * wait in a queue of {@code rpc.queue_size}; {@code rpc.concurrency} of them (cores × 16 when
 * configured as 0) are sent at a time. A full queue drops the new envelope and counts it: relaying
 * never pushes back on the inbound path.
 *
 * @param <T> the relay target (the node reference the manager resolves)
 */
public final class RelayScheduler<T> {
    private static final Logger LOG = LoggerFactory.getLogger(RelayScheduler.class);
    /** Veilid's workers per core when {@code rpc.concurrency} is 0. */
    public static final int RELAY_WORKERS_PER_CORE = 16;
    public static final String ENQUEUED = "veilflux.net.relay.enqueued";
    public static final String DROPPED = "veilflux.net.relay.dropped";
    public static final String DEQUEUE_LATENCY = "veilflux.net.relay.dequeue.latency";
    public static final String PROCESS_LATENCY = "veilflux.net.relay.process.latency";

    /** One envelope to relay. */
    public record RelayRequest<T>(T target, byte[] data, RelayKind kind, long enqueuedNanos) {
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

    private final int queueSize;
    private final int concurrency;
    private final RelaySender<T> sender;
    private final Scheduler clock;
    private final Map<RelayKind, Counter> enqueued = new EnumMap<>(RelayKind.class);
    private final Map<RelayKind, Counter> dropped = new EnumMap<>(RelayKind.class);
    private final Timer dequeueLatency;
    private final Timer processLatency;
    private final AtomicInteger waiting = new AtomicInteger();
    private final LatencyStatsAccounting dequeueWindow = new LatencyStatsAccounting();
    private final LatencyStatsAccounting processWindow = new LatencyStatsAccounting();
    private volatile LatencyStats lastDequeue;
    private volatile LatencyStats lastProcess;
    private Sinks.Many<RelayRequest<T>> queue;
    private Disposable workers;

    /**
     * @param queueSize {@code rpc.queue_size} (Veilid: 1024)
     * @param configuredConcurrency {@code rpc.concurrency}; 0 means cores × {@value #RELAY_WORKERS_PER_CORE}
     */
    public RelayScheduler(int queueSize, int configuredConcurrency, RelaySender<T> sender, MeterRegistry registry,
                          Scheduler clock) {
        if (queueSize < 1) {
            throw new IllegalArgumentException("rpc.queue_size must be at least 1, got " + queueSize);
        }
        if (configuredConcurrency < 0) {
            throw new IllegalArgumentException("rpc.concurrency cannot be negative, got " + configuredConcurrency);
        }
        this.queueSize = queueSize;
        this.concurrency = configuredConcurrency == 0
                ? Math.max(1, Runtime.getRuntime().availableProcessors()) * RELAY_WORKERS_PER_CORE
                : configuredConcurrency;
        this.sender = Objects.requireNonNull(sender, "sender");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (RelayKind kind : RelayKind.values()) {
            String tag = kind.name().toLowerCase(Locale.ROOT);
            enqueued.put(kind, Counter.builder(ENQUEUED).tag("kind", tag).register(registry));
            dropped.put(kind, Counter.builder(DROPPED).tag("kind", tag).register(registry));
        }
        this.dequeueLatency = Timer.builder(DEQUEUE_LATENCY).register(registry);
        this.processLatency = Timer.builder(PROCESS_LATENCY).register(registry);
    }

    public int concurrency() {
        return concurrency;
    }

    /** Starts the workers. */
    public synchronized void start() {
        if (workers != null) {
            throw new IllegalStateException("relay workers already started");
        }
        waiting.set(0);
        queue = Sinks.many().unicast().onBackpressureBuffer(Queues.<RelayRequest<T>>unbounded().get());
        workers = queue.asFlux()
                .doOnNext(request -> waiting.decrementAndGet())
                .flatMap(this::process, concurrency)
                .subscribe();
    }

    private Mono<Void> process(RelayRequest<T> request) {
        long dequeued = clock.now(TimeUnit.NANOSECONDS);
        long waited = dequeued - request.enqueuedNanos();
        dequeueLatency.record(Duration.ofNanos(waited));
        lastDequeue = dequeueWindow.record(TimeUnit.NANOSECONDS.toMicros(waited));
        return Mono.defer(() -> sender.relay(request))
                .onErrorResume(e -> {
                    LOG.debug("relay of {} bytes ({}) failed: {}", request.data().length, request.kind(), e.toString());
                    return Mono.empty();
                })
                .doFinally(signal -> {
                    long took = clock.now(TimeUnit.NANOSECONDS) - dequeued;
                    processLatency.record(Duration.ofNanos(took));
                    lastProcess = processWindow.record(TimeUnit.NANOSECONDS.toMicros(took));
                });
    }

    /**
     * Queues an envelope for relaying without waiting.
     *
     * @return false when the queue is full: the envelope is dropped and counted
     * @throws IllegalStateException when the workers are not running
     */
    public boolean enqueue(T target, byte[] data, RelayKind kind) {
        Sinks.Many<RelayRequest<T>> current;
        synchronized (this) {
            current = queue;
            if (workers == null || current == null) {
                throw new IllegalStateException("relay workers are not started");
            }
            if (waiting.incrementAndGet() > queueSize) {
                waiting.decrementAndGet();
                dropped.get(kind).increment();
                return false;
            }
            if (current.tryEmitNext(new RelayRequest<>(target, data, kind, clock.now(TimeUnit.NANOSECONDS))).isFailure()) {
                waiting.decrementAndGet();
                dropped.get(kind).increment();
                return false;
            }
        }
        enqueued.get(kind).increment();
        return true;
    }

    /** Veilid's "Relay Worker Dequeue Latency" over the last 50 relays; empty before the first. */
    public Optional<LatencyStats> dequeueLatency() {
        return Optional.ofNullable(lastDequeue);
    }

    /** Veilid's "Relay Worker Process Latency" over the last 50 relays; empty before the first. */
    public Optional<LatencyStats> processLatency() {
        return Optional.ofNullable(lastProcess);
    }

    /** Envelopes waiting for a worker. */
    public int queued() {
        return waiting.get();
    }

    /** Stops the workers; queued envelopes are abandoned, sends in progress cancelled. */
    public synchronized void stop() {
        if (workers != null) {
            workers.dispose();
            workers = null;
            queue = null;
        }
    }
}
