package io.veilflux.rpc;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.veilflux.routing.LatencyStats;
import io.veilflux.routing.LatencyStatsAccounting;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.util.concurrent.Queues;

/**
 * Veilid's worker shape, shared by its RPC workers and relay workers: a queue of
 * {@code rpc.queue_size} drained by {@code rpc.concurrency} workers (cores × 16 when configured as
 * 0). Offering to a full queue fails at once, so the producer (the inbound path) never waits; what
 * to count or punish for it is the producer's business. Dequeue and process latencies go to
 * Micrometer timers and to Veilid's rolling latency windows.
 *
 * @param <T> one unit of work
 */
public final class WorkerPool<T> {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    /** Veilid's workers per core when {@code rpc.concurrency} is 0. */
    public static final int WORKERS_PER_CORE = 16;

    private record Queued<T>(T work, long enqueuedNanos) {
    }

    private final String name;
    private final int queueSize;
    private final int concurrency;
    private final Function<T, Mono<Void>> worker;
    private final Scheduler clock;
    private final Timer dequeueTimer;
    private final Timer processTimer;
    private final AtomicInteger waiting = new AtomicInteger();
    private final LatencyStatsAccounting dequeueWindow = new LatencyStatsAccounting();
    private final LatencyStatsAccounting processWindow = new LatencyStatsAccounting();
    private volatile LatencyStats lastDequeue;
    private volatile LatencyStats lastProcess;
    private Sinks.Many<Queued<T>> queue;
    private Disposable workers;

    /**
     * @param name what the workers do, for logs and the timers {@code <name>.dequeue.latency} and
     *             {@code <name>.process.latency}
     * @param queueSize {@code rpc.queue_size} (Veilid: 1024)
     * @param configuredConcurrency {@code rpc.concurrency}; 0 means cores × {@value #WORKERS_PER_CORE}
     * @param worker does one unit of work; its errors are logged and the workers carry on
     */
    public WorkerPool(String name, int queueSize, int configuredConcurrency, Function<T, Mono<Void>> worker,
                      MeterRegistry registry, Scheduler clock) {
        if (queueSize < 1) {
            throw new IllegalArgumentException("rpc.queue_size must be at least 1, got " + queueSize);
        }
        if (configuredConcurrency < 0) {
            throw new IllegalArgumentException("rpc.concurrency cannot be negative, got " + configuredConcurrency);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.queueSize = queueSize;
        this.concurrency = configuredConcurrency == 0
                ? Math.max(1, Runtime.getRuntime().availableProcessors()) * WORKERS_PER_CORE
                : configuredConcurrency;
        this.worker = Objects.requireNonNull(worker, "worker");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dequeueTimer = Timer.builder(name + ".dequeue.latency").register(registry);
        this.processTimer = Timer.builder(name + ".process.latency").register(registry);
    }

    public int concurrency() {
        return concurrency;
    }

    /** Starts the workers. */
    public synchronized void start() {
        if (workers != null) {
            throw new IllegalStateException(name + " workers already started");
        }
        waiting.set(0);
        // The queue is bounded by the waiting count checked in offer(), not by the sink.
        queue = Sinks.many().unicast().onBackpressureBuffer(Queues.<Queued<T>>unbounded().get());
        workers = queue.asFlux()
                .doOnNext(queued -> waiting.decrementAndGet())
                .flatMap(this::process, concurrency)
                .subscribe();
    }

    private Mono<Void> process(Queued<T> queued) {
        long dequeued = clock.now(TimeUnit.NANOSECONDS);
        long waited = dequeued - queued.enqueuedNanos();
        dequeueTimer.record(Duration.ofNanos(waited));
        lastDequeue = dequeueWindow.record(TimeUnit.NANOSECONDS.toMicros(waited));
        return Mono.defer(() -> worker.apply(queued.work()))
                .onErrorResume(e -> {
                    LOG.debug("{} worker failed: {}", name, e.toString());
                    return Mono.empty();
                })
                .doFinally(signal -> {
                    long took = clock.now(TimeUnit.NANOSECONDS) - dequeued;
                    processTimer.record(Duration.ofNanos(took));
                    lastProcess = processWindow.record(TimeUnit.NANOSECONDS.toMicros(took));
                });
    }

    /**
     * Queues work without waiting.
     *
     * @return false when the queue is full; the work is not queued
     * @throws IllegalStateException when the workers are not running
     */
    public boolean offer(T work) {
        synchronized (this) {
            if (workers == null) {
                throw new IllegalStateException(name + " workers are not started");
            }
            if (waiting.incrementAndGet() > queueSize) {
                waiting.decrementAndGet();
                return false;
            }
            if (queue.tryEmitNext(new Queued<>(work, clock.now(TimeUnit.NANOSECONDS))).isFailure()) {
                waiting.decrementAndGet();
                return false;
            }
            return true;
        }
    }

    /** Veilid's dequeue latency over the last 50 units of work; empty before the first. */
    public Optional<LatencyStats> dequeueLatency() {
        return Optional.ofNullable(lastDequeue);
    }

    /** Veilid's process latency over the last 50 units of work; empty before the first. */
    public Optional<LatencyStats> processLatency() {
        return Optional.ofNullable(lastProcess);
    }

    /** Work waiting for a worker. */
    public int queued() {
        return waiting.get();
    }

    public synchronized boolean isStarted() {
        return workers != null;
    }

    /** Stops the workers; queued work is abandoned, work in progress cancelled. */
    public synchronized void stop() {
        if (workers != null) {
            workers.dispose();
            workers = null;
            queue = null;
        }
    }
}
