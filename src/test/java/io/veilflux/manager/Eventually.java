package io.veilflux.manager;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Waits for a condition another node's threads make true, where no event marks the moment (such as
 * a meter counting a dropped packet). Polls every 10 ms, on a thread that may wait for the routing
 * table's lock; fails after {@code timeout}.
 */
final class Eventually {
    private Eventually() {
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        Boolean met = Flux.interval(Duration.ZERO, Duration.ofMillis(10), Schedulers.boundedElastic())
                .map(tick -> condition.getAsBoolean())
                .filter(Boolean::booleanValue)
                .take(timeout)
                .blockFirst();
        if (met == null) {
            throw new AssertionError("not within " + timeout + ": " + what);
        }
    }
}
