package io.veilflux.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.net.Address;
import io.veilflux.routing.TransferStatsDownUp;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

class NetworkStatsTest {
    private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
    private final NetworkStats stats = new NetworkStats(new VeilidClock(scheduler));
    private final Address peer = Address.parse("203.0.113.7");

    @Test
    void theNodeAndEachAddressGetRates() {
        scheduler.advanceTimeBy(Duration.ofSeconds(10));
        stats.roll();
        stats.packetReceived(peer, 2000);
        stats.packetSent(peer, 500);
        stats.packetSent(Address.parse("203.0.113.8"), 500);
        scheduler.advanceTimeBy(Duration.ofSeconds(1));
        stats.roll();
        assertThat(stats.self().down().maximum()).isEqualTo(2000);
        assertThat(stats.self().up().total()).isEqualTo(1000);
        assertThat(stats.of(peer).up().maximum()).isEqualTo(500);
        assertThat(stats.addresses()).isEqualTo(2);
    }

    @Test
    void addressesIdleForFiveMinutesAreForgotten() {
        stats.packetReceived(peer, 1);
        scheduler.advanceTimeBy(Duration.ofSeconds(299));
        stats.roll();
        assertThat(stats.addresses()).isEqualTo(1);
        scheduler.advanceTimeBy(Duration.ofSeconds(1));
        stats.roll();
        assertThat(stats.addresses()).isZero();
        assertThat(stats.of(peer)).isEqualTo(TransferStatsDownUp.NONE);
    }

    @Test
    void onlyTheMostRecentAddressesAreKept() {
        for (int i = 0; i < NetworkStats.IPADDR_TABLE_SIZE + 10; i++) {
            stats.packetReceived(Address.parse("10.0." + (i / 250) + "." + (i % 250)), 1);
        }
        assertThat(stats.addresses()).isEqualTo(NetworkStats.IPADDR_TABLE_SIZE);
    }
}
