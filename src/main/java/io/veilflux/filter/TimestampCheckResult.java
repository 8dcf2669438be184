package io.veilflux.filter;

/**
 * The verdict of {@link EnvelopeTimestampGuard#check} on an envelope's timestamp (Veilid's
 * {@code TimestampError} and success). Every rejection is dropped silently; none is punished.
 */
public enum TimestampCheckResult {
    ACCEPTED,
    /** The sender already used this exact timestamp within the remembered window: a replay or a retransmission. */
    DUPLICATE,
    /** The timestamp, mapped to local time by the sender's learned offset, is too far in the past. */
    TOO_FAR_BEHIND,
    /** The timestamp, mapped to local time by the sender's learned offset, is too far in the future. */
    TOO_FAR_AHEAD;

    public boolean isAccepted() {
        return this == ACCEPTED;
    }
}
