package io.veilflux.node;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The hot stream behind {@link VeilfluxNode#events()}: emitting never waits for a subscriber.
 * Each subscriber has its own buffer of {@value #BUFFER} events; one that falls further behind
 * loses its oldest events, counted in {@value #DROPPED}. Events emitted while nobody subscribes
 * are not kept.
 */
final class NodeEventStream {
    static final int BUFFER = 256;
    static final String DROPPED = "veilflux.node.events.dropped";

    private final Sinks.Many<NodeEvent> sink = Sinks.many().multicast().directBestEffort();
    private final Counter dropped;

    NodeEventStream(MeterRegistry registry) {
        this.dropped = Counter.builder(DROPPED)
                .description("node events a slow events() subscriber lost")
                .register(registry);
    }

    /** Emits from any thread; emissions are serialized because the sink requires it. */
    synchronized void emit(NodeEvent event) {
        sink.tryEmitNext(event);
    }

    Flux<NodeEvent> flux() {
        return sink.asFlux().onBackpressureBuffer(BUFFER, lost -> dropped.increment(), BufferOverflowStrategy.DROP_OLDEST);
    }
}
