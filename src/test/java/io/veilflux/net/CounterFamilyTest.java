package io.veilflux.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class CounterFamilyTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void eachCombinationOfTagValuesIsOneRegisteredCounter() {
        CounterFamily sends = new CounterFamily(registry, "test.sends", "method", "outcome");
        sends.increment("direct", "sent");
        sends.increment("direct", "sent");
        sends.increment("direct", "timeout");
        sends.increment("existing", "sent");

        assertThat(registry.get("test.sends").tag("method", "direct").tag("outcome", "sent").counter().count()).isEqualTo(2);
        assertThat(registry.get("test.sends").tag("method", "direct").tag("outcome", "timeout").counter().count()).isEqualTo(1);
        assertThat(registry.get("test.sends").counters()).hasSize(3);
        assertThat(sends.counter("direct", "sent")).as("looked up, not built again").isSameAs(sends.counter("direct", "sent"));
    }

    @Test
    void oneTagFamiliesKeyByTheValueAlone() {
        CounterFamily drops = new CounterFamily(registry, "test.drops", "reason");
        drops.increment("short_packet");
        assertThat(drops.counter("short_packet").count()).isEqualTo(1);
        assertThat(registry.get("test.drops").tag("reason", "short_packet").counter().count()).isEqualTo(1);
    }

    @Test
    void theWrongNumberOfTagValuesIsRefusedWithTheKeys() {
        CounterFamily drops = new CounterFamily(registry, "test.drops", "reason");
        assertThatThrownBy(() -> drops.increment("a", "b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.drops takes 1 tag values [reason]");
    }
}
