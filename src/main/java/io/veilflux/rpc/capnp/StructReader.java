package io.veilflux.rpc.capnp;

/**
 * A struct inside a {@link MessageReader}. Fields are addressed as the Cap'n Proto Java runtime
 * does (a data field by its index in units of its own size, a Bool by its bit, a pointer by its
 * slot). A field beyond the struct's sections reads as zero or null, as when an older writer
 * knew fewer fields; Veilid's schema gives every field a zero default, so no default is XORed in.
 */
public final class StructReader {
    /** What a null struct pointer reads as. */
    static final StructReader EMPTY = new StructReader(null, 0, 0, 0, 0, 0);

    private final MessageReader message;
    private final int segment;
    private final long start;
    private final int dataWords;
    private final int pointers;
    private final int depth;

    StructReader(MessageReader message, int segment, long start, int dataWords, int pointers, int depth) {
        this.message = message;
        this.segment = segment;
        this.start = start;
        this.dataWords = dataWords;
        this.pointers = pointers;
        this.depth = depth;
    }

    public int dataWords() {
        return dataWords;
    }

    public int pointerCount() {
        return pointers;
    }

    public boolean bool(int bit) {
        return (dataWord(bit / 64) >>> (bit % 64) & 1) != 0;
    }

    public int u8(int index) {
        return (int) (dataWord(index / 8) >>> (index % 8 * 8)) & 0xFF;
    }

    public int u16(int index) {
        return (int) (dataWord(index / 4) >>> (index % 4 * 16)) & 0xFFFF;
    }

    /** A UInt32 (or the bits of an Int32 or Float32: {@code (int)} or {@link Float#intBitsToFloat}). */
    public long u32(int index) {
        return dataWord(index / 2) >>> (index % 2 * 32) & 0xFFFFFFFFL;
    }

    /** A UInt64 (or the bits of an Int64 or Float64), as Java's signed long. */
    public long u64(int index) {
        return dataWord(index);
    }

    /** Whether pointer {@code slot} is null (or beyond the pointer section). */
    public boolean isNull(int slot) {
        return kind(slot) == PointerKind.NULL;
    }

    /** What pointer {@code slot} holds. */
    public PointerKind kind(int slot) {
        return slot < pointers ? message.kind(segment, pointerWord(slot)) : PointerKind.NULL;
    }

    /** The struct at pointer {@code slot}; a null pointer reads as an empty struct. */
    public StructReader struct(int slot) {
        return slot < pointers ? message.struct(segment, pointerWord(slot), depth) : EMPTY;
    }

    /** The list at pointer {@code slot}; a null pointer reads as an empty list. */
    public ListReader list(int slot) {
        return slot < pointers ? message.list(segment, pointerWord(slot), depth) : ListReader.EMPTY;
    }

    /** The Data blob at pointer {@code slot}; a null pointer reads as no bytes. */
    public byte[] data(int slot) {
        return slot < pointers ? message.data(segment, pointerWord(slot), depth) : new byte[0];
    }

    /** The Text at pointer {@code slot}, without its NUL; a null pointer reads as empty text. */
    public String text(int slot) {
        return slot < pointers ? message.text(segment, pointerWord(slot), depth) : "";
    }

    /** The data section, as bytes. */
    byte[] dataBytes() {
        return dataWords == 0 ? new byte[0] : message.bytes(segment, start * 8, dataWords * 8);
    }

    private long dataWord(int index) {
        if (index < 0) {
            throw new IndexOutOfBoundsException("negative data field index " + index);
        }
        return index < dataWords ? message.word(segment, start + index) : 0;
    }

    private long pointerWord(int slot) {
        if (slot < 0) {
            throw new IndexOutOfBoundsException("negative pointer slot " + slot);
        }
        return start + dataWords + slot;
    }
}
