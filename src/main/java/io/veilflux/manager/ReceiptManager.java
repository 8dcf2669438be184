package io.veilflux.manager;

import io.veilflux.crypto.Nonce;
import io.veilflux.rpc.ReceiptEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Veilid's receipt manager: the receipts we handed out, by nonce, until they come back often
 * enough or expire. A single-shot receipt answers with one {@link ReceiptEvent} through a Mono
 * (and {@code Cancelled} if its record is dropped); a multi-shot receipt calls its
 * {@link ReceiptCallback} for each event. Expiry runs on {@link #tick()}, so its granularity is
 * the tick period, as in Veilid. Time is read from the given scheduler's clock (virtual in tests).
 */
public final class ReceiptManager {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptManager.class);

    /** How a returned receipt was handled. */
    public enum Handled {
        /** Its record was found and the event fired. */
        HANDLED,
        /** The manager is stopping: silently ignored. */
        IGNORED_STOPPING,
        /** No record with that nonce (Veilid: InvalidMessage "receipt not recorded"). */
        NOT_RECORDED
    }

    /** One outstanding receipt: a single-shot sink or a callback, never both. */
    private static final class Record {
        final long expirationMicros;
        final int expectedReturns;
        final Sinks.One<ReceiptEvent> singleShot;
        final ReceiptCallback callback;
        int returnsSoFar;

        Record(long expirationMicros, int expectedReturns, Sinks.One<ReceiptEvent> singleShot, ReceiptCallback callback) {
            this.expirationMicros = expirationMicros;
            this.expectedReturns = expectedReturns;
            this.singleShot = singleShot;
            this.callback = callback;
        }

        /** Fires {@code event}: resolves the single shot, or returns the callback's work. */
        Mono<Void> fire(ReceiptEvent event, Nonce nonce) {
            if (singleShot != null) {
                singleShot.tryEmitValue(event);
                return Mono.empty();
            }
            return Mono.defer(() -> callback.onEvent(event, nonce, returnsSoFar, expectedReturns))
                    .onErrorResume(e -> {
                        LOG.warn("receipt callback failed for {}: {}", nonce, e.toString());
                        return Mono.empty();
                    });
        }
    }

    private final Scheduler clock;
    private final Map<Nonce, Record> records = new HashMap<>();
    private OptionalLong nextOldest = OptionalLong.empty();
    private boolean started;
    private Sinks.Empty<Void> stop = Sinks.empty();

    public ReceiptManager(Scheduler clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private long nowMicros() {
        return clock.now(TimeUnit.MICROSECONDS);
    }

    public synchronized void startup() {
        started = true;
        stop = Sinks.empty();
    }

    /**
     * Drops every record: single-shot waiters receive {@code Cancelled}, callbacks in progress are
     * abandoned.
     */
    public void shutdown() {
        List<Record> dropped;
        synchronized (this) {
            if (!started) {
                LOG.error("receipt manager shut down twice");
                return;
            }
            started = false;
            stop.tryEmitEmpty();
            dropped = new ArrayList<>(records.values());
            records.clear();
            nextOldest = OptionalLong.empty();
        }
        dropped.forEach(ReceiptManager::cancelSingleShot);
    }

    private static void cancelSingleShot(Record record) {
        if (record.singleShot != null) {
            record.singleShot.tryEmitValue(new ReceiptEvent.Cancelled());
        }
    }

    /**
     * Records a single-shot receipt expiring at {@code expirationMicros}: the Mono answers with
     * the first event. A manager that is not running answers {@code Cancelled} at once.
     */
    public Mono<ReceiptEvent> recordSingleShot(Nonce nonce, long expirationMicros) {
        Sinks.One<ReceiptEvent> sink = Sinks.one();
        insert(nonce, new Record(expirationMicros, 1, sink, null));
        return sink.asMono();
    }

    /**
     * Records a multi-shot receipt: {@code callback} hears every return until
     * {@code expectedReturns} arrived (0: until it expires), then {@code Expired} if time runs out.
     */
    public void record(Nonce nonce, long expirationMicros, int expectedReturns, ReceiptCallback callback) {
        if (expectedReturns < 0) {
            throw new IllegalArgumentException("expected returns cannot be negative: " + expectedReturns);
        }
        insert(nonce, new Record(expirationMicros, expectedReturns, null, Objects.requireNonNull(callback, "callback")));
    }

    private void insert(Nonce nonce, Record record) {
        Record replaced;
        synchronized (this) {
            if (!started) {
                LOG.debug("receipt manager not started: not recording {}", nonce);
                replaced = record;
            } else {
                replaced = records.put(nonce, record);
                recomputeNextOldest();
            }
        }
        if (replaced != null) {
            cancelSingleShot(replaced);
        }
    }

    /** Cancels a receipt; false when none with that nonce is recorded. */
    public Mono<Boolean> cancel(Nonce nonce) {
        Record record;
        Mono<Void> stopped;
        synchronized (this) {
            record = records.remove(nonce);
            if (record == null) {
                return Mono.just(false);
            }
            recomputeNextOldest();
            stopped = stop.asMono();
        }
        return record.fire(new ReceiptEvent.Cancelled(), nonce).takeUntilOther(stopped).thenReturn(true);
    }

    /**
     * A receipt came back. Fires its event; the record goes once it came back as often as
     * expected. Completes when a callback has finished with the event.
     */
    public Mono<Handled> handleReceipt(Nonce nonce, ReceiptEvent.Returned returned) {
        return Mono.defer(() -> {
            Record record;
            Mono<Void> stopped;
            synchronized (this) {
                if (!started) {
                    return Mono.error(new IllegalStateException("receipt manager not started"));
                }
                record = records.get(nonce);
                if (record == null) {
                    return Mono.just(Handled.NOT_RECORDED);
                }
                record.returnsSoFar++;
                if (record.returnsSoFar == record.expectedReturns) {
                    records.remove(nonce);
                    recomputeNextOldest();
                }
                stopped = stop.asMono();
            }
            return record.fire(returned, nonce).takeUntilOther(stopped).thenReturn(Handled.HANDLED);
        });
    }

    /**
     * The expiry check, run from the node's tick: records whose expiration has passed are removed
     * and told {@code Expired}. Completes when their callbacks are done (or the manager stops).
     */
    public Mono<Void> tick() {
        return Mono.defer(() -> {
            long now = nowMicros();
            List<Map.Entry<Nonce, Record>> expired = new ArrayList<>();
            Mono<Void> stopped;
            synchronized (this) {
                if (!started || nextOldest.isEmpty() || now < nextOldest.getAsLong()) {
                    return Mono.empty();
                }
                for (Iterator<Map.Entry<Nonce, Record>> it = records.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<Nonce, Record> entry = it.next();
                    if (entry.getValue().expirationMicros <= now) {
                        expired.add(Map.entry(entry.getKey(), entry.getValue()));
                        it.remove();
                    }
                }
                recomputeNextOldest();
                stopped = stop.asMono();
            }
            return Flux.fromIterable(expired)
                    .flatMap(e -> e.getValue().fire(new ReceiptEvent.Expired(), e.getKey()))
                    .takeUntilOther(stopped)
                    .then();
        });
    }

    /** Outstanding receipts (for stats and the debug snapshot). */
    public synchronized int outstanding() {
        return records.size();
    }

    private void recomputeNextOldest() {
        nextOldest = records.values().stream().mapToLong(r -> r.expirationMicros).min();
    }
}
