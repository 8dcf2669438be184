package io.veilflux.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;

/**
 * What a test node received, in order: subscribes once to an inbound stream (which takes one
 * subscriber) and hands out packets one at a time, waiting at most {@link #WAIT} for each.
 */
public final class ReceivedPackets implements Consumer<InboundPacket> {
    public static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<InboundPacket> queue = new LinkedBlockingQueue<>();

    /** Collects every packet of {@code inbound}. */
    public static ReceivedPackets of(Flux<InboundPacket> inbound) {
        ReceivedPackets received = new ReceivedPackets();
        inbound.subscribe(received);
        return received;
    }

    @Override
    public void accept(InboundPacket packet) {
        queue.add(packet);
    }

    /** The next packet; fails the test if none arrives within {@link #WAIT}. */
    public InboundPacket next() throws InterruptedException {
        InboundPacket packet = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(packet).as("a message within " + WAIT).isNotNull();
        return packet;
    }
}
