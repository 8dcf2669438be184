package io.veilflux.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The per-sender arithmetic behind {@link EnvelopeTimestampGuard}: exact, unsigned and saturating. */
class EnvelopeInfoTest {
    private static final long U64_MAX = -1L;
    private static final BigInteger TWO_TO_THE_64 = BigInteger.ONE.shiftLeft(64);

    @Test
    void theFirstEntrySetsTheOffsetToItself() {
        EnvelopeInfo info = new EnvelopeInfo(1_000, U64_MAX);
        assertThat(info.logLength()).isEqualTo(1);
        assertThat(info.isLogged(U64_MAX)).isTrue();
        assertThat(info.totalOffset()).isEqualTo(TWO_TO_THE_64.subtract(BigInteger.valueOf(1_001)));
        assertThat(info.timestampOffset()).isEqualTo(new TimestampOffset(1_000, U64_MAX));
    }

    @Test
    void adjustRemoteMovesByTheOffsetAndSaturates() {
        TimestampOffset senderBehind = new TimestampOffset(5_000, 3_000);
        assertThat(senderBehind.adjustRemote(10_000)).isEqualTo(12_000);
        assertThat(senderBehind.adjustRemote(U64_MAX - 1_000)).isEqualTo(U64_MAX);

        TimestampOffset senderAhead = new TimestampOffset(3_000, 5_000);
        assertThat(senderAhead.adjustRemote(10_000)).isEqualTo(8_000);
        assertThat(senderAhead.adjustRemote(1_000)).isZero();

        // Offsets as large as the whole range, in both directions.
        assertThat(new TimestampOffset(0, U64_MAX).adjustRemote(U64_MAX)).isZero();
        assertThat(new TimestampOffset(U64_MAX, 0).adjustRemote(0)).isEqualTo(U64_MAX);
        assertThat(new TimestampOffset(U64_MAX, 0).adjustRemote(1)).isEqualTo(U64_MAX);
    }

    @Test
    void theAverageTruncatesTowardZero() {
        EnvelopeInfo behind = new EnvelopeInfo(12, 10);
        behind.addTimestamp(21, 20, 0);
        assertThat(behind.totalOffset()).isEqualTo(BigInteger.valueOf(-3));
        // −3 / 2 is −1 (toward zero), not −2 (floor).
        assertThat(behind.timestampOffset()).isEqualTo(new TimestampOffset(21, 20));

        EnvelopeInfo ahead = new EnvelopeInfo(10, 12);
        ahead.addTimestamp(20, 21, 0);
        assertThat(ahead.timestampOffset()).isEqualTo(new TimestampOffset(20, 21));
    }

    @Test
    void theTotalIsExactBeyondSixtyFourBits() {
        EnvelopeInfo info = new EnvelopeInfo(0, U64_MAX);
        info.addTimestamp(1, U64_MAX - 1, 0);
        // (2^64 − 1) + (2^64 − 3): a long would have wrapped twice over.
        assertThat(info.totalOffset()).isEqualTo(TWO_TO_THE_64.shiftLeft(1).subtract(BigInteger.valueOf(4)));
        // The average 2^64 − 2 added to local 1 lands exactly on the maximum.
        assertThat(info.timestampOffset()).isEqualTo(new TimestampOffset(1, U64_MAX));
        info.addTimestamp(2, U64_MAX - 1_000, 0);
        // (3 * 2^64 - 1007) / 3 = 2^64 - 336 (truncated), plus local 2.
        assertThat(info.timestampOffset()).isEqualTo(new TimestampOffset(2, U64_MAX - 333));

        EnvelopeInfo negative = new EnvelopeInfo(U64_MAX, 0);
        negative.addTimestamp(U64_MAX - 1, 1, 0);
        assertThat(negative.totalOffset()).isEqualTo(TWO_TO_THE_64.shiftLeft(1).subtract(BigInteger.valueOf(4)).negate());
        assertThat(negative.timestampOffset()).isEqualTo(new TimestampOffset(U64_MAX - 1, 0));
    }

    @Test
    void theLogKeepsTheNewest1024Entries() {
        EnvelopeInfo info = new EnvelopeInfo(0, 1_000);
        for (int i = 1; i < 1_100; i++) {
            info.addTimestamp(i, 1_000 + 2L * i, 0);
        }
        assertThat(info.logLength()).isEqualTo(EnvelopeInfo.ENVELOPE_TIMESTAMP_LOG_LENGTH).isEqualTo(1024);
        assertThat(info.isLogged(1_000 + 2L * 75)).isFalse();
        assertThat(info.isLogged(1_000 + 2L * 76)).isTrue();
        // The total covers exactly the kept entries 76..1099, each offset 1000 + i.
        long expected = 0;
        for (int i = 76; i < 1_100; i++) {
            expected += 1_000 + i;
        }
        assertThat(info.totalOffset()).isEqualTo(BigInteger.valueOf(expected));
        assertThat(info.timestampOffset()).isEqualTo(new TimestampOffset(1_099, 1_099 + expected / 1_024));
    }

    @Test
    void entriesThatArrivedBeforeTheWindowAreDropped() {
        EnvelopeInfo info = new EnvelopeInfo(100, 100);
        info.addTimestamp(200, 250, 100);
        assertThat(info.isLogged(100)).as("arrived exactly at the window's start").isTrue();
        info.addTimestamp(300, 400, 101);
        assertThat(info.isLogged(100)).isFalse();
        assertThat(info.logLength()).isEqualTo(2);
        assertThat(info.totalOffset()).isEqualTo(BigInteger.valueOf(150));
        // Even a window that excludes every older entry keeps the new one.
        info.addTimestamp(400, 450, 400);
        assertThat(info.logLength()).isEqualTo(1);
        assertThat(info.timestampOffset()).isEqualTo(new TimestampOffset(400, 450));
    }
}
