package io.veilflux.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.NodeId;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

class ClientAllowlistTest {
    private final VirtualTimeScheduler scheduler = VirtualTimeScheduler.create();
    private final VeilidClock clock = new VeilidClock(scheduler);
    private final ClientAllowlist allowlist = new ClientAllowlist(ClientAllowlist.DEFAULT_TIMEOUT, clock);

    private static NodeId node() {
        return Crypto.standard().best().generateKeyPair().nodeId();
    }

    @Test
    void clientsLapseAfterFiveMinutesUnlessSeen() {
        NodeId quiet = node();
        NodeId busy = node();
        NodeId stranger = node();
        allowlist.update(quiet);
        allowlist.update(busy);
        assertThat(allowlist.check(stranger)).isFalse();
        scheduler.advanceTimeBy(Duration.ofMinutes(4));
        assertThat(allowlist.check(busy)).isTrue();
        scheduler.advanceTimeBy(Duration.ofMinutes(1).plusMillis(1));
        allowlist.purge();
        assertThat(allowlist.check(quiet)).isFalse();
        assertThat(allowlist.check(busy)).isTrue();
        assertThat(allowlist.size()).isEqualTo(1);
    }

    @Test
    void increasingTimestampsNeverRepeatAndNonDecreasingOnesNeverGoBack() {
        long first = clock.nowIncreasing();
        assertThat(clock.nowIncreasing()).isEqualTo(first + 1);
        assertThat(clock.nowIncreasing()).isEqualTo(first + 2);
        scheduler.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(clock.nowIncreasing()).isEqualTo(clock.now());
        long stable = clock.nowNonDecreasing();
        assertThat(clock.nowNonDecreasing()).isEqualTo(stable);
    }
}
