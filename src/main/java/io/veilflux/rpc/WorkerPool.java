package io.veilflux.rpc;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.veilflux.routing.LatencyStats;
import io.veilflux.routing.LatencyStatsAccounting;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Scheduler;

/**
 * Veilid's worker shape, shared by its RPC workers and relay workers: a queue of
 * {@code rpc.queue_size} drained by {@code rpc.concurrency} workers (cores × 16 when configured as
 * 0). Offering to a full queue fails at once, so the producer (the inbound path) never waits; what
 * to count or punish for it is the producer's business. Dequeue and process latencies go to
 * Micrometer timers and to Veilid's rolling latency windows.
 *
 * <p>A worker is a unit of work in progress, not a thread. When one is free and nothing waits, the
 * work starts on the thread that offers it (an inbound lane, on the crypto scheduler), as a Reactor
 * operator would: handing it to another thread would cost a thread wake-up per message, more than
 * decoding most operations. Work that had to queue starts on {@code work} when a worker frees up,
 * each unit a task of its own, never on the thread that finished the last one (which may be a Netty
 * event loop) nor all on one lane.
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
    private final Scheduler work;
    private final Timer dequeueTimer;
    private final Timer processTimer;
    private final LatencyStatsAccounting dequeueWindow = new LatencyStatsAccounting();
    private final LatencyStatsAccounting processWindow = new LatencyStatsAccounting();
    private volatile Run run;

    /**
     * @param name what the workers do, for logs and the timers {@code <name>.dequeue.latency} and
     *             {@code <name>.process.latency}
     * @param queueSize {@code rpc.queue_size} (Veilid: 1024)
     * @param configuredConcurrency {@code rpc.concurrency}; 0 means cores × {@value #WORKERS_PER_CORE}
     * @param worker does one unit of work; its errors are logged and the workers carry on
     * @param clock times the latencies
     * @param work where queued work starts once a worker is free (bounded; never a Netty event loop)
     */
    public WorkerPool(String name, int queueSize, int configuredConcurrency, Function<T, Mono<Void>> worker,
                      MeterRegistry registry, Scheduler clock, Scheduler work) {
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
        this.work = Objects.requireNonNull(work, "work");
        this.dequeueTimer = Timer.builder(name + ".dequeue.latency").register(registry);
        this.processTimer = Timer.builder(name + ".process.latency").register(registry);
    }

    public int concurrency() {
        return concurrency;
    }

    /** Starts the workers. */
    public synchronized void start() {
        if (run != null) {
            throw new IllegalStateException(name + " workers already started");
        }
        run = new Run();
    }

    /**
     * Queues work without waiting, and starts it on this thread if a worker is free.
     *
     * @return false when the queue is full; the work is not queued
     * @throws IllegalStateException when the workers are not running
     */
    public boolean offer(T work) {
        Run current = run;
        if (current == null) {
            throw new IllegalStateException(name + " workers are not started");
        }
        return current.offer(work);
    }

    /** Veilid's dequeue latency over the last 50 units of work; empty before the first. */
    public Optional<LatencyStats> dequeueLatency() {
        return dequeueWindow.stats();
    }

    /** Veilid's process latency over the last 50 units of work; empty before the first. */
    public Optional<LatencyStats> processLatency() {
        return processWindow.stats();
    }

    /** Work waiting for a worker. */
    public int queued() {
        Run current = run;
        return current == null ? 0 : current.waiting.get();
    }

    public boolean isStarted() {
        return run != null;
    }

    /** Stops the workers; queued work is abandoned, work in progress cancelled. */
    public synchronized void stop() {
        Run current = run;
        if (current != null) {
            run = null;
            current.stop();
        }
    }

    /**
     * The workers between one start and the next stop, so that work finishing after a stop cannot
     * touch the counts of a later start.
     */
    private final class Run {
        /** Bounded by {@link #waiting}, which offer() checks before adding. */
        private final Queue<Queued<T>> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger waiting = new AtomicInteger();
        private final AtomicInteger active = new AtomicInteger();
        /** Requests to dispatch; whoever raises it from zero dispatches until it falls back to zero. */
        private final AtomicInteger dispatches = new AtomicInteger();
        private final Set<Worker> inProgress = ConcurrentHashMap.newKeySet();
        private volatile boolean stopped;

        boolean offer(T unit) {
            // Only the offerer's own work runs here, and only ahead of nothing: queued work is
            // spread over the work scheduler, so no lane ends up running every other lane's work.
            if (queue.isEmpty() && tryTakeWorker()) {
                process(unit, OptionalLong.empty());
                return true;
            }
            if (waiting.incrementAndGet() > queueSize) {
                waiting.decrementAndGet();
                return false;
            }
            queue.offer(new Queued<>(unit, clock.now(TimeUnit.NANOSECONDS)));
            dispatch();
            return true;
        }

        private boolean tryTakeWorker() {
            for (int busy = active.get(); busy < concurrency; busy = active.get()) {
                if (active.compareAndSet(busy, busy + 1)) {
                    return true;
                }
            }
            return false;
        }

        /** A worker finished, on whatever thread: queued work, if any, gets its place. */
        void workerFreed() {
            active.decrementAndGet();
            if (!queue.isEmpty()) {
                dispatch();
            }
        }

        /** Gives queued work the free workers, each started on the work scheduler; one thread at a time. */
        private void dispatch() {
            if (dispatches.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                while (!stopped && !queue.isEmpty() && tryTakeWorker()) {
                    Queued<T> next = queue.poll();
                    if (next == null) {
                        active.decrementAndGet();
                        break;
                    }
                    waiting.decrementAndGet();
                    start(next);
                }
                missed = dispatches.addAndGet(-missed);
            } while (missed != 0);
        }

        private void start(Queued<T> queued) {
            try {
                work.schedule(() -> process(queued.work(), OptionalLong.of(queued.enqueuedNanos())));
            } catch (RejectedExecutionException e) {
                active.decrementAndGet();
                LOG.warn("{} dropped a unit of work: its scheduler refused it ({})", name, e.toString());
            }
        }

        /** Runs one unit; {@code enqueuedNanos} is empty for work that started without queueing. */
        private void process(T unit, OptionalLong enqueuedNanos) {
            long dequeued = clock.now(TimeUnit.NANOSECONDS);
            long waited = enqueuedNanos.isPresent() ? dequeued - enqueuedNanos.getAsLong() : 0;
            dequeueTimer.record(waited, TimeUnit.NANOSECONDS);
            dequeueWindow.add(TimeUnit.NANOSECONDS.toMicros(waited));
            Mono.defer(() -> worker.apply(unit))
                    .onErrorResume(e -> {
                        LOG.debug("{} worker failed: {}", name, e.toString());
                        return Mono.empty();
                    })
                    .subscribe(new Worker(dequeued));
        }

        void stop() {
            stopped = true;
            inProgress.forEach(Worker::dispose);
            queue.clear();
            waiting.set(0);
        }

        /** One unit of work in progress: cancelled by a stop, timed when it ends. */
        private final class Worker extends BaseSubscriber<Void> {
            private final long dequeued;

            Worker(long dequeued) {
                this.dequeued = dequeued;
            }

            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                inProgress.add(this);
                if (stopped) {
                    // A stop that iterated before the add above missed this one.
                    dispose();
                    return;
                }
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            protected void hookFinally(SignalType type) {
                inProgress.remove(this);
                long took = clock.now(TimeUnit.NANOSECONDS) - dequeued;
                processTimer.record(took, TimeUnit.NANOSECONDS);
                processWindow.add(TimeUnit.NANOSECONDS.toMicros(took));
                workerFreed();
            }
        }
    }
}
