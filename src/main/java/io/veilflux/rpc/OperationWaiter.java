package io.veilflux.rpc;

import io.veilflux.net.NetworkResult;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * Veilid's operation waiter: questions waiting for their answers (and app calls waiting for the
 * application's reply), by operation id. A waiter is registered before the question leaves, so an
 * answer that overtakes the send still finds it; it is removed when answered, timed out or
 * cancelled, so the table holds only what is in flight.
 *
 * @param <T> the answer
 * @param <C> what the asker keeps with the question (used to validate the answer)
 */
public final class OperationWaiter<T, C> {
    private record Waiting<T, C>(C context, long createdMicros, Sinks.One<T> reply) {
    }

    /** An answer and how long it took, in microseconds. */
    public record Reply<T>(T answer, long latencyMicros) {
        public Reply {
            Objects.requireNonNull(answer, "answer");
        }
    }

    private final Map<Long, Waiting<T, C>> waiting = new ConcurrentHashMap<>();
    private final Scheduler clock;

    public OperationWaiter(Scheduler clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A registered wait for one operation id. */
    public final class Handle {
        private final long opId;
        private final Sinks.One<T> reply;

        private Handle(long opId, Sinks.One<T> reply) {
            this.opId = opId;
            this.reply = reply;
        }

        public long opId() {
            return opId;
        }

        /**
         * The answer, or {@link NetworkResult.Timeout} when none came within {@code timeout}. The wait
         * is removed from the table however it ends, including cancellation.
         */
        public Mono<NetworkResult<Reply<T>>> await(Duration timeout) {
            return Mono.defer(() -> {
                long start = clock.now(TimeUnit.MICROSECONDS);
                return reply.asMono()
                        .map(answer -> NetworkResult.value(new Reply<>(answer, clock.now(TimeUnit.MICROSECONDS) - start)))
                        .timeout(timeout, Mono.fromSupplier(NetworkResult.Timeout::new), clock);
            }).doFinally(signal -> cancel());
        }

        /** Forgets the wait; a late answer is then ignored. */
        public void cancel() {
            waiting.remove(opId);
        }
    }

    /**
     * Registers a wait for {@code opId}.
     *
     * @throws IllegalStateException if the id is already waited for (ids are random 64-bit values,
     *                               so this is a bug, not bad luck)
     */
    public Handle add(long opId, C context) {
        Sinks.One<T> reply = Sinks.one();
        Waiting<T, C> entry = new Waiting<>(context, clock.now(TimeUnit.MICROSECONDS), reply);
        if (waiting.putIfAbsent(opId, entry) != null) {
            throw new IllegalStateException("operation id " + Long.toUnsignedString(opId) + " is already waited for");
        }
        return new Handle(opId, reply);
    }

    /**
     * Hands the answer to its waiter.
     *
     * @return false when nobody waits for {@code opId} (unknown, timed out or answered already)
     */
    public boolean complete(long opId, T answer) {
        Waiting<T, C> entry = waiting.remove(opId);
        return entry != null && entry.reply().tryEmitValue(answer).isSuccess();
    }

    /** What the asker registered with {@code opId}, if it still waits. */
    public Optional<C> context(long opId) {
        return Optional.ofNullable(waiting.get(opId)).map(Waiting::context);
    }

    /** The ids waited for, oldest first. */
    public List<Long> operationIds() {
        return waiting.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> e.getValue().createdMicros()))
                .map(Map.Entry::getKey)
                .toList();
    }

    public int size() {
        return waiting.size();
    }
}
