package io.veilflux.routing;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps one routing table entry safe from bucket kicks until closed (Java's stand-in for Veilid's
 * reference counting). Closing twice is harmless; closing the entry's last pin queues its buckets
 * for the next kick, as dropping Veilid's last reference does.
 */
public final class NodeRefPin implements AutoCloseable {
    private final RoutingTable table;
    private final BucketEntry entry;
    private final AtomicBoolean closed = new AtomicBoolean();

    NodeRefPin(RoutingTable table, BucketEntry entry) {
        this.table = table;
        this.entry = entry;
    }

    /** A handle to the pinned entry. */
    public NodeRef nodeRef() {
        return new NodeRef(table, entry);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            table.unpin(entry);
        }
    }
}
