package io.veilflux.rpc.capnp;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.Bytes;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Built structs, written canonically and read back. */
class StructBuilderTest {

    private static StructReader roundTrip(CapnpValue.Struct value) {
        return MessageReader.unpacked(CanonicalWriter.unpacked(value), ReadLimits.DEFAULT).root();
    }

    /** The worked example of spec/rpc-capnp.md §6: a Status question, eight words. */
    @Test
    void writesTheSpecsStatusQuestionWordForWord() {
        CapnpValue.Struct statusQ = new StructBuilder(0, 1).pointer(0, new StructBuilder(0, 0).build()).build();
        CapnpValue.Struct question = new StructBuilder(1, 2).pointer(1, statusQ).build();
        CapnpValue.Struct operation = new StructBuilder(3, 2)
                .u64(0, 12345678901234567L)
                .u64(1, 1763900000000000L)
                .pointer(1, question)
                .build();
        assertThat(Bytes.of(CanonicalWriter.unpacked(operation)).hex()).isEqualTo("0000000008000000"
                + "0000000002000200" + "874b6b5d54dc2b00" + "0058ebf841440600" + "0000000000000000"
                + "0000000000000200" + "0000000000000000" + "0000000000000100" + "fcffffff00000000");
    }

    @Property(tries = 200)
    void fieldsReadBackAsWritten(@ForAll byte u8, @ForAll short u16, @ForAll int u32, @ForAll long u64,
            @ForAll boolean bit, @ForAll String text, @ForAll byte[] data) {
        StructReader read = roundTrip(new StructBuilder(3, 3)
                .u8(1, u8)
                .u16(3, u16)
                .u32(2, u32)
                .u64(2, u64)
                .bool(7, bit)
                .text(0, text)
                .data(2, data)
                .build());
        assertThat(read.u8(1)).isEqualTo(u8 & 0xFF);
        assertThat(read.u16(3)).isEqualTo(u16 & 0xFFFF);
        assertThat(read.u32(2)).isEqualTo(u32 & 0xFFFFFFFFL);
        assertThat(read.u64(2)).isEqualTo(u64);
        assertThat(read.bool(7)).isEqualTo(bit);
        assertThat(read.text(0)).isEqualTo(text);
        assertThat(read.isNull(1)).isTrue();
        assertThat(read.data(2)).isEqualTo(data);
    }
}
