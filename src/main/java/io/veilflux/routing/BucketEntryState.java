package io.veilflux.routing;

/** How far a peer can be trusted to answer, worst first (the order matters: kicks and sorts use it). */
public enum BucketEntryState {
    PUNISHED,
    DEAD,
    UNRELIABLE,
    RELIABLE;

    /** Unreliable and Reliable entries are alive: they are selected, pinged and counted. */
    public boolean isAlive() {
        return this == UNRELIABLE || this == RELIABLE;
    }
}
