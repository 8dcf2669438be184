package io.veilflux.routing;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Veilid's rolling latency window: the last {@value #ROLLING_LATENCIES_SIZE} samples, summarised
 * after each new one. Not thread-safe; an entry's accounting is touched under the table lock.
 */
final class LatencyStatsAccounting {
    static final int ROLLING_LATENCIES_SIZE = 50;

    private final ArrayDeque<Long> samples = new ArrayDeque<>(ROLLING_LATENCIES_SIZE);

    /** Adds a sample (microseconds, not negative) and returns the summary of the window. */
    LatencyStats record(long micros) {
        if (samples.size() == ROLLING_LATENCIES_SIZE) {
            samples.removeFirst();
        }
        samples.addLast(micros);
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        long sum = 0;
        for (long sample : sorted) {
            sum = saturatingAdd(sum, sample);
        }
        long average = sum / sorted.length;
        return new LatencyStats(sorted[0], average, sorted[sorted.length - 1],
                trimmedMean(sorted, 90, average), trimmedMean(sorted, 75, average),
                percentile(sorted, 90), percentile(sorted, 75));
    }

    /** The mean of the fastest {@code percent} %, or {@code fallback} when that is no sample at all. */
    private static long trimmedMean(long[] sorted, int percent, long fallback) {
        int count = sorted.length * percent / 100;
        if (count == 0) {
            return fallback;
        }
        long sum = Arrays.stream(sorted, 0, count).reduce(0, LatencyStatsAccounting::saturatingAdd);
        return sum / count;
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted[Math.max(sorted.length * percent / 100 - 1, 0)];
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
