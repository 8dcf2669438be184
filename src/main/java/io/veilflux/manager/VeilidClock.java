package io.veilflux.manager;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.scheduler.Scheduler;

/**
 * Veilid's timestamps: microseconds since the UNIX epoch, read from a Reactor scheduler's clock
 * (virtual in tests), with its two monotonic variants. {@link #nowIncreasing()} never repeats
 * (envelope timestamps); {@link #nowNonDecreasing()} never goes back.
 */
public final class VeilidClock {
    private final Scheduler source;
    private final AtomicLong lastIncreasing = new AtomicLong();
    private final AtomicLong lastNonDecreasing = new AtomicLong();

    public VeilidClock(Scheduler source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    /** The raw clock, in microseconds. */
    public long now() {
        return source.now(TimeUnit.MICROSECONDS);
    }

    /** The clock, or one microsecond past the last value returned when the clock has not moved on. */
    public long nowIncreasing() {
        long now = now();
        return lastIncreasing.accumulateAndGet(now, (last, clock) -> clock > last ? clock : last + 1);
    }

    /** The clock, or the last value returned when the clock reads earlier. */
    public long nowNonDecreasing() {
        long now = now();
        return lastNonDecreasing.accumulateAndGet(now, Math::max);
    }
}
