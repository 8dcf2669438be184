package io.veilflux.filter;

/**
 * Whether {@link AddressFilter#addConnection} admitted a new connection (Veilid's
 * {@code add_connection} and its {@code AddConnectionError}). A refusal is an expected outcome the
 * connection table acts on by closing the connection, so it is a value, not an exception.
 */
public enum AddConnectionResult {
    /** Counted; the caller must call {@link AddressFilter#removeConnection} when it closes. */
    ACCEPTED,
    /** The remote IP block is punished. */
    PUNISHED,
    /** The block already has its maximum number of open connections. */
    COUNT_EXCEEDED,
    /** The block opened its maximum number of connections within the last 60 s. */
    RATE_EXCEEDED;

    public boolean isAccepted() {
        return this == ACCEPTED;
    }
}
