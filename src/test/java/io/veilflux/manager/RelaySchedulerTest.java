package io.veilflux.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.routing.RelayKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

class RelaySchedulerTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

    private double count(String name, String kind) {
        return registry.get(name).tag("kind", kind).counter().count();
    }

    @Test
    void aFullQueueDropsTheNewEnvelopeAndCountsIt() {
        Sinks.Empty<Void> release = Sinks.empty();
        List<String> relayed = new ArrayList<>();
        RelayScheduler<String> relays = new RelayScheduler<>(2, 1,
                r -> release.asMono().doOnSuccess(v -> relayed.add(r.target())), registry, clock, clock);
        relays.start();
        assertThat(relays.enqueue("a", new byte[1], RelayKind.INBOUND)).as("taken by the one worker").isTrue();
        assertThat(relays.enqueue("b", new byte[1], RelayKind.INBOUND)).isTrue();
        assertThat(relays.enqueue("c", new byte[1], RelayKind.OUTBOUND)).isTrue();
        assertThat(relays.queued()).isEqualTo(2);
        assertThat(relays.enqueue("d", new byte[1], RelayKind.OUTBOUND)).as("queue of 2 is full").isFalse();
        assertThat(count(RelayScheduler.DROPPED, "outbound")).isEqualTo(1);
        assertThat(count(RelayScheduler.ENQUEUED, "inbound")).isEqualTo(2);
        release.tryEmitEmpty();
        assertThat(relayed).containsExactly("a", "b", "c");
        relays.stop();
    }

    @Test
    void atMostConcurrencyRelaysRunAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<Sinks.Empty<Void>> pending = new ArrayList<>();
        RelayScheduler<Integer> relays = new RelayScheduler<>(100, 3, r -> {
            Sinks.Empty<Void> done = Sinks.empty();
            pending.add(done);
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            return done.asMono().doOnTerminate(running::decrementAndGet);
        }, registry, clock, clock);
        relays.start();
        for (int i = 0; i < 10; i++) {
            relays.enqueue(i, new byte[1], RelayKind.INBOUND);
        }
        assertThat(running.get()).isEqualTo(3);
        assertThat(relays.queued()).isEqualTo(7);
        while (!pending.isEmpty()) {
            pending.remove(0).tryEmitEmpty();
        }
        assertThat(peak.get()).isEqualTo(3);
        assertThat(relays.queued()).isZero();
        relays.stop();
    }

    @Test
    void failuresAreLoggedAndTheWorkersCarryOn() {
        List<String> relayed = new ArrayList<>();
        RelayScheduler<String> relays = new RelayScheduler<>(10, 1, r -> "bad".equals(r.target())
                ? Mono.error(new IllegalStateException("no route"))
                : Mono.fromRunnable(() -> relayed.add(r.target())), registry, clock, clock);
        relays.start();
        relays.enqueue("bad", new byte[1], RelayKind.OUTBOUND);
        relays.enqueue("good", new byte[1], RelayKind.OUTBOUND);
        assertThat(relayed).containsExactly("good");
        relays.stop();
    }

    @Test
    void latenciesAreMeasuredOnTheGivenClock() {
        Sinks.Empty<Void> release = Sinks.empty();
        RelayScheduler<String> relays = new RelayScheduler<>(10, 1, r -> release.asMono(), registry, clock, clock);
        relays.start();
        relays.enqueue("a", new byte[1], RelayKind.INBOUND);
        clock.advanceTimeBy(Duration.ofMillis(250));
        release.tryEmitEmpty();
        assertThat(registry.get(RelayScheduler.PROCESS_LATENCY).timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(250.0);
        assertThat(relays.processLatency()).hasValueSatisfying(l -> assertThat(l.slowest()).isEqualTo(250_000));
        assertThat(relays.dequeueLatency()).hasValueSatisfying(l -> assertThat(l.slowest()).isZero());
        relays.stop();
    }

    @Test
    void zeroConcurrencyMeansSixteenPerCoreAndStoppedMeansRefused() {
        RelayScheduler<String> relays = new RelayScheduler<>(10, 0, r -> Mono.empty(), registry, clock, clock);
        assertThat(relays.concurrency()).isEqualTo(Runtime.getRuntime().availableProcessors() * 16);
        assertThatThrownBy(() -> relays.enqueue("a", new byte[1], RelayKind.INBOUND)).hasMessageContaining("not started");
        assertThatThrownBy(() -> new RelayScheduler<String>(0, 1, r -> Mono.empty(), registry, clock, clock))
                .hasMessageContaining("rpc.queue_size");
    }
}
