package io.veilflux.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AddressFilterConfigTest {

    @Test
    void defaultsAreVeilids() {
        AddressFilterConfig config = AddressFilterConfig.defaults();
        assertThat(config.maxConnectionsPerIp4()).isEqualTo(32);
        assertThat(config.maxConnectionsPerIp6Prefix()).isEqualTo(32);
        assertThat(config.maxConnectionsPerIp6PrefixSize()).isEqualTo(56);
        assertThat(config.maxConnectionFrequencyPerMin()).isEqualTo(128);
        assertThat(config.punishmentDuration()).isEqualTo(Duration.ofMinutes(60));
        assertThat(config.dialInfoFailureDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.maxPunishmentsByNodeId()).isEqualTo(65536);
        assertThat(config.maxDialInfoFailures()).isEqualTo(65536);
        assertThat(config.taskInterval()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void rejectsLimitsThatWouldRefuseEverythingAndImpossiblePrefixes() {
        assertThatThrownBy(() -> config(0, 56, Duration.ofMinutes(60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxConnectionsPerIp4").hasMessageContaining("got 0");
        assertThatThrownBy(() -> config(32, 129, Duration.ofMinutes(60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxConnectionsPerIp6PrefixSize").hasMessageContaining("0..128");
        assertThatThrownBy(() -> config(32, 56, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("punishmentDuration").hasMessageContaining("positive");
        assertThatThrownBy(() -> config(32, 56, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("punishmentDuration");
        assertThat(config(1, 0, Duration.ofNanos(1)).maxConnectionsPerIp6PrefixSize()).isZero();
    }

    private static AddressFilterConfig config(int maxPerIp4, int prefixSize, Duration punishment) {
        AddressFilterConfig d = AddressFilterConfig.defaults();
        return new AddressFilterConfig(maxPerIp4, d.maxConnectionsPerIp6Prefix(), prefixSize,
                d.maxConnectionFrequencyPerMin(), punishment, d.dialInfoFailureDuration(), d.maxPunishmentsByNodeId(),
                d.maxDialInfoFailures(), d.taskInterval());
    }
}
