package io.veilflux.filter;

import static io.veilflux.filter.TimestampCheckResult.ACCEPTED;
import static io.veilflux.filter.TimestampCheckResult.DUPLICATE;
import static io.veilflux.filter.TimestampCheckResult.TOO_FAR_AHEAD;
import static io.veilflux.filter.TimestampCheckResult.TOO_FAR_BEHIND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.NodeId;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvelopeTimestampGuardTest {
    private static final long U64_MAX = -1L;
    private static final long MS = 1_000;
    private static final long SECOND = 1_000_000;
    private static final long HOUR = 3_600 * SECOND;
    /** Local time at the start of each scenario: 2024-01-01 in microseconds. */
    private static final long BASE = 1_704_067_200L * SECOND;

    private final EnvelopeTimestampGuard guard = EnvelopeTimestampGuard.withDefaults();

    private static NodeId sender(int n) {
        return AddressFilterTest.nodeId(n);
    }

    /** Ten envelopes 100 ms apart from a sender whose clock is {@code skew} ahead; returns the next local time. */
    private long warmUp(EnvelopeTimestampGuard g, NodeId sender, long skew) {
        long local = BASE;
        for (int i = 0; i < 10; i++, local += 100 * MS) {
            assertThat(g.check(sender, local, local + skew)).as("warm-up envelope %d", i).isEqualTo(ACCEPTED);
        }
        return local;
    }

    @Test
    void theFirstEnvelopeFromASenderIsAcceptedWhateverItsTimestamp() {
        assertThat(guard.check(sender(1), BASE, 0)).isEqualTo(ACCEPTED);
        assertThat(guard.check(sender(2), BASE, U64_MAX)).isEqualTo(ACCEPTED);
        assertThat(guard.check(sender(3), BASE, BASE + 24 * HOUR)).isEqualTo(ACCEPTED);
        assertThat(guard.check(sender(4), BASE, BASE - 24 * HOUR)).isEqualTo(ACCEPTED);
    }

    @Test
    void aRepeatedTimestampIsADuplicateAndChangesNothing() {
        assertThat(guard.check(sender(1), BASE, BASE)).isEqualTo(ACCEPTED);
        assertThat(guard.check(sender(1), BASE + MS, BASE)).isEqualTo(DUPLICATE);
        assertThat(guard.check(sender(1), BASE + 2 * MS, BASE + 2 * MS)).isEqualTo(ACCEPTED);
        assertThat(guard.check(sender(1), BASE + 3 * MS, BASE + 2 * MS)).isEqualTo(DUPLICATE);
        assertThat(guard.check(sender(1), BASE + 4 * MS, BASE)).isEqualTo(DUPLICATE);
        // The same timestamp from another sender is no duplicate.
        assertThat(guard.check(sender(2), BASE + 5 * MS, BASE)).isEqualTo(ACCEPTED);
    }

    @Test
    void aSenderConsistentlyAnHourAheadIsAcceptedAndItsJitterIsBounded() {
        long skew = HOUR;
        long now = warmUp(guard, sender(1), skew);
        assertThat(guard.check(sender(1), now, now + skew + 10 * SECOND)).as("10 s ahead").isEqualTo(ACCEPTED);

        now = warmUp(guard, sender(2), skew);
        assertThat(guard.check(sender(2), now, now + skew + 10 * SECOND + 1)).isEqualTo(TOO_FAR_AHEAD);

        now = warmUp(guard, sender(3), skew);
        assertThat(guard.check(sender(3), now, now + skew - 10 * SECOND)).as("10 s behind").isEqualTo(ACCEPTED);

        now = warmUp(guard, sender(4), skew);
        assertThat(guard.check(sender(4), now, now + skew - 10 * SECOND - 1)).isEqualTo(TOO_FAR_BEHIND);

        // Without the learned offset, the same clock is an hour ahead.
        assertThat(guard.check(sender(5), BASE, BASE)).isEqualTo(ACCEPTED);
        assertThat(guard.check(sender(5), BASE + MS, BASE + MS + skew)).isEqualTo(TOO_FAR_AHEAD);
    }

    @Test
    void aRejectedEnvelopeIsStillLogged() {
        long now = warmUp(guard, sender(1), 0);
        long remote = now + 11 * SECOND;
        assertThat(guard.check(sender(1), now, remote)).isEqualTo(TOO_FAR_AHEAD);
        assertThat(guard.check(sender(1), now + MS, remote)).isEqualTo(DUPLICATE);
    }

    @Test
    void aSenderWhoseClockJumpsIsAcceptedOnceTheOldEntriesAgeOut() {
        long now = BASE;
        for (int i = 0; i < 100; i++, now += 100 * MS) {
            assertThat(guard.check(sender(1), now, now)).isEqualTo(ACCEPTED);
        }
        long lastBeforeJump = now - 100 * MS;
        int firstAccepted = -1;
        for (int k = 1; k <= 200 && firstAccepted < 0; k++) {
            long local = lastBeforeJump + k * 100 * MS;
            TimestampCheckResult result = guard.check(sender(1), local, local + HOUR);
            assertThat(result).isIn(ACCEPTED, TOO_FAR_AHEAD);
            if (result == ACCEPTED) {
                firstAccepted = k;
            }
        }
        // The last pre-jump entry leaves the 10 s window at k = 101; the offset learned then is
        // first used at k = 102.
        assertThat(firstAccepted).isEqualTo(102);
    }

    @Test
    void emptyOrZeroBoundsTurnTheChecksOff() {
        EnvelopeTimestampGuard unset = new EnvelopeTimestampGuard(Optional.empty(), Optional.empty());
        EnvelopeTimestampGuard zero = new EnvelopeTimestampGuard(Optional.of(Duration.ZERO), Optional.of(Duration.ZERO));
        for (EnvelopeTimestampGuard g : new EnvelopeTimestampGuard[] {unset, zero}) {
            long now = warmUp(g, sender(1), 0);
            assertThat(g.check(sender(1), now, now + 24 * HOUR)).isEqualTo(ACCEPTED);
            now = warmUp(g, sender(2), 0);
            assertThat(g.check(sender(2), now, now - 24 * HOUR)).isEqualTo(ACCEPTED);
        }

        EnvelopeTimestampGuard aheadOnly = new EnvelopeTimestampGuard(Optional.empty(), Optional.of(Duration.ofSeconds(10)));
        long now = warmUp(aheadOnly, sender(1), 0);
        assertThat(aheadOnly.check(sender(1), now, now - HOUR)).isEqualTo(ACCEPTED);
        assertThat(aheadOnly.check(sender(1), now + MS, now + HOUR)).isEqualTo(TOO_FAR_AHEAD);
    }

    @Test
    void aZeroBehindBoundShrinksTheDuplicateWindowAndAnEmptyOneKeepsTenSeconds() {
        EnvelopeTimestampGuard unset = new EnvelopeTimestampGuard(Optional.empty(), Optional.empty());
        EnvelopeTimestampGuard zero = new EnvelopeTimestampGuard(Optional.of(Duration.ZERO), Optional.empty());
        for (EnvelopeTimestampGuard g : new EnvelopeTimestampGuard[] {unset, zero}) {
            g.check(sender(1), BASE, BASE);
            g.check(sender(1), BASE + 1, BASE + 1);
        }
        assertThat(unset.check(sender(1), BASE + 2, BASE)).isEqualTo(DUPLICATE);
        assertThat(zero.check(sender(1), BASE + 2, BASE)).isEqualTo(ACCEPTED);
    }

    @Test
    void theDuplicateWindowIsTenSecondsOfLocalTimeByDefault() {
        guard.check(sender(1), BASE, BASE);
        guard.check(sender(1), BASE + 10 * SECOND, BASE + 10 * SECOND);
        assertThat(guard.check(sender(1), BASE + 10 * SECOND + 1, BASE)).isEqualTo(DUPLICATE);

        guard.check(sender(2), BASE, BASE);
        guard.check(sender(2), BASE + 10 * SECOND + 1, BASE + 10 * SECOND + 1);
        // Forgotten, so no longer a duplicate; but now 10 s + 2 µs old.
        assertThat(guard.check(sender(2), BASE + 10 * SECOND + 2, BASE)).isEqualTo(TOO_FAR_BEHIND);
    }

    @Test
    void theDuplicateWindowHoldsTheLast1024Timestamps() {
        for (int i = 0; i <= 1024; i++) {
            assertThat(guard.check(sender(1), BASE + i, BASE + i)).isEqualTo(ACCEPTED);
        }
        assertThat(guard.check(sender(1), BASE + 1025, BASE + 1)).as("1024 timestamps ago").isEqualTo(DUPLICATE);
        assertThat(guard.check(sender(1), BASE + 1026, BASE)).as("1025 timestamps ago").isEqualTo(ACCEPTED);
    }

    @Test
    void timestampsAtTheEndsOfTheUnsignedRangeDoNotOverflow() {
        long local = BASE;
        assertThat(guard.check(sender(1), local, U64_MAX)).isEqualTo(ACCEPTED);
        // Mapped by an offset of 2^64 - 1 - BASE, remote 0 saturates to 0: far behind.
        assertThat(guard.check(sender(1), local + 1, 0)).isEqualTo(TOO_FAR_BEHIND);
        assertThat(guard.check(sender(1), local + 2, U64_MAX - 1)).isEqualTo(TOO_FAR_AHEAD);
        assertThat(guard.check(sender(1), local + 3, 0)).isEqualTo(DUPLICATE);

        assertThat(guard.check(sender(2), local, 0)).isEqualTo(ACCEPTED);
        // Mapped by +BASE, remote 2^64 - 1 saturates at 2^64 - 1: far ahead.
        assertThat(guard.check(sender(2), local + 1, U64_MAX)).isEqualTo(TOO_FAR_AHEAD);
        assertThat(guard.check(sender(2), local + 2, 1)).isEqualTo(TOO_FAR_BEHIND);

        // Local times at the top of the range too.
        assertThat(guard.check(sender(3), U64_MAX - 1, U64_MAX)).isEqualTo(ACCEPTED);
        assertThat(guard.check(sender(3), U64_MAX, 0)).isEqualTo(TOO_FAR_BEHIND);
    }

    @Test
    void theLeastRecentlySeenSenderIsForgottenBeyond16384() {
        int capacity = EnvelopeTimestampGuard.MAX_ENVELOPE_INFO_BY_NODE_ID;
        assertThat(capacity).isEqualTo(16384);
        for (int n = 0; n < capacity; n++) {
            guard.check(sender(n), BASE, BASE);
        }
        // Seeing sender 0 again makes sender 1 the least recently seen.
        assertThat(guard.check(sender(0), BASE + 1, BASE)).isEqualTo(DUPLICATE);
        guard.check(sender(capacity), BASE, BASE);

        assertThat(guard.check(sender(0), BASE + 2, BASE)).as("kept").isEqualTo(DUPLICATE);
        // Sender 1 was evicted, so its first envelope is accepted again, far off or not.
        assertThat(guard.check(sender(1), BASE + 2, BASE)).as("evicted, new again").isEqualTo(ACCEPTED);
        assertThat(guard.check(sender(capacity), BASE + 3, BASE)).isEqualTo(DUPLICATE);
    }

    @Test
    void rejectsNegativeBounds() {
        assertThatThrownBy(() -> new EnvelopeTimestampGuard(Optional.of(Duration.ofMillis(-1)), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxTimestampBehind").hasMessageContaining("turn the check off");
    }
}
