package io.veilflux.rpc.capnp;

/** The element size code of a list pointer (Cap'n Proto encoding, list pointers, bits 32-34). */
public enum ElementSize {
    VOID(0),
    BIT(1),
    BYTE(8),
    TWO_BYTES(16),
    FOUR_BYTES(32),
    EIGHT_BYTES(64),
    POINTER(64),
    /** Structs, each with the data and pointer sections given by the list's tag word. */
    INLINE_COMPOSITE(-1);

    private static final ElementSize[] BY_CODE = values();
    private final int bits;

    ElementSize(int bits) {
        this.bits = bits;
    }

    /** Bits per element; not defined for {@link #INLINE_COMPOSITE}, whose elements are sized by the tag. */
    public int bits() {
        if (this == INLINE_COMPOSITE) {
            throw new IllegalStateException("inline composite elements are sized by the list's tag word");
        }
        return bits;
    }

    /** The 3-bit code on the wire. */
    public int code() {
        return ordinal();
    }

    static ElementSize ofCode(int code) {
        return BY_CODE[code & 7];
    }

    /** Words taken by {@code count} elements of this (primitive or pointer) size, rounded up. */
    long words(long count) {
        return (count * bits + 63) / 64;
    }
}
