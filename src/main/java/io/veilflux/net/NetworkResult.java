package io.veilflux.net;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of a network operation that may fail for ordinary network reasons, kept apart from
 * errors (bugs, shutdown races), which travel as {@code Mono.error}: a value, or why there is none.
 */
public sealed interface NetworkResult<T> {

    record Value<T>(T value) implements NetworkResult<T> {
        public Value {
            Objects.requireNonNull(value, "value");
        }
    }

    record Timeout<T>() implements NetworkResult<T> {
    }

    record ServiceUnavailable<T>(String reason) implements NetworkResult<T> {
    }

    record NoConnection<T>(String reason) implements NetworkResult<T> {
    }

    record AlreadyExists<T>(String reason) implements NetworkResult<T> {
    }

    record InvalidMessage<T>(String reason) implements NetworkResult<T> {
    }

    /** Veilid's {@code ()}: an operation that succeeded with nothing to return. */
    enum Done {
        DONE
    }

    static <T> NetworkResult<T> value(T value) {
        return new Value<>(value);
    }

    static NetworkResult<Done> done() {
        return new Value<>(Done.DONE);
    }

    default boolean isValue() {
        return this instanceof Value;
    }

    /** The value mapped; any other outcome carried over unchanged. */
    @SuppressWarnings("unchecked")
    default <R> NetworkResult<R> map(Function<? super T, ? extends R> mapper) {
        if (this instanceof Value<T> v) {
            return new Value<>(mapper.apply(v.value()));
        }
        // The non-value variants hold no T, so they are the same outcome for any R.
        return (NetworkResult<R>) this;
    }

    /**
     * This outcome as a result of another type, for passing a failure up unchanged.
     *
     * @throws IllegalStateException if this is a value, which cannot change its type
     */
    @SuppressWarnings("unchecked")
    default <R> NetworkResult<R> withoutValue() {
        if (this instanceof Value) {
            throw new IllegalStateException("a value cannot pass as a failure: " + this);
        }
        return (NetworkResult<R>) this;
    }
}
