package io.veilflux.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsAccountingTest {

    @Test
    void transferRatesUseTheLengthOfTheIntervalJustEnded() {
        TransferStatsAccounting accounting = new TransferStatsAccounting();
        accounting.addDown(1000);
        accounting.addUp(500);
        TransferStatsDownUp first = accounting.roll(1_000_000, 2_000_000);
        assertThat(first.down()).isEqualTo(new TransferStats(1000, 1000, 1000, 1000));
        assertThat(first.up()).isEqualTo(new TransferStats(500, 500, 500, 500));
        accounting.addDown(3000);
        // half a second: every interval in the window is rated over 500 ms
        TransferStatsDownUp second = accounting.roll(2_000_000, 2_500_000);
        assertThat(second.down()).isEqualTo(new TransferStats(6000, 2000, 4000, 4000));
        assertThat(second.up()).isEqualTo(new TransferStats(1000, 0, 500, 500));
        assertThat(second.toString()).isEqualTo("down: 2000 min / 4000 avg / 6000 max / 4000 total up: 0 min / 500 avg / 1000 max / 500 total");
    }

    @Test
    void theWindowHoldsTenIntervalsAndAZeroLengthIntervalHasNoRate() {
        TransferStatsAccounting accounting = new TransferStatsAccounting();
        accounting.addDown(10_000);
        accounting.roll(0, 1_000_000);
        for (int i = 0; i < 9; i++) {
            accounting.roll(0, 1_000_000);
        }
        assertThat(accounting.roll(0, 1_000_000).down().maximum()).as("the first interval left the window").isZero();
        accounting.addDown(5);
        assertThat(accounting.roll(7, 7).down()).isEqualTo(new TransferStats(0, 0, 0, 10_005));
    }

    @Test
    void latencySummariesFollowVeilidsDefinitions() {
        LatencyStats stats = LatencyStats.of(List.of(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L));
        assertThat(stats).isEqualTo(new LatencyStats(10, 55, 100, 50, 40, 90, 70));
        assertThat(LatencyStats.of(List.of(7L))).isEqualTo(new LatencyStats(7, 7, 7, 7, 7, 7, 7));
        assertThat(stats.toString()).isEqualTo("slow=100 / avg=55 / fast=10 / tm90=50 / tm75=40 / p90=90 / p75=70");
    }

    @Test
    void theLatencyWindowKeepsTheLastFiftySamples() {
        LatencyStatsAccounting accounting = new LatencyStatsAccounting();
        for (int i = 1; i <= 60; i++) {
            accounting.record(i);
        }
        LatencyStats stats = accounting.record(61);
        assertThat(stats.fastest()).isEqualTo(12);
        assertThat(stats.slowest()).isEqualTo(61);
    }
}
