package io.veilflux.routing;

import java.util.ArrayDeque;
import java.util.List;

/** The last {@value #ROLLING_LATENCIES_SIZE} latency samples, summarised after each one (Veilid's rolling latencies). */
public final class LatencyStatsAccounting {
    public static final int ROLLING_LATENCIES_SIZE = 50;

    private final ArrayDeque<Long> samples = new ArrayDeque<>(ROLLING_LATENCIES_SIZE);

    /** Adds a sample (microseconds) and returns the summary of the window. */
    public synchronized LatencyStats record(long micros) {
        if (samples.size() == ROLLING_LATENCIES_SIZE) {
            samples.removeFirst();
        }
        samples.addLast(micros);
        return LatencyStats.of(List.copyOf(samples));
    }
}
