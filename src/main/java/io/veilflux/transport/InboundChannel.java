package io.veilflux.transport;

import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

/**
 * The bounded hand-off from every transport's event loops to the one consumer of inbound
 * packets. Event loops never wait: when the consumer falls behind and {@code capacity} packets
 * are waiting, the new packet is dropped and counted as {@code inbound_queue_full}.
 */
public final class InboundChannel {
    /** Default capacity: Veilid's default {@code rpc.queue_size}. */
    public static final int DEFAULT_CAPACITY = 1024;

    /** Unsafe (unserialized) because {@link #offer} already serialises emitters with its own lock. */
    private final Sinks.Many<InboundPacket> sink = Sinks.unsafe().many().unicast()
            .onBackpressureBuffer(Queues.<InboundPacket>unbounded().get());
    private final AtomicInteger waiting = new AtomicInteger();
    private final int capacity;
    private final TransportMeters meters;

    public InboundChannel(int capacity, TransportMeters meters) {
        if (capacity < 1) {
            throw new IllegalArgumentException("inbound capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.meters = meters;
    }

    /** Hands a packet on, or drops and counts it when the consumer is too far behind. */
    void offer(InboundPacket packet) {
        if (waiting.incrementAndGet() > capacity) {
            waiting.decrementAndGet();
            meters.dropped(packet.flow().protocol(), "inbound_queue_full");
            return;
        }
        Sinks.EmitResult result;
        // Several event loops emit; the sink takes them one at a time.
        synchronized (this) {
            result = sink.tryEmitNext(packet);
        }
        if (result.isFailure()) {
            waiting.decrementAndGet();
            meters.dropped(packet.flow().protocol(), "inbound_closed");
        }
    }

    /** Every inbound packet of every transport, for one subscriber. It never errors on bad input. */
    public Flux<InboundPacket> packets() {
        return sink.asFlux().doOnNext(p -> waiting.decrementAndGet());
    }

    /** Completes the flux (at shutdown). */
    public synchronized void close() {
        sink.tryEmitComplete();
    }
}
