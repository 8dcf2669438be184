package io.veilflux.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BodyCompressionTest {

    @Test
    void anEmptyBodyIsOneZeroToken() {
        assertThat(HexFormat.of().formatHex(BodyCompression.compress(new byte[0]))).isEqualTo("0000000000");
    }

    @Test
    void shorterOutputThanDeclaredIsAcceptedAsLz4FlexDoes() {
        // declares 9 bytes, the block holds 8 literals
        byte[] block = HexFormat.of().parseHex("09000000" + "80" + "6162636465666768");
        assertThat(BodyCompression.decompress(block, 0, block.length, Envelope.MAX_SIZE)).isEqualTo("abcdefgh".getBytes());
    }

    @Test
    void longerOutputThanDeclaredIsRefused() {
        byte[] block = HexFormat.of().parseHex("07000000" + "80" + "6162636465666768");
        assertThatThrownBy(() -> BodyCompression.decompress(block, 0, block.length, Envelope.MAX_SIZE))
                .isInstanceOfSatisfying(WireException.class,
                        e -> assertThat(e.error()).isEqualTo(WireError.BODY_DECOMPRESS_FAILED));
    }

    @Test
    void aDeclaredSizeAboveTheBoundIsRefusedBeforeAllocation() {
        byte[] bomb = HexFormat.of().parseHex("ffffffff00");
        assertThatThrownBy(() -> BodyCompression.decompress(bomb, 0, bomb.length, Envelope.MAX_SIZE))
                .isInstanceOfSatisfying(WireException.class,
                        e -> assertThat(e.error()).isEqualTo(WireError.BODY_DECOMPRESSED_TOO_LARGE));
        assertThatThrownBy(() -> BodyCompression.decompress(bomb, 0, 3, Envelope.MAX_SIZE))
                .hasMessageContaining("no 4-byte size prefix");
    }
}
