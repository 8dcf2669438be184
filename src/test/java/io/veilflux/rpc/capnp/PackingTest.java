package io.veilflux.rpc.capnp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.Bytes;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The packed format, with the examples of the Cap'n Proto encoding page. */
class PackingTest {

    private static byte[] hex(String hex) {
        return Bytes.fromHex(hex.replace(" ", "")).toByteArray();
    }

    @Test
    void packsTheEncodingPageExamples() {
        assertPacks("08 00 00 00 03 00 02 00 19 00 00 00 aa 01 00 00", "51 08 03 02 31 19 aa 01");
        assertPacks("00".repeat(32), "00 03");
        byte[] verbatim = new byte[24];
        Arrays.fill(verbatim, (byte) 0x8a);
        assertThat(Packing.pack(verbatim)).isEqualTo(hex("ff" + "8a".repeat(8) + "02" + "8a".repeat(16)));
    }

    @Test
    void aVerbatimRunStopsAtAWordWithTwoZeros() {
        assertPacks("ffffffffffffffff 11223344556677 00 1122334455 000000",
                "ff ffffffffffffffff 01 11223344556677 00 1f 1122334455");
    }

    @Test
    void runsStopAt255Words() {
        byte[] zeros = new byte[8 * 300];
        assertThat(Packing.pack(zeros)).isEqualTo(hex("00 ff 00 2b"));
        assertThat(Packing.unpack(hex("00 ff 00 2b"), zeros.length)).isEqualTo(zeros);
    }

    @Test
    void refusesPackedBytesThatEndInsideAWordOrARun() {
        for (String truncated : new String[] {"51 08 03", "00", "ff 8a8a8a8a8a8a8a8a", "ff 8a8a8a8a8a8a8a8a 01 8a8a"}) {
            assertThatThrownBy(() -> Packing.unpack(hex(truncated), 1024)).as(truncated)
                    .isInstanceOfSatisfying(CapnpException.class, e -> assertThat(e.error()).isEqualTo(CapnpError.TRUNCATED));
        }
    }

    @Test
    void refusesOutputBeyondTheBound() {
        assertThatThrownBy(() -> Packing.unpack(hex("00 ff 00 ff"), 4095))
                .isInstanceOfSatisfying(CapnpException.class, e -> assertThat(e.error()).isEqualTo(CapnpError.TOO_LARGE));
        assertThat(Packing.unpack(hex("00 ff"), 2048)).hasSize(2048);
    }

    @Test
    void packsOnlyWholeWords() {
        assertThatThrownBy(() -> Packing.pack(new byte[7])).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void unpackUndoesPack(@ForAll @Size(max = 100) long[] words, @ForAll boolean sparse) {
        byte[] bytes = new byte[words.length * 8];
        for (int i = 0; i < words.length; i++) {
            long word = sparse ? words[i] & 0x00FF00FF000000FFL : words[i];
            for (int b = 0; b < 8; b++) {
                bytes[i * 8 + b] = (byte) (word >>> (8 * b));
            }
        }
        assertThat(Packing.unpack(Packing.pack(bytes), bytes.length)).isEqualTo(bytes);
    }

    private static void assertPacks(String unpacked, String packed) {
        assertThat(Packing.pack(hex(unpacked))).isEqualTo(hex(packed));
        assertThat(Packing.unpack(hex(packed), 1024)).isEqualTo(hex(unpacked));
    }
}
