package io.veilflux.rpc.capnp;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.Bytes;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any tree written canonically reads back as itself, and writing is a fixed point. */
class CanonicalWriterTest {

    @Provide
    Arbitrary<CapnpValue.Struct> trees() {
        return struct(4);
    }

    private static Arbitrary<CapnpValue.Struct> struct(int depth) {
        Arbitrary<Bytes> data = Arbitraries.integers().between(0, 3)
                .flatMap(words -> Arbitraries.bytes().array(byte[].class).ofSize(words * 8))
                .map(Bytes::of);
        Arbitrary<List<CapnpValue>> pointers = value(depth).list().ofMaxSize(depth == 0 ? 0 : 3);
        return Combinators.combine(data, pointers).as(CapnpValue.Struct::new);
    }

    private static Arbitrary<CapnpValue> value(int depth) {
        if (depth == 0) {
            return Arbitraries.just(CapnpValue.Null.INSTANCE);
        }
        return Arbitraries.oneOf(
                Arbitraries.just(CapnpValue.Null.INSTANCE),
                Arbitraries.lazy(() -> struct(depth - 1)),
                primitives(),
                Arbitraries.lazy(() -> struct(depth - 1)).list().ofMaxSize(3).map(CapnpValue.StructList::new),
                Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(3).map(CapnpValue.PointerList::new));
    }

    private static Arbitrary<CapnpValue> primitives() {
        Arbitrary<ElementSize> sizes = Arbitraries.of(ElementSize.VOID, ElementSize.BIT, ElementSize.BYTE,
                ElementSize.TWO_BYTES, ElementSize.FOUR_BYTES, ElementSize.EIGHT_BYTES);
        return Combinators.combine(sizes, Arbitraries.integers().between(0, 20)).flatAs((size, count) -> {
            int length = (count * size.bits() + 7) / 8;
            return Arbitraries.bytes().array(byte[].class).ofSize(length).map(content -> {
                int spare = count * size.bits() % 8;
                if (spare != 0) {
                    content[length - 1] &= (byte) ((1 << spare) - 1);
                }
                return new CapnpValue.PrimitiveList(size, count, Bytes.of(content));
            });
        });
    }

    @Property(tries = 300)
    void treesReadBackAsWritten(@ForAll("trees") CapnpValue.Struct tree) {
        byte[] written = CanonicalWriter.unpacked(tree);
        CapnpValue.Struct read = CapnpValue.of(MessageReader.unpacked(written, ReadLimits.DEFAULT).root());
        assertThat(read).isEqualTo(tree);
        assertThat(CanonicalWriter.unpacked(read)).isEqualTo(written);
        assertThat(CapnpValue.of(MessageReader.packed(CanonicalWriter.packed(tree), ReadLimits.DEFAULT).root()))
                .isEqualTo(tree);
    }
}
