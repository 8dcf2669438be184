package io.veilflux.routing;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers peer-info changes to the listener one at a time and in the order they were queued,
 * without holding a domain's lock while the listener runs: events are queued under the lock,
 * then whichever thread finds the queue idle drains it (the usual work-in-progress loop).
 */
final class PeerInfoChangeEvents {
    private static final Logger LOG = LoggerFactory.getLogger(PeerInfoChangeEvents.class);

    private final Consumer<PeerInfoChangeEvent> listener;
    private final Queue<PeerInfoChangeEvent> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();

    PeerInfoChangeEvents(Consumer<PeerInfoChangeEvent> listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Queues an event; call under the lock that ordered the change. */
    void enqueue(PeerInfoChangeEvent event) {
        queue.add(event);
    }

    /** Delivers queued events; call after releasing the lock. */
    void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            PeerInfoChangeEvent event;
            while ((event = queue.poll()) != null) {
                try {
                    listener.accept(event);
                } catch (RuntimeException e) {
                    LOG.warn("peer info change listener failed on {}", event.routingDomain(), e);
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }
}
