package io.veilflux.routing;

import java.util.Arrays;
import java.util.Collection;

/**
 * Latencies of the last samples in microseconds, as Veilid summarises them: fastest, average,
 * slowest, the trimmed means of the fastest 90 % and 75 %, and the 90th and 75th percentiles.
 */
public record LatencyStats(long fastest, long average, long slowest, long tm90, long tm75, long p90, long p75) {

    /** The summary of {@code samples} (not empty). */
    public static LatencyStats of(Collection<Long> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("latency stats need at least one sample");
        }
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        long average = Arrays.stream(sorted).sum() / sorted.length;
        return new LatencyStats(sorted[0], average, sorted[sorted.length - 1],
                trimmedMean(sorted, 90, average), trimmedMean(sorted, 75, average),
                percentile(sorted, 90), percentile(sorted, 75));
    }

    private static long trimmedMean(long[] sorted, int percent, long fallback) {
        int count = sorted.length * percent / 100;
        if (count == 0) {
            return fallback;
        }
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += sorted[i];
        }
        return sum / count;
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted[Math.max(sorted.length * percent / 100 - 1, 0)];
    }

    @Override
    public String toString() {
        return "slow=" + slowest + " / avg=" + average + " / fast=" + fastest + " / tm90=" + tm90 + " / tm75=" + tm75
                + " / p90=" + p90 + " / p75=" + p75;
    }
}
