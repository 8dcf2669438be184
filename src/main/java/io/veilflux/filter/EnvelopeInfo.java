package io.veilflux.filter;

import java.math.BigInteger;

/**
 * Veilid's {@code EnvelopeInfo}: what one sender's recent envelopes said the time was, and the
 * average offset of its clock from ours learned from them. Not thread-safe; the
 * {@link EnvelopeTimestampGuard} owns it under its lock.
 */
final class EnvelopeInfo {
    /** Most envelope timestamps kept per sender, enough to catch UDP retransmissions. */
    static final int ENVELOPE_TIMESTAMP_LOG_LENGTH = 1024;

    /** Remote timestamps and when they arrived. */
    private final TimestampLog log = new TimestampLog(ENVELOPE_TIMESTAMP_LOG_LENGTH);
    /** Σ(remote − local) over the log. */
    private final OffsetSum totalOffset = new OffsetSum();
    private TimestampOffset timestampOffset;

    EnvelopeInfo(long localTs, long remoteTs) {
        log.append(remoteTs, localTs);
        totalOffset.add(remoteTs, localTs);
        timestampOffset = new TimestampOffset(localTs, remoteTs);
    }

    TimestampOffset timestampOffset() {
        return timestampOffset;
    }

    BigInteger totalOffset() {
        return totalOffset.toBigInteger();
    }

    int logLength() {
        return log.size();
    }

    boolean isLogged(long remoteTs) {
        return log.contains(remoteTs);
    }

    /**
     * Logs an envelope not {@link #isLogged logged} yet, drops the oldest entries while there are more
     * than {@value #ENVELOPE_TIMESTAMP_LOG_LENGTH} or the oldest arrived before {@code oldestLocalTs},
     * then sets the offset to the log's average (an integer average, truncated toward zero).
     */
    void addTimestamp(long localTs, long remoteTs, long oldestLocalTs) {
        // Veilid appends, then trims the oldest; trimming first to make room ends the same, since the
        // new entry always stays (it is last, and it arrived no earlier than oldestLocalTs).
        while (log.size() == ENVELOPE_TIMESTAMP_LOG_LENGTH
                || log.size() > 0 && Long.compareUnsigned(log.oldestLocal(), oldestLocalTs) < 0) {
            totalOffset.subtract(log.oldestRemote(), log.oldestLocal());
            log.removeOldest();
        }
        log.append(remoteTs, localTs);
        totalOffset.add(remoteTs, localTs);

        long magnitude = totalOffset.averageMagnitude(log.size());
        long remoteNow = totalOffset.isNegative()
                ? Timestamps.earlier(localTs, magnitude)
                : Timestamps.later(localTs, magnitude);
        timestampOffset = new TimestampOffset(localTs, remoteNow);
    }
}
