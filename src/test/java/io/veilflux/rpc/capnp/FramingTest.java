package io.veilflux.rpc.capnp;

import static io.veilflux.rpc.capnp.Words.struct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.Bytes;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The segment table: what it may declare, and what must follow it. */
class FramingTest {

    private static void refused(CapnpError error, byte[] framed, ReadLimits limits) {
        assertThatThrownBy(() -> MessageReader.unpacked(framed, limits).root())
                .isInstanceOfSatisfying(CapnpException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    private static void refused(CapnpError error, byte[] framed) {
        refused(error, framed, ReadLimits.DEFAULT);
    }

    @Test
    void framesOneSegment() {
        byte[] segment = Words.message(new long[] {struct(0, 1, 0), 42});
        byte[] framed = Framing.frame(Arrays.copyOfRange(segment, 8, segment.length));
        assertThat(framed).isEqualTo(segment);
        assertThat(Bytes.of(framed).hex()).startsWith("0000000002000000");
        assertThat(MessageReader.unpacked(framed, ReadLimits.DEFAULT).root().u64(0)).isEqualTo(42);
    }

    @Test
    void readsATableWithPadding() {
        byte[] two = Words.message(new long[] {Words.far(1, 0)}, new long[] {struct(0, 1, 0), 42});
        assertThat(two.length).isEqualTo(16 + 24);
        assertThat(MessageReader.unpacked(two, ReadLimits.DEFAULT).root().u64(0)).isEqualTo(42);
    }

    @Test
    void refusesShortOrLyingTables() {
        refused(CapnpError.TRUNCATED, new byte[0]);
        refused(CapnpError.TRUNCATED, new byte[] {1, 0, 0, 0, 1, 0, 0, 0});
        refused(CapnpError.TRUNCATED, Bytes.fromHex("0000000002000000" + "0000000000000100").toByteArray());
        refused(CapnpError.TRUNCATED, Bytes.fromHex("0000000000000000").toByteArray());
        refused(CapnpError.BAD_SEGMENT_TABLE, Bytes.fromHex("ffffffff00000000").toByteArray());
        refused(CapnpError.BAD_SEGMENT_TABLE, Words.message(new long[] {0}, new long[] {0}),
                new ReadLimits(1000, 64, 1, 1000));
    }

    @Test
    void refusesBytesBeyondTheSegments() {
        byte[] message = Words.message(new long[] {struct(0, 1, 0), 42});
        refused(CapnpError.BAD_SEGMENT_TABLE, Arrays.copyOf(message, message.length + 8));
        refused(CapnpError.BAD_SEGMENT_TABLE, Arrays.copyOf(message, message.length + 3));
    }

    @Test
    void refusesMessagesOverTheSizeLimit() {
        refused(CapnpError.TOO_LARGE, Words.message(new long[] {struct(0, 1, 0), 42}), new ReadLimits(1000, 64, 1, 16));
    }
}
