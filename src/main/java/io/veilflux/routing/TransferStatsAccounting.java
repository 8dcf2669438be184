package io.veilflux.routing;

import java.util.ArrayDeque;

/**
 * Bytes counted in the current interval and the last {@value #ROLLING_TRANSFERS_SIZE} intervals,
 * rolled once a second into {@link TransferStatsDownUp} as Veilid's stats accounting does: every
 * interval in the window is turned into a rate with the length of the interval just ended.
 */
public final class TransferStatsAccounting {
    public static final int ROLLING_TRANSFERS_SIZE = 10;

    private record Interval(long down, long up) {
    }

    private final ArrayDeque<Interval> window = new ArrayDeque<>(ROLLING_TRANSFERS_SIZE);
    private long currentDown;
    private long currentUp;
    private long totalDown;
    private long totalUp;

    public synchronized void addDown(long bytes) {
        currentDown += bytes;
    }

    public synchronized void addUp(long bytes) {
        currentUp += bytes;
    }

    /**
     * Closes the interval from {@code lastMicros} to {@code nowMicros}. An interval of no
     * measurable length gives rates of 0 (Veilid would divide by zero).
     */
    public synchronized TransferStatsDownUp roll(long lastMicros, long nowMicros) {
        long durationMillis = Math.max(0, nowMicros - lastMicros) / 1000;
        if (window.size() == ROLLING_TRANSFERS_SIZE) {
            window.removeFirst();
        }
        window.addLast(new Interval(currentDown, currentUp));
        totalDown += currentDown;
        totalUp += currentUp;
        currentDown = 0;
        currentUp = 0;
        return new TransferStatsDownUp(rates(true, durationMillis, totalDown), rates(false, durationMillis, totalUp));
    }

    private TransferStats rates(boolean down, long durationMillis, long total) {
        long maximum = 0;
        long minimum = Long.MAX_VALUE;
        long sum = 0;
        for (Interval interval : window) {
            long bytes = down ? interval.down() : interval.up();
            long rate = durationMillis == 0 ? 0 : bytes * 1000 / durationMillis;
            maximum = Math.max(maximum, rate);
            minimum = Math.min(minimum, rate);
            sum += rate;
        }
        return new TransferStats(maximum, minimum, sum / window.size(), total);
    }
}
