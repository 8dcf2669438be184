package io.veilflux.rpc.capnp;

import static io.veilflux.rpc.capnp.Words.doubleFar;
import static io.veilflux.rpc.capnp.Words.far;
import static io.veilflux.rpc.capnp.Words.list;
import static io.veilflux.rpc.capnp.Words.read;
import static io.veilflux.rpc.capnp.Words.struct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Hand-made messages: every pointer kind, and every way a pointer can lie. */
class MessageReaderTest {

    private static void refused(CapnpError error, ThrowingCallable read) {
        assertThatThrownBy(read).isInstanceOfSatisfying(CapnpException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    void readsDataFieldsByIndexInTheirOwnSize() {
        StructReader root = read(new long[] {struct(0, 2, 0), 0x8877665544332211L, 0x05}).root();
        assertThat(root.u8(1)).isEqualTo(0x22);
        assertThat(root.u16(3)).isEqualTo(0x8877);
        assertThat(root.u32(1)).isEqualTo(0x88776655L);
        assertThat(root.u64(0)).isEqualTo(0x8877665544332211L);
        assertThat(root.bool(64)).isTrue();
        assertThat(root.bool(65)).isFalse();
        assertThat(root.bool(66)).isTrue();
    }

    @Test
    void fieldsBeyondTheSectionsReadAsZeroAndNull() {
        StructReader root = read(new long[] {struct(0, 1, 0), 7}).root();
        assertThat(root.u64(1)).isZero();
        assertThat(root.isNull(0)).isTrue();
        assertThat(root.struct(0).dataWords()).isZero();
        assertThat(root.list(3).size()).isZero();
        assertThat(root.data(1)).isEmpty();
        assertThat(root.text(2)).isEmpty();
    }

    @Test
    void readsListsOfEverySize() {
        StructReader root = read(new long[] {
            struct(0, 0, 4),
            list(3, ElementSize.BIT, 3),
            list(3, ElementSize.FOUR_BYTES, 3),
            list(4, ElementSize.BYTE, 7),
            list(4, ElementSize.INLINE_COMPOSITE, 4),
            0b101, 0x0000000200000001L, 3, 0x0021796b6e6f6cL,
            struct(2, 1, 1), 10, list(2, ElementSize.BYTE, 2), 20, 0, 0x4241L}).root();
        assertThat(root.list(0).bool(0)).isTrue();
        assertThat(root.list(0).bool(1)).isFalse();
        assertThat(root.list(1).u32(2)).isEqualTo(3);
        assertThat(root.text(2)).isEqualTo("lonky!");
        ListReader structs = root.list(3);
        assertThat(structs.size()).isEqualTo(2);
        assertThat(structs.struct(0).u64(0)).isEqualTo(10);
        assertThat(structs.struct(0).data(0)).containsExactly(0x41, 0x42);
        assertThat(structs.struct(1).u64(0)).isEqualTo(20);
        assertThat(structs.struct(1).isNull(0)).isTrue();
    }

    @Test
    void followsSingleAndDoubleLandingPads() {
        assertThat(read(new long[] {far(1, 1)}, new long[] {0, struct(0, 1, 0), 42}).root().u64(0)).isEqualTo(42);
        assertThat(read(new long[] {doubleFar(1, 0)}, new long[] {far(2, 1), struct(0, 1, 0)}, new long[] {0, 42})
                .root().u64(0)).isEqualTo(42);
    }

    @Test
    void refusesFarPointerChainsAndCycles() {
        refused(CapnpError.BAD_POINTER, () -> read(new long[] {far(0, 0)}).root());
        refused(CapnpError.BAD_POINTER, () -> read(new long[] {far(1, 0)}, new long[] {far(0, 0)}).root());
        refused(CapnpError.BAD_POINTER, () -> read(new long[] {doubleFar(1, 0)}, new long[] {doubleFar(0, 0), struct(0, 1, 0)})
                .root());
        refused(CapnpError.BAD_POINTER, () -> read(new long[] {far(1, 0)}, new long[] {0}).root());
    }

    @Test
    void refusesPointersOutOfTheirSegment() {
        refused(CapnpError.POINTER_OUT_OF_BOUNDS, () -> read(new long[] {struct(0, 2, 0), 1}).root());
        refused(CapnpError.POINTER_OUT_OF_BOUNDS, () -> read(new long[] {struct(-2, 1, 0)}).root());
        refused(CapnpError.POINTER_OUT_OF_BOUNDS, () -> read(new long[] {far(3, 0)}).root());
        refused(CapnpError.POINTER_OUT_OF_BOUNDS, () -> read(new long[] {far(1, 5)}, new long[] {0}).root());
        refused(CapnpError.POINTER_OUT_OF_BOUNDS, () -> read(new long[] {doubleFar(1, 0)}, new long[] {far(1, 9),
            struct(0, 1, 0)}).root());
        refused(CapnpError.POINTER_OUT_OF_BOUNDS, () -> read(new long[] {struct(0, 0, 1), list(0, ElementSize.BYTE, 9)})
                .root().data(0));
    }

    @Test
    void refusesCapabilitiesAndBadListTags() {
        refused(CapnpError.BAD_POINTER, () -> read(new long[] {3}).root());
        refused(CapnpError.BAD_POINTER, () -> read(new long[] {struct(0, 0, 1), list(0, ElementSize.INLINE_COMPOSITE, 1),
            struct(2, 1, 0), 0}).root().list(0));
        refused(CapnpError.BAD_POINTER, () -> read(new long[] {struct(0, 0, 1), list(0, ElementSize.INLINE_COMPOSITE, 1),
            list(1, ElementSize.BYTE, 0), 0}).root().list(0));
    }

    @Test
    void refusesTheWrongKindOfObject() {
        long[] structInSlot = {struct(0, 0, 1), struct(0, 1, 0), 0};
        refused(CapnpError.WRONG_POINTER_KIND, () -> read(structInSlot).root().data(0));
        refused(CapnpError.WRONG_POINTER_KIND, () -> read(new long[] {list(0, ElementSize.BYTE, 0)}).root());
        refused(CapnpError.WRONG_POINTER_KIND, () -> read(new long[] {struct(0, 0, 1), list(0, ElementSize.FOUR_BYTES, 2), 0})
                .root().data(0));
        refused(CapnpError.WRONG_POINTER_KIND, () -> read(new long[] {struct(0, 0, 1), list(0, ElementSize.FOUR_BYTES, 2), 0})
                .root().list(0).u64(0));
    }

    @Test
    void refusesTextWithoutNulOrValidUtf8() {
        refused(CapnpError.BAD_TEXT, () -> read(new long[] {struct(0, 0, 1), list(0, ElementSize.BYTE, 2), 0x4241})
                .root().text(0));
        refused(CapnpError.BAD_TEXT, () -> read(new long[] {struct(0, 0, 1), list(0, ElementSize.BYTE, 2), 0x00C3})
                .root().text(0));
    }

    @Test
    void aStructPointingAtItselfHitsTheNestingLimit() {
        MessageReader reader = read(new long[] {struct(0, 0, 1), struct(-1, 0, 1)});
        refused(CapnpError.NESTING_LIMIT, () -> CapnpValue.of(reader.root()));
    }

    @Test
    void sharedObjectsCountEachTimeTheyAreReached() {
        long[] words = new long[1 + 1000 + 100];
        words[0] = struct(0, 0, 1000);
        for (int slot = 0; slot < 1000; slot++) {
            words[1 + slot] = list(999 - slot, ElementSize.EIGHT_BYTES, 100);
        }
        ReadLimits limits = new ReadLimits(50_000, 64, 1, 1 << 20);
        MessageReader reader = MessageReader.unpacked(Words.message(words), limits);
        refused(CapnpError.TRAVERSAL_LIMIT, () -> CapnpValue.of(reader.root()));
        refused(CapnpError.TRAVERSAL_LIMIT, () -> read(new long[] {struct(0, 0, 1), list(0, ElementSize.VOID, (1L << 29) - 1)})
                .root().list(0));
        refused(CapnpError.TRAVERSAL_LIMIT, () -> read(new long[] {struct(0, 0, 1), list(0, ElementSize.INLINE_COMPOSITE, 0),
            struct((1 << 29) - 1, 0, 0)}).root().list(0));
    }
}
