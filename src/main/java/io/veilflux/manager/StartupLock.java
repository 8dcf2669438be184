package io.veilflux.manager;

import java.util.Optional;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Veilid's startup lock: a component is shut down or started, and in between it is in
 * transition. Work enters only while it is started ({@link #enter()}); shutdown first raises the
 * stop signal, refuses new entries, then waits for the entered work to leave.
 */
public final class StartupLock {

    /** Why a transition or an entry was refused. */
    public static final class StateException extends IllegalStateException {
        StateException(String message) {
            super(message);
        }
    }

    /** Held while entered work runs; close it when the work is done. */
    public interface Entry extends AutoCloseable {
        @Override
        void close();
    }

    private enum State { SHUT_DOWN, STARTING, STARTED, SHUTTING_DOWN }

    private State state = State.SHUT_DOWN;
    private int entries;
    private Sinks.Empty<Void> stop = Sinks.empty();
    private Sinks.Empty<Void> drained;

    /**
     * Begins starting: refused unless shut down. Call {@link #started()} when startup succeeded,
     * or {@link #abortStartup()} when it failed.
     */
    public synchronized void beginStartup() {
        if (state != State.SHUT_DOWN) {
            throw new StateException("already started (or in transition): " + state);
        }
        state = State.STARTING;
        stop = Sinks.empty();
    }

    public synchronized void started() {
        requireState(State.STARTING);
        state = State.STARTED;
    }

    public synchronized void abortStartup() {
        requireState(State.STARTING);
        state = State.SHUT_DOWN;
    }

    /** Enters if started; empty otherwise (not started, or stopping). */
    public synchronized Optional<Entry> enter() {
        if (state != State.STARTED) {
            return Optional.empty();
        }
        entries++;
        boolean[] closed = {false};
        return Optional.of(() -> leave(closed));
    }

    private synchronized void leave(boolean[] closed) {
        if (closed[0]) {
            return;
        }
        closed[0] = true;
        entries--;
        if (entries == 0 && drained != null) {
            drained.tryEmitEmpty();
        }
    }

    /**
     * Raises the stop signal, refuses new entries and completes once entered work has left; call
     * {@link #shutDown()} when the component has then stopped.
     */
    public Mono<Void> beginShutdown() {
        Sinks.Empty<Void> waitFor;
        synchronized (this) {
            if (state != State.STARTED) {
                return Mono.error(new StateException("not started: " + state));
            }
            state = State.SHUTTING_DOWN;
            stop.tryEmitEmpty();
            drained = Sinks.empty();
            waitFor = drained;
            if (entries == 0) {
                drained.tryEmitEmpty();
            }
        }
        return waitFor.asMono();
    }

    public synchronized void shutDown() {
        requireState(State.SHUTTING_DOWN);
        state = State.SHUT_DOWN;
        drained = null;
    }

    /** Completes when shutdown begins. */
    public synchronized Mono<Void> stopSignal() {
        return stop.asMono();
    }

    public synchronized boolean isStarted() {
        return state == State.STARTED;
    }

    public synchronized boolean isShutDown() {
        return state == State.SHUT_DOWN;
    }

    private void requireState(State expected) {
        if (state != expected) {
            throw new StateException("expected " + expected + " but is " + state);
        }
    }
}
