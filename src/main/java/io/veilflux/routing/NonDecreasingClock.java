package io.veilflux.routing;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.scheduler.Scheduler;

/**
 * Veilid's {@code Timestamp::now_non_decreasing} for our node info timestamps: the scheduler's
 * clock in microseconds, or the last value returned if the clock reads earlier, so a peer never
 * sees our node info go back in time.
 */
final class NonDecreasingClock {
    private final Scheduler source;
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    NonDecreasingClock(Scheduler source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    long now() {
        return last.accumulateAndGet(source.now(TimeUnit.MICROSECONDS), Math::max);
    }
}
