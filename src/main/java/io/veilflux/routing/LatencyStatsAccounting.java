package io.veilflux.routing;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/** The last {@value #ROLLING_LATENCIES_SIZE} latency samples and their summary (Veilid's rolling latencies). */
public final class LatencyStatsAccounting {
    public static final int ROLLING_LATENCIES_SIZE = 50;

    private final ArrayDeque<Long> samples = new ArrayDeque<>(ROLLING_LATENCIES_SIZE);

    /** Adds a sample (microseconds) and returns the summary of the window. */
    public synchronized LatencyStats record(long micros) {
        add(micros);
        return stats().orElseThrow();
    }

    /** Adds a sample (microseconds), leaving the summary to whoever asks for it. */
    public synchronized void add(long micros) {
        if (samples.size() == ROLLING_LATENCIES_SIZE) {
            samples.removeFirst();
        }
        samples.addLast(micros);
    }

    /** The summary of the window; empty before the first sample. */
    public synchronized Optional<LatencyStats> stats() {
        return samples.isEmpty() ? Optional.empty() : Optional.of(LatencyStats.of(List.copyOf(samples)));
    }
}
