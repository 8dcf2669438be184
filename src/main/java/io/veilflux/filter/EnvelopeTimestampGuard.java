package io.veilflux.filter;

import io.veilflux.crypto.NodeId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Veilid's {@code check_envelope_timestamp}: drops replayed envelopes and envelopes whose timestamp
 * is out of line with what the sender's clock has been saying. The guard learns each sender's clock
 * offset as the average over its recent envelopes, so it bounds the jitter of a sender's clock, not
 * its absolute skew: a sender an hour ahead is fine as long as it stays an hour ahead.
 *
 * <p>Per sender it keeps the last envelope timestamps (at most 1024, and none that arrived more than
 * the maximum "behind" ago, 10 s if that is unset), in an exact LRU of
 * {@value #MAX_ENVELOPE_INFO_BY_NODE_ID} senders; an evicted sender counts as new. Timestamps are
 * unsigned 64-bit microseconds held in longs. Thread-safe: one lock, held for the map work only.
 */
public final class EnvelopeTimestampGuard {
    private static final Logger log = LoggerFactory.getLogger(EnvelopeTimestampGuard.class);

    public static final int MAX_ENVELOPE_INFO_BY_NODE_ID = 16384;
    /** How far back envelopes are remembered when no maximum "behind" is configured. */
    public static final Duration DEFAULT_OLDEST_TIMESTAMP_DURATION = Duration.ofSeconds(10);
    /** Veilid's {@code network.rpc.max_timestamp_behind_ms} default. */
    public static final Duration DEFAULT_MAX_TIMESTAMP_BEHIND = Duration.ofMillis(10_000);
    /** Veilid's {@code network.rpc.max_timestamp_ahead_ms} default. */
    public static final Duration DEFAULT_MAX_TIMESTAMP_AHEAD = Duration.ofMillis(10_000);

    /** 0 turns the check off. */
    private final long maxBehindMicros;
    /** 0 turns the check off. */
    private final long maxAheadMicros;
    /** How far back the log reaches: the configured maximum behind, even 0, else the default. */
    private final long logWindowMicros;

    private final Object lock = new Object();
    private final Map<NodeId, EnvelopeInfo> infoBySender = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<NodeId, EnvelopeInfo> eldest) {
            return size() > MAX_ENVELOPE_INFO_BY_NODE_ID;
        }
    };

    /**
     * A guard with the given bounds on how far an envelope may be behind or ahead of the sender's
     * learned clock. Empty or zero turns a check off; an empty "behind" also makes the duplicate
     * window 10 s, while a zero one shrinks it to envelopes that arrived at the same microsecond.
     */
    public EnvelopeTimestampGuard(Optional<Duration> maxTimestampBehind, Optional<Duration> maxTimestampAhead) {
        Objects.requireNonNull(maxTimestampBehind, "maxTimestampBehind");
        Objects.requireNonNull(maxTimestampAhead, "maxTimestampAhead");
        this.maxBehindMicros = maxTimestampBehind.map(d -> toMicros(d, "maxTimestampBehind")).orElse(0L);
        this.maxAheadMicros = maxTimestampAhead.map(d -> toMicros(d, "maxTimestampAhead")).orElse(0L);
        this.logWindowMicros = maxTimestampBehind.isPresent()
                ? maxBehindMicros
                : TimeUnit.MICROSECONDS.convert(DEFAULT_OLDEST_TIMESTAMP_DURATION);
    }

    /** A guard with Veilid's defaults: 10 s behind, 10 s ahead. */
    public static EnvelopeTimestampGuard withDefaults() {
        return new EnvelopeTimestampGuard(Optional.of(DEFAULT_MAX_TIMESTAMP_BEHIND), Optional.of(DEFAULT_MAX_TIMESTAMP_AHEAD));
    }

    private static long toMicros(Duration duration, String name) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, got " + duration
                    + " (use zero or Optional.empty() to turn the check off)");
        }
        return TimeUnit.MICROSECONDS.convert(duration);
    }

    /**
     * Checks the timestamp {@code remoteTs} of an envelope from {@code senderId} that arrived at
     * {@code localTs}. The first envelope from a sender is always accepted and sets its offset. A
     * later one is mapped to local time with the offset learned <em>before</em> it, then logged and
     * averaged in even if it is then rejected as too far behind or ahead; only a duplicate leaves
     * the log untouched.
     */
    public TimestampCheckResult check(NodeId senderId, long localTs, long remoteTs) {
        Objects.requireNonNull(senderId, "senderId");
        long adjusted;
        TimestampCheckResult result;
        synchronized (lock) {
            EnvelopeInfo info = infoBySender.get(senderId);
            if (info == null) {
                infoBySender.put(senderId, new EnvelopeInfo(localTs, remoteTs));
                return TimestampCheckResult.ACCEPTED;
            }
            adjusted = info.timestampOffset().adjustRemote(remoteTs);
            if (info.isLogged(remoteTs)) {
                result = TimestampCheckResult.DUPLICATE;
            } else {
                info.addTimestamp(localTs, remoteTs, Timestamps.earlier(localTs, logWindowMicros));
                result = rangeCheck(localTs, adjusted);
            }
        }
        if (result != TimestampCheckResult.ACCEPTED && log.isDebugEnabled()) {
            log.debug("Envelope from {} dropped as {}: local {} remote {} adjusted {}", senderId, result,
                    Long.toUnsignedString(localTs), Long.toUnsignedString(remoteTs), Long.toUnsignedString(adjusted));
        }
        return result;
    }

    private TimestampCheckResult rangeCheck(long localTs, long adjusted) {
        if (maxBehindMicros != 0 && Long.compareUnsigned(localTs, adjusted) > 0
                && Long.compareUnsigned(localTs - adjusted, maxBehindMicros) > 0) {
            return TimestampCheckResult.TOO_FAR_BEHIND;
        }
        if (maxAheadMicros != 0 && Long.compareUnsigned(adjusted, localTs) > 0
                && Long.compareUnsigned(adjusted - localTs, maxAheadMicros) > 0) {
            return TimestampCheckResult.TOO_FAR_AHEAD;
        }
        return TimestampCheckResult.ACCEPTED;
    }
}
