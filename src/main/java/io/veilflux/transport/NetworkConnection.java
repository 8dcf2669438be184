package io.veilflux.transport;

import io.veilflux.net.DialInfo;
import io.veilflux.net.Flow;
import io.veilflux.net.ProtocolType;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.util.concurrent.Queues;

/**
 * One TCP, WS or WSS connection: its id and flow, the dial info it was made from (outbound
 * only, so it can be dialled again), a bounded outbound queue, and an inactivity timer that only
 * received messages reset (sending does not keep a connection alive, as in Veilid).
 */
public final class NetworkConnection {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkConnection.class);
    private final int outboundQueueCapacity;
    private final long id;
    private final Flow flow;
    private final Optional<DialInfo> dialInfo;
    private final MessageLink link;
    /** Unsafe (unserialized) because {@link #send} serialises its callers with its own lock. */
    private final Sinks.Many<byte[]> outbound = Sinks.unsafe().many().unicast()
            .onBackpressureBuffer(Queues.<byte[]>unbounded().get());
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger refs = new AtomicInteger();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile boolean protectedConnection;
    private volatile Disposable running;
    /** When the last message arrived, in the timer's nanoseconds; one write per message, no timer work. */
    private volatile long lastReceived;
    /** The connection table's recency stamp. */
    private volatile long lastUse;
    private volatile Activity activity = (received, length) -> { };

    /** Told of every message queued or received, to keep recency and meters. */
    interface Activity {
        void message(boolean received, int length);
    }

    /** @param outboundQueueCapacity past this many waiting messages a send reports NotSent (Veilid's queue is unbounded) */
    NetworkConnection(long id, Flow flow, Optional<DialInfo> dialInfo, MessageLink link, int outboundQueueCapacity) {
        this.outboundQueueCapacity = outboundQueueCapacity;
        this.id = id;
        this.flow = Objects.requireNonNull(flow, "flow");
        this.dialInfo = Objects.requireNonNull(dialInfo, "dialInfo");
        this.link = Objects.requireNonNull(link, "link");
        if (!flow.protocol().isOrdered()) {
            throw new IllegalArgumentException("UDP flows have no connection: " + flow);
        }
    }

    public long id() {
        return id;
    }

    public Flow flow() {
        return flow;
    }

    public ProtocolType protocol() {
        return flow.protocol();
    }

    /** The dial info an outbound connection was made from; empty for accepted ones. */
    public Optional<DialInfo> dialInfo() {
        return dialInfo;
    }

    long lastUse() {
        return lastUse;
    }

    void markUsed(long stamp) {
        lastUse = stamp;
    }

    /** Whether someone holds a {@link #use()} scope: then LRU eviction spares it. */
    public boolean isInUse() {
        return refs.get() > 0;
    }

    /** Marks the connection as in use until the returned scope is closed. */
    public AutoCloseable use() {
        refs.incrementAndGet();
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                refs.decrementAndGet();
            }
        };
    }

    /** Protected connections (to our relays) are never evicted. */
    public boolean isProtected() {
        return protectedConnection;
    }

    public void setProtected(boolean value) {
        protectedConnection = value;
    }

    /**
     * Queues a message. True means queued (Veilid's {@code Sent}), not yet written; false means
     * the connection has ended or its queue is full ({@code NotSent}).
     */
    public boolean send(byte[] message) {
        if (message.length > UdpTransport.MAX_MESSAGE_SIZE) {
            throw new IllegalArgumentException("message of " + message.length + " bytes exceeds the maximum of "
                    + UdpTransport.MAX_MESSAGE_SIZE);
        }
        if (finished.get()) {
            return false;
        }
        if (queued.incrementAndGet() > outboundQueueCapacity) {
            queued.decrementAndGet();
            return false;
        }
        Sinks.EmitResult result;
        synchronized (outbound) {
            result = outbound.tryEmitNext(message);
        }
        if (result.isFailure()) {
            queued.decrementAndGet();
            return false;
        }
        activity.message(false, message.length);
        return true;
    }

    /**
     * Starts reading and writing. Received messages go to {@code inbound}; each one also restarts
     * the inactivity period. Every message either way is reported to {@code activity}. The
     * connection finishes on the peer's close, broken framing, a write error, inactivity or
     * {@link #close()}; {@code onFinish} runs once then.
     */
    void start(InboundChannel inbound, Duration inactivity, Scheduler timer, Activity activity, Runnable onFinish) {
        this.activity = activity;
        Mono<Void> reading = link.receive()
                .doOnNext(message -> {
                    lastReceived = timer.now(TimeUnit.NANOSECONDS);
                    activity.message(true, message.length);
                    inbound.offer(new InboundPacket(message, flow));
                })
                .then();
        lastReceived = timer.now(TimeUnit.NANOSECONDS);
        Mono<Void> idle = Mono.<Void>create(sink -> {
            IdleCheck check = new IdleCheck(sink, inactivity.toNanos(), timer);
            sink.onDispose(check);
            check.schedule(inactivity.toNanos());
        });
        Mono<Void> writing = link.send(outbound.asFlux().doOnNext(m -> queued.decrementAndGet()));
        // Whichever ends first ends the connection; an error is just another way to end.
        running = Mono.firstWithSignal(quiet(idle), quiet(reading), quiet(writing), link.onClose())
                .doFinally(signal -> finish(onFinish))
                .subscribe();
    }

    /**
     * The inactivity timer: wakes at the earliest possible deadline and, if a message arrived in
     * the meantime, sleeps again for the rest of the period from that message.
     */
    private final class IdleCheck implements Disposable {
        private final MonoSink<Void> sink;
        private final long periodNanos;
        private final Scheduler timer;
        private volatile Disposable pending;

        IdleCheck(MonoSink<Void> sink, long periodNanos, Scheduler timer) {
            this.sink = sink;
            this.periodNanos = periodNanos;
            this.timer = timer;
        }

        void schedule(long delayNanos) {
            pending = timer.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        }

        private void check() {
            long idleFor = timer.now(TimeUnit.NANOSECONDS) - lastReceived;
            if (idleFor >= periodNanos) {
                LOG.debug("closing {} after {} ms without a message", flow, TimeUnit.NANOSECONDS.toMillis(periodNanos));
                sink.success();
            } else {
                schedule(periodNanos - idleFor);
            }
        }

        @Override
        public void dispose() {
            Disposable p = pending;
            if (p != null) {
                p.dispose();
            }
        }
    }

    private Mono<Void> quiet(Mono<Void> ending) {
        return ending.onErrorResume(e -> {
            LOG.debug("connection {} ended: {}", flow, e.toString());
            return Mono.empty();
        });
    }

    private void finish(Runnable onFinish) {
        if (finished.compareAndSet(false, true)) {
            synchronized (outbound) {
                outbound.tryEmitComplete();
            }
            // Out of the table first, so nobody picks a connection that is closing.
            onFinish.run();
            link.close();
        }
    }

    /** Closes the connection; {@link #onClose()} completes when the socket is gone. */
    public void close() {
        Disposable r = running;
        if (r != null) {
            r.dispose();
        }
        link.close();
    }

    public Mono<Void> onClose() {
        return link.onClose();
    }

    @Override
    public String toString() {
        return "connection " + id + " " + flow;
    }
}
