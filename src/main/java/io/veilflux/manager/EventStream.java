package io.veilflux.manager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * A hot stream of the node's news that never makes the engine wait: every subscriber gets its own
 * buffer of {@value #BUFFER} items; a subscriber that falls further behind loses the oldest ones,
 * counted in {@code veilflux.net.events.dropped} by stream. Items emitted while nobody listens are
 * counted there too, as {@code <stream>.unsubscribed}.
 */
final class EventStream<T> {
    static final int BUFFER = 256;
    static final String DROPPED = "veilflux.net.events.dropped";

    private final Sinks.Many<T> sink = Sinks.many().multicast().directBestEffort();
    private final Counter slow;
    private final Counter unsubscribed;

    EventStream(String name, MeterRegistry registry) {
        this.slow = Counter.builder(DROPPED).tag("stream", name).register(registry);
        this.unsubscribed = Counter.builder(DROPPED).tag("stream", name + ".unsubscribed").register(registry);
    }

    /** Emits from any thread; emissions are serialized because the sink requires it. */
    synchronized void emit(T item) {
        if (sink.tryEmitNext(item) == Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER) {
            unsubscribed.increment();
        }
    }

    Flux<T> flux() {
        return sink.asFlux().onBackpressureBuffer(BUFFER, dropped -> slow.increment(), BufferOverflowStrategy.DROP_OLDEST);
    }
}
