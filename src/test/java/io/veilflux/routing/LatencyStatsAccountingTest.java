package io.veilflux.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Veilid's rolling latency summary: trimmed means, percentiles and a 50-sample window. */
class LatencyStatsAccountingTest {

    @Test
    void oneSampleIsEverything() {
        LatencyStats stats = new LatencyStatsAccounting().record(700);
        assertThat(stats).isEqualTo(new LatencyStats(700, 700, 700, 700, 700, 700, 700));
    }

    @Test
    void tenSamplesGiveVeilidsTrimmedMeansAndPercentiles() {
        LatencyStatsAccounting accounting = new LatencyStatsAccounting();
        LatencyStats stats = null;
        for (long sample : new long[] {10, 3, 7, 1, 5, 9, 2, 8, 4, 6}) {
            stats = accounting.record(sample);
        }
        assertThat(stats.fastest()).isEqualTo(1);
        assertThat(stats.slowest()).isEqualTo(10);
        assertThat(stats.average()).as("55 / 10").isEqualTo(5);
        assertThat(stats.tm90()).as("mean of the fastest 9: 45 / 9").isEqualTo(5);
        assertThat(stats.tm75()).as("mean of the fastest 7: 28 / 7").isEqualTo(4);
        assertThat(stats.p90()).as("the 9th fastest").isEqualTo(9);
        assertThat(stats.p75()).as("the 7th fastest").isEqualTo(7);
    }

    @Test
    void onlyTheLast50SamplesCount() {
        LatencyStatsAccounting accounting = new LatencyStatsAccounting();
        LatencyStats stats = null;
        for (long sample = 1; sample <= 60; sample++) {
            stats = accounting.record(sample);
        }
        assertThat(LatencyStatsAccounting.ROLLING_LATENCIES_SIZE).isEqualTo(50);
        assertThat(stats.fastest()).isEqualTo(11);
        assertThat(stats.slowest()).isEqualTo(60);
        assertThat(stats.average()).isEqualTo((11 + 60) * 50 / 2 / 50);
    }

    @Test
    void addedSamplesAreSummarisedOnRead() {
        LatencyStatsAccounting accounting = new LatencyStatsAccounting();
        assertThat(accounting.stats()).as("nothing before the first sample").isEmpty();
        LatencyStatsAccounting recorded = new LatencyStatsAccounting();
        LatencyStats expected = null;
        for (long sample = 1; sample <= 60; sample++) {
            accounting.add(sample * 3);
            expected = recorded.record(sample * 3);
        }
        assertThat(accounting.stats()).contains(expected);
    }
}
