package io.veilflux.filter;

import java.math.BigInteger;

/**
 * A sum of clock differences {@code remote − local} between unsigned 64-bit timestamps, exactly:
 * each term needs 65 bits and a log sums up to 1025 of them, so the sum is a 128-bit two's
 * complement number (Veilid uses an i128). Kept in two longs, so the per-envelope arithmetic
 * allocates nothing. Not thread-safe.
 */
final class OffsetSum {
    private long high;
    private long low;

    void add(long remoteTs, long localTs) {
        long termLow = remoteTs - localTs;
        long termHigh = Long.compareUnsigned(remoteTs, localTs) >= 0 ? 0 : -1;
        long sumLow = low + termLow;
        high = high + termHigh + (Long.compareUnsigned(sumLow, low) < 0 ? 1 : 0);
        low = sumLow;
    }

    void subtract(long remoteTs, long localTs) {
        long termLow = remoteTs - localTs;
        long termHigh = Long.compareUnsigned(remoteTs, localTs) >= 0 ? 0 : -1;
        high = high - termHigh - (Long.compareUnsigned(low, termLow) < 0 ? 1 : 0);
        low = low - termLow;
    }

    boolean isNegative() {
        return high < 0;
    }

    /**
     * {@code |sum / count|}, the quotient truncated toward zero. An average of 65-bit differences
     * is below 2^64 in magnitude, so it fits an unsigned long.
     *
     * @param count 1 to 2^31 − 1
     */
    long averageMagnitude(int count) {
        long magHigh = high;
        long magLow = low;
        if (magHigh < 0) {
            magLow = -low;
            magHigh = ~high + (magLow == 0 ? 1 : 0);
        }
        // Long division in 32-bit digits: each partial dividend is below count × 2^32 < 2^63.
        long remainder = Long.remainderUnsigned(magHigh, count);
        long upper = (remainder << 32) | (magLow >>> 32);
        long lower = ((upper % count) << 32) | (magLow & 0xFFFF_FFFFL);
        return ((upper / count) << 32) | (lower / count);
    }

    /** The exact sum, for tests and diagnostics. */
    BigInteger toBigInteger() {
        return BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
    }
}
