package io.veilflux.rpc.capnp;

import io.veilflux.crypto.Bytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Builds a {@link CapnpValue.Struct} field by field, each field addressed as {@link StructReader}
 * reads it (data fields by index in units of their size, Bools by bit, pointers by slot). Fields
 * left unset are zero or null. Writing is {@link CanonicalWriter}'s job.
 */
public final class StructBuilder {
    private final long[] data;
    private final CapnpValue[] pointers;

    public StructBuilder(int dataWords, int pointerCount) {
        this.data = new long[dataWords];
        this.pointers = new CapnpValue[pointerCount];
        Arrays.fill(pointers, CapnpValue.Null.INSTANCE);
    }

    public StructBuilder bool(int bit, boolean value) {
        return field(bit / 64, bit % 64, 1, value ? 1 : 0);
    }

    public StructBuilder u8(int index, int value) {
        return field(index / 8, index % 8 * 8, 0xFF, value);
    }

    public StructBuilder u16(int index, int value) {
        return field(index / 4, index % 4 * 16, 0xFFFF, value);
    }

    public StructBuilder u32(int index, long value) {
        return field(index / 2, index % 2 * 32, 0xFFFFFFFFL, value);
    }

    public StructBuilder u64(int index, long value) {
        data[Objects.checkIndex(index, data.length)] = value;
        return this;
    }

    public StructBuilder pointer(int slot, CapnpValue value) {
        pointers[Objects.checkIndex(slot, pointers.length)] = Objects.requireNonNull(value, "value");
        return this;
    }

    /** A Data field. */
    public StructBuilder data(int slot, byte[] bytes) {
        return pointer(slot, CapnpValue.PrimitiveList.ofBytes(bytes));
    }

    /** A Text field: UTF-8 with the terminating NUL Cap'n Proto requires. */
    public StructBuilder text(int slot, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return pointer(slot, CapnpValue.PrimitiveList.ofBytes(Arrays.copyOf(utf8, utf8.length + 1)));
    }

    public CapnpValue.Struct build() {
        ByteBuffer bytes = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(data);
        return new CapnpValue.Struct(Bytes.of(bytes.array()), Arrays.asList(pointers));
    }

    private StructBuilder field(int word, int shift, long mask, long value) {
        Objects.checkIndex(word, data.length);
        data[word] = data[word] & ~(mask << shift) | (value & mask) << shift;
        return this;
    }
}
