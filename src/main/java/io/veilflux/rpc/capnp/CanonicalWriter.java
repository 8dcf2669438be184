package io.veilflux.rpc.capnp;

import io.veilflux.crypto.Bytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes a {@link CapnpValue} tree as a single-segment message in canonical layout: objects in
 * pre-order, data sections without trailing zero words, pointer sections without trailing nulls,
 * a struct list's elements sized to its widest element, an empty struct as offset −1. Equal
 * trees therefore give equal bytes.
 */
public final class CanonicalWriter {
    private static final int WORD = 8;
    private static final int MAX_WORDS = Integer.MAX_VALUE / WORD - 1;
    private static final long MAX_LIST = (1L << 29) - 1;
    private static final int MAX_SECTION = 0xFFFF;

    private long[] words = new long[16];
    private int size;

    private CanonicalWriter() {
    }

    /** The segment alone: root pointer, then the objects. */
    public static byte[] segment(CapnpValue.Struct root) {
        CanonicalWriter writer = new CanonicalWriter();
        writer.allocate(1);
        writer.struct(0, root);
        ByteBuffer out = ByteBuffer.allocate(writer.size * WORD).order(ByteOrder.LITTLE_ENDIAN);
        out.asLongBuffer().put(writer.words, 0, writer.size);
        return out.array();
    }

    /** The message in the standard framing, unpacked. */
    public static byte[] unpacked(CapnpValue.Struct root) {
        return Framing.frame(segment(root));
    }

    /** The message in the standard framing, packed. */
    public static byte[] packed(CapnpValue.Struct root) {
        return Packing.pack(unpacked(root));
    }

    private void put(int at, CapnpValue value) {
        if (value instanceof CapnpValue.Struct s) {
            struct(at, s);
        } else if (value instanceof CapnpValue.PrimitiveList l) {
            primitives(at, l);
        } else if (value instanceof CapnpValue.StructList l) {
            structs(at, l);
        } else if (value instanceof CapnpValue.PointerList l) {
            pointers(at, l);
        }
        // A null leaves the word zero.
    }

    private void struct(int at, CapnpValue.Struct value) {
        int dataWords = value.dataWords();
        int pointers = section(value.pointers().size());
        section(dataWords);
        if (dataWords + pointers == 0) {
            // Offset 0 would make the pointer all zeros, which reads as null.
            words[at] = structPointer(-1, 0, 0);
            return;
        }
        int start = allocate(dataWords + pointers);
        words[at] = structPointer(start - at - 1, dataWords, pointers);
        copy(value.data(), start);
        for (int i = 0; i < pointers; i++) {
            put(start + dataWords + i, value.pointers().get(i));
        }
    }

    private void primitives(int at, CapnpValue.PrimitiveList value) {
        int start = allocate(value.elementSize().words(value.count()));
        words[at] = listPointer(start - at - 1, value.elementSize(), value.count());
        copy(value.content(), start);
    }

    private void structs(int at, CapnpValue.StructList value) {
        int dataWords = section(value.elements().stream().mapToInt(CapnpValue.Struct::dataWords).max().orElse(0));
        int pointers = section(value.elements().stream().mapToInt(e -> e.pointers().size()).max().orElse(0));
        long width = dataWords + pointers;
        long content = width * value.elements().size();
        int tag = allocate(1 + content);
        words[at] = listPointer(tag - at - 1, ElementSize.INLINE_COMPOSITE, content);
        // The tag's offset field holds the element count.
        words[tag] = structPointer(value.elements().size(), dataWords, pointers);
        for (int i = 0; i < value.elements().size(); i++) {
            copy(value.elements().get(i).data(), tag + 1 + (int) (i * width));
        }
        for (int i = 0; i < value.elements().size(); i++) {
            CapnpValue.Struct element = value.elements().get(i);
            for (int p = 0; p < element.pointers().size(); p++) {
                put(tag + 1 + (int) (i * width) + dataWords + p, element.pointers().get(p));
            }
        }
    }

    private void pointers(int at, CapnpValue.PointerList value) {
        int start = allocate(value.elements().size());
        words[at] = listPointer(start - at - 1, ElementSize.POINTER, value.elements().size());
        for (int i = 0; i < value.elements().size(); i++) {
            put(start + i, value.elements().get(i));
        }
    }

    private int allocate(long count) {
        if (size + count > MAX_WORDS) {
            throw new CapnpException(CapnpError.TOO_LARGE, "message exceeds " + MAX_WORDS + " words");
        }
        int start = size;
        size += (int) count;
        if (size > words.length) {
            words = Arrays.copyOf(words, Math.max(size, Math.min(MAX_WORDS, words.length * 2)));
        }
        return start;
    }

    private void copy(Bytes bytes, int word) {
        for (int i = 0; i < bytes.length(); i++) {
            words[word + i / WORD] |= (bytes.get(i) & 0xFFL) << (i % WORD * 8);
        }
    }

    private static int section(int length) {
        if (length > MAX_SECTION) {
            throw new CapnpException(CapnpError.TOO_LARGE, "a struct section of " + length + " words exceeds "
                    + MAX_SECTION);
        }
        return length;
    }

    private static long structPointer(long offset, int dataWords, int pointers) {
        return (offset << 2 & 0xFFFFFFFFL) | (long) dataWords << 32 | (long) pointers << 48;
    }

    private static long listPointer(long offset, ElementSize size, long count) {
        if (count > MAX_LIST) {
            throw new CapnpException(CapnpError.TOO_LARGE, "a list of " + count + " exceeds " + MAX_LIST);
        }
        return (offset << 2 | 1) & 0xFFFFFFFFL | (long) size.code() << 32 | count << 35;
    }
}
