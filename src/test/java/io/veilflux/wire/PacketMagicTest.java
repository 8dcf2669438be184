package io.veilflux.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PacketMagicTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void classifiesTheFourPrefixes() {
        assertThat(PacketMagic.of(ascii("BOOT"))).contains(PacketMagic.BOOT);
        assertThat(PacketMagic.of(ascii("B01Tpayload"))).contains(PacketMagic.B01T);
        assertThat(PacketMagic.of(ascii("RCP0...."))).contains(PacketMagic.RECEIPT);
        assertThat(PacketMagic.of(ascii("ENV0...."))).contains(PacketMagic.ENVELOPE);
        assertThat(PacketMagic.of(ascii("ENV1...."))).isEmpty();
        assertThat(PacketMagic.of(ascii("ENV"))).isEmpty();
        assertThat(PacketMagic.of(new byte[0])).isEmpty();
        assertThat(PacketMagic.BOOT.bytes()).containsExactly(0x42, 0x4F, 0x4F, 0x54);
        assertThat(PacketMagic.B01T.bytes()).containsExactly(0x42, 0x30, 0x31, 0x54);
    }
}
