package io.veilflux.filter;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Veilid's {@code EnvelopeInfo}: what one sender's recent envelopes said the time was, and the
 * average offset of its clock from ours learned from them. Not thread-safe; the
 * {@link EnvelopeTimestampGuard} owns it under its lock.
 */
final class EnvelopeInfo {
    /** Most envelope timestamps kept per sender, enough to catch UDP retransmissions. */
    static final int ENVELOPE_TIMESTAMP_LOG_LENGTH = 1024;

    private static final BigInteger TWO_TO_THE_64 = BigInteger.ONE.shiftLeft(64);

    /** Remote timestamp to the local time it arrived, oldest first. */
    private final LinkedHashMap<Long, Long> log = new LinkedHashMap<>();
    /**
     * Σ(remote − local) over the log. Each term needs 65 bits and there are up to 1025 of them, so a
     * long could overflow; Veilid uses an i128.
     */
    private BigInteger totalOffset;
    private TimestampOffset timestampOffset;

    EnvelopeInfo(long localTs, long remoteTs) {
        log.put(remoteTs, localTs);
        totalOffset = difference(remoteTs, localTs);
        timestampOffset = new TimestampOffset(localTs, remoteTs);
    }

    TimestampOffset timestampOffset() {
        return timestampOffset;
    }

    BigInteger totalOffset() {
        return totalOffset;
    }

    int logLength() {
        return log.size();
    }

    boolean isLogged(long remoteTs) {
        return log.containsKey(remoteTs);
    }

    /**
     * Logs an envelope not {@link #isLogged logged} yet, drops the oldest entries while there are more
     * than {@value #ENVELOPE_TIMESTAMP_LOG_LENGTH} or the oldest arrived before {@code oldestLocalTs},
     * then sets the offset to the log's average (an integer average, truncated toward zero).
     */
    void addTimestamp(long localTs, long remoteTs, long oldestLocalTs) {
        log.put(remoteTs, localTs);
        totalOffset = totalOffset.add(difference(remoteTs, localTs));

        // The new entry always stays: it is last, and it arrived no earlier than oldestLocalTs.
        Iterator<Map.Entry<Long, Long>> oldestFirst = log.entrySet().iterator();
        while (oldestFirst.hasNext()) {
            Map.Entry<Long, Long> front = oldestFirst.next();
            if (log.size() <= ENVELOPE_TIMESTAMP_LOG_LENGTH && Long.compareUnsigned(front.getValue(), oldestLocalTs) >= 0) {
                break;
            }
            totalOffset = totalOffset.subtract(difference(front.getKey(), front.getValue()));
            oldestFirst.remove();
        }

        BigInteger average = totalOffset.divide(BigInteger.valueOf(log.size()));
        // An average of 65-bit differences fits in 64 bits unsigned, so longValue() keeps it exactly.
        long magnitude = average.abs().longValue();
        long remoteNow = average.signum() < 0
                ? Timestamps.earlier(localTs, magnitude)
                : Timestamps.later(localTs, magnitude);
        timestampOffset = new TimestampOffset(localTs, remoteNow);
    }

    /** {@code remote − local} for unsigned 64-bit values, exactly. */
    private static BigInteger difference(long remoteTs, long localTs) {
        return unsigned(remoteTs).subtract(unsigned(localTs));
    }

    private static BigInteger unsigned(long value) {
        BigInteger signed = BigInteger.valueOf(value);
        return value >= 0 ? signed : signed.add(TWO_TO_THE_64);
    }
}
