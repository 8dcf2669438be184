package io.veilflux.rpc.capnp;

import java.util.Objects;

/**
 * A list inside a {@link MessageReader}. Element accessors check that the list holds elements of
 * the asked kind and refuse others with {@link CapnpError#WRONG_POINTER_KIND}; an index outside
 * {@code [0, size())} is the caller's error.
 */
public final class ListReader {
    /** What a null list pointer reads as. */
    static final ListReader EMPTY = new ListReader(null, 0, 0, ElementSize.VOID, 0, 0, 0, 0);

    private final MessageReader message;
    private final int segment;
    private final long start;
    private final ElementSize elementSize;
    private final int size;
    private final int dataWords;
    private final int pointers;
    private final int depth;

    ListReader(MessageReader message, int segment, long start, ElementSize elementSize, int size, int dataWords,
            int pointers, int depth) {
        this.message = message;
        this.segment = segment;
        this.start = start;
        this.elementSize = elementSize;
        this.size = size;
        this.dataWords = dataWords;
        this.pointers = pointers;
        this.depth = depth;
    }

    public ElementSize elementSize() {
        return elementSize;
    }

    public int size() {
        return size;
    }

    public boolean bool(int index) {
        return (element(index, ElementSize.BIT) & 1) != 0;
    }

    public int u8(int index) {
        return (int) element(index, ElementSize.BYTE);
    }

    public int u16(int index) {
        return (int) element(index, ElementSize.TWO_BYTES);
    }

    public long u32(int index) {
        return element(index, ElementSize.FOUR_BYTES);
    }

    public long u64(int index) {
        return element(index, ElementSize.EIGHT_BYTES);
    }

    /** Element {@code index} of a list of structs, or the struct pointed to by a list of pointers. */
    public StructReader struct(int index) {
        Objects.checkIndex(index, size);
        if (elementSize == ElementSize.INLINE_COMPOSITE) {
            return new StructReader(message, segment, start + (long) index * (dataWords + pointers), dataWords, pointers,
                    depth);
        }
        return message.struct(segment, pointerElement(index), depth);
    }

    /** What element {@code index} of a list of pointers holds. */
    public PointerKind kind(int index) {
        return message.kind(segment, pointerElement(index));
    }

    /** The list pointed to by element {@code index} of a list of pointers. */
    public ListReader list(int index) {
        return message.list(segment, pointerElement(index), depth);
    }

    /** The Data blob pointed to by element {@code index} of a list of pointers. */
    public byte[] data(int index) {
        return message.data(segment, pointerElement(index), depth);
    }

    /** The Text pointed to by element {@code index} of a list of pointers. */
    public String text(int index) {
        return message.text(segment, pointerElement(index), depth);
    }

    int segment() {
        return segment;
    }

    long start() {
        return start;
    }

    /** The elements of a primitive list as bytes, bits past the last element cleared. */
    byte[] content() {
        int bits = elementSize.bits();
        int length = (int) (((long) size * bits + 7) / 8);
        if (length == 0) {
            return new byte[0];
        }
        byte[] bytes = message.bytes(segment, start * 8, length);
        int spare = (int) ((long) size * bits % 8);
        if (spare != 0) {
            bytes[length - 1] &= (byte) ((1 << spare) - 1);
        }
        return bytes;
    }

    private long element(int index, ElementSize expected) {
        Objects.checkIndex(index, size);
        expect(expected);
        int bits = expected.bits();
        long bit = (long) index * bits;
        long word = message.word(segment, start + bit / 64) >>> (bit % 64);
        return bits == 64 ? word : word & ((1L << bits) - 1);
    }

    private long pointerElement(int index) {
        Objects.checkIndex(index, size);
        expect(ElementSize.POINTER);
        return start + index;
    }

    private void expect(ElementSize expected) {
        if (elementSize != expected) {
            throw new CapnpException(CapnpError.WRONG_POINTER_KIND, "expected a list of " + expected
                    + ", found elements of " + elementSize);
        }
    }
}
