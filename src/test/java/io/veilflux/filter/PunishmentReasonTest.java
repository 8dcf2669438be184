package io.veilflux.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.filter.PunishmentReason.Level;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PunishmentReasonTest {

    @Test
    void reasonsAreGroupedAsVeilidGroupsThem() {
        assertThat(Arrays.stream(PunishmentReason.values()).filter(r -> r.level() == Level.IP))
                .containsExactly(PunishmentReason.FAILED_TO_DECRYPT_ENVELOPE_BODY, PunishmentReason.FAILED_TO_DECODE_ENVELOPE,
                        PunishmentReason.SHORT_PACKET, PunishmentReason.INVALID_FRAMING);
        assertThat(Arrays.stream(PunishmentReason.values()).filter(r -> r.level() == Level.NODE))
                .containsExactly(PunishmentReason.FAILED_TO_DECODE_OPERATION, PunishmentReason.WRONG_SENDER_PEER_INFO,
                        PunishmentReason.FAILED_TO_REGISTER_SENDER_PEER_INFO);
        assertThat(PunishmentReason.MANUAL.level()).isEqualTo(Level.MANUAL);
    }

    @Test
    void labelsAreSnakeCaseMetricTags() {
        assertThat(PunishmentReason.SHORT_PACKET.label()).isEqualTo("short_packet");
        assertThat(PunishmentReason.FAILED_TO_REGISTER_SENDER_PEER_INFO.label())
                .isEqualTo("failed_to_register_sender_peer_info");
        assertThat(Arrays.stream(PunishmentReason.values()).map(PunishmentReason::label))
                .allMatch(label -> label.matches("[a-z]+(_[a-z]+)*"))
                .doesNotHaveDuplicates();
    }
}
