package io.veilflux.filter;

/**
 * Veilid's {@code Timestamp} arithmetic on microseconds held as unsigned 64-bit values in Java
 * longs: moving a timestamp saturates at 0 and at 2^64−1 instead of wrapping.
 */
final class Timestamps {

    private Timestamps() {
    }

    /** {@code ts + duration}, or 2^64−1 if that does not fit. */
    static long later(long ts, long duration) {
        long sum = ts + duration;
        return Long.compareUnsigned(sum, ts) < 0 ? -1L : sum;
    }

    /** {@code ts − duration}, or 0 if that would be negative. */
    static long earlier(long ts, long duration) {
        return Long.compareUnsigned(ts, duration) < 0 ? 0 : ts - duration;
    }
}
