package io.veilflux.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.net.Address;
import io.veilflux.net.SocketAddress;
import io.veilflux.routing.RoutingDomain;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

class NodeEventStreamTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final NodeEventStream stream = new NodeEventStream(registry);

    /** An event told apart from the others by its port. */
    private static NodeEvent event(int port) {
        return new NodeEvent.SocketAddressChanged(RoutingDomain.PUBLIC_INTERNET,
                new SocketAddress(Address.parse("127.0.0.1"), port), Optional.empty(), List.of());
    }

    private static int port(NodeEvent event) {
        return ((NodeEvent.SocketAddressChanged) event).socketAddress().port();
    }

    private double dropped() {
        return registry.get(NodeEventStream.DROPPED).counter().count();
    }

    @Test
    void aSubscriberThatRequestsNothingKeepsTheNewestEventsAndTheRestAreCounted() {
        int emitted = NodeEventStream.BUFFER + 44;
        List<Integer> fast = new CopyOnWriteArrayList<>();
        Disposable fastSubscriber = stream.flux().subscribe(e -> fast.add(port(e)));

        StepVerifier.create(stream.flux(), 0)
                .then(() -> IntStream.rangeClosed(1, emitted).forEach(i -> stream.emit(event(i))))
                .then(() -> assertThat(dropped()).isEqualTo(44))
                .thenRequest(Long.MAX_VALUE)
                .expectNextSequence(IntStream.rangeClosed(45, emitted).mapToObj(NodeEventStreamTest::event).toList())
                .thenCancel()
                .verify(Duration.ofSeconds(5));

        assertThat(fast).as("a slow subscriber does not hold back another")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, emitted).boxed().toList());
        fastSubscriber.dispose();
    }

    @Test
    void eventsWithoutSubscribersAreNeitherKeptNorCountedAsDropped() {
        stream.emit(event(1));

        StepVerifier.create(stream.flux())
                .then(() -> stream.emit(event(2)))
                .assertNext(e -> assertThat(port(e)).isEqualTo(2))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
        assertThat(dropped()).isZero();
    }
}
