package io.veilflux.routing;

/**
 * Rolling transfer rates of one direction, in bytes per second over the last intervals, and the
 * total bytes so far (Veilid's {@code TransferStats}).
 */
public record TransferStats(long maximum, long minimum, long average, long total) {
    public static final TransferStats NONE = new TransferStats(0, 0, 0, 0);

    @Override
    public String toString() {
        return minimum + " min / " + average + " avg / " + maximum + " max / " + total + " total";
    }
}
