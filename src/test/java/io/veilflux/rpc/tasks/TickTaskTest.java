package io.veilflux.rpc.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class TickTaskTest {
    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

    @Test
    void runsAtMostOncePerPeriodAndGetsItsLastStart() {
        List<long[]> runs = new ArrayList<>();
        TickTask task = new TickTask("test", Duration.ofSeconds(60),
                (stop, last, now) -> Mono.fromRunnable(() -> runs.add(new long[] {last, now})), clock);
        task.tick().block();
        clock.advanceTimeBy(Duration.ofSeconds(59));
        task.tick().block();
        assertThat(runs).hasSize(1);
        clock.advanceTimeBy(Duration.ofSeconds(1));
        task.tick().block();
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0)[0]).as("first run: no last start").isZero();
        assertThat(runs.get(1)[0]).isEqualTo(runs.get(0)[1]);
        assertThat(runs.get(1)[1] - runs.get(1)[0]).isEqualTo(60_000_000L);
    }

    @Test
    void aRunInProgressIsNeverOverlapped() {
        Sinks.Empty<Void> finish = Sinks.empty();
        int[] starts = {0};
        TickTask task = new TickTask("slow", Duration.ofSeconds(1), (stop, last, now) -> {
            starts[0]++;
            return finish.asMono();
        }, clock);
        task.tick().block();
        clock.advanceTimeBy(Duration.ofSeconds(5));
        task.tick().block();
        assertThat(starts[0]).isEqualTo(1);
        assertThat(task.isRunning()).isTrue();
        finish.tryEmitEmpty();
        task.tick().block();
        assertThat(starts[0]).isEqualTo(2);
    }

    @Test
    void anErrorIsReportedByTheNextTick() {
        TickTask task = new TickTask("failing", Duration.ofSeconds(1),
                (stop, last, now) -> Mono.error(new IllegalStateException("boom")), clock);
        StepVerifier.create(task.tick()).verifyComplete();
        StepVerifier.create(task.tick()).expectErrorMessage("boom").verify();
        StepVerifier.create(task.tick()).verifyComplete();
    }

    @Test
    void stopEndsTheRunInProgress() {
        TickTask task = new TickTask("endless", Duration.ofSeconds(1), (stop, last, now) -> Mono.never(), clock);
        task.tick().block();
        assertThat(task.isRunning()).isTrue();
        StepVerifier.create(task.stop()).verifyComplete();
        assertThat(task.isRunning()).isFalse();
    }
}
