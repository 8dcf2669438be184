package io.veilflux.rpc.tasks;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Veilid's periodic task: on each node tick it starts its routine if a period has passed since
 * the last start and no run is in progress (single flight, never overlapping). The routine gets
 * the last start and the current time in microseconds (0 for the first run) and a stop signal.
 * An error of one run is reported by the next {@link #tick()}.
 */
public final class TickTask {
    private static final Logger LOG = LoggerFactory.getLogger(TickTask.class);

    /** The work of one run. */
    @FunctionalInterface
    public interface Routine {
        Mono<Void> run(Mono<Void> stop, long lastStartMicros, long nowMicros);
    }

    private final String name;
    private final long periodMicros;
    private final Routine routine;
    private final Scheduler clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Sinks.Empty<Void> stop = Sinks.empty();
    private volatile long lastStartMicros;
    private volatile boolean started;
    private volatile Throwable lastError;
    private volatile Mono<Void> current = Mono.empty();

    public TickTask(String name, Duration period, Routine routine, Scheduler clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.periodMicros = TimeUnit.NANOSECONDS.toMicros(period.toNanos());
        this.routine = Objects.requireNonNull(routine, "routine");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts a run if one is due and none is running.
     *
     * @return the previous run's error, as this Mono's error, else empty
     */
    public Mono<Void> tick() {
        Throwable failed = lastError;
        lastError = null;
        long now = clock.now(TimeUnit.MICROSECONDS);
        boolean due = !started || now - lastStartMicros >= periodMicros;
        if (due && running.compareAndSet(false, true)) {
            long previous = started ? lastStartMicros : 0;
            started = true;
            lastStartMicros = now;
            current = Mono.defer(() -> routine.run(stop.asMono(), previous, now))
                    .takeUntilOther(stop.asMono())
                    .doOnError(e -> {
                        LOG.debug("{} failed: {}", name, e.toString());
                        lastError = e;
                    })
                    .onErrorResume(e -> Mono.empty())
                    .doFinally(s -> running.set(false))
                    .cache();
            current.subscribe();
        }
        return failed == null ? Mono.empty() : Mono.error(failed);
    }

    /** Signals the run in progress to stop; completes when it has. */
    public Mono<Void> stop() {
        stop.tryEmitEmpty();
        return current;
    }

    public boolean isRunning() {
        return running.get();
    }
}
