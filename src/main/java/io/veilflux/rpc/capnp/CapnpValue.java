package io.veilflux.rpc.capnp;

import io.veilflux.crypto.Bytes;
import java.util.List;

/**
 * A message as a schema-free tree, independent of layout: two layouts of the same message read
 * to equal trees, because data sections are kept without trailing zero words, pointer sections
 * without trailing nulls, and far pointers and object order leave no trace. It is what messages
 * are compared by, and what {@link CanonicalWriter} writes.
 */
public sealed interface CapnpValue {

    /** Reads the whole tree under {@code root}, within the message's limits. */
    static Struct of(StructReader root) {
        return TreeReader.struct(root);
    }

    /** A null pointer. */
    enum Null implements CapnpValue { INSTANCE }

    /**
     * A struct.
     *
     * @param data the data section, whole words, trailing zero words removed
     * @param pointers the pointer section, trailing nulls removed
     */
    record Struct(Bytes data, List<CapnpValue> pointers) implements CapnpValue {
        public Struct {
            if (data.length() % 8 != 0) {
                throw new IllegalArgumentException("a data section is whole words, not " + data.length() + " bytes");
            }
            data = trimData(data);
            pointers = trimPointers(pointers);
        }

        public int dataWords() {
            return data.length() / 8;
        }

        private static Bytes trimData(Bytes data) {
            int length = data.length();
            while (length >= 8 && zeroWord(data, length - 8)) {
                length -= 8;
            }
            return length == data.length() ? data : Bytes.of(data.toByteArray(), 0, length);
        }

        private static boolean zeroWord(Bytes data, int from) {
            for (int i = from; i < from + 8; i++) {
                if (data.get(i) != 0) {
                    return false;
                }
            }
            return true;
        }

        private static List<CapnpValue> trimPointers(List<CapnpValue> pointers) {
            int length = pointers.size();
            while (length > 0 && pointers.get(length - 1) == Null.INSTANCE) {
                length--;
            }
            return List.copyOf(pointers.subList(0, length));
        }
    }

    /**
     * A list of voids, bits, or 1-, 2-, 4- or 8-byte elements.
     *
     * @param content the elements, little-endian, {@code ceil(count × bits / 8)} bytes, spare bits clear
     */
    record PrimitiveList(ElementSize elementSize, int count, Bytes content) implements CapnpValue {
        public PrimitiveList {
            if (elementSize == ElementSize.POINTER || elementSize == ElementSize.INLINE_COMPOSITE) {
                throw new IllegalArgumentException(elementSize + " is not a primitive element size");
            }
            if (count < 0 || content.length() != ((long) count * elementSize.bits() + 7) / 8) {
                throw new IllegalArgumentException(count + " elements of " + elementSize + " do not take "
                        + content.length() + " bytes");
            }
        }

        /** A Data blob. */
        public static PrimitiveList ofBytes(byte[] bytes) {
            return new PrimitiveList(ElementSize.BYTE, bytes.length, Bytes.of(bytes));
        }
    }

    /** A list of structs (written inline composite). */
    record StructList(List<Struct> elements) implements CapnpValue {
        public StructList {
            elements = List.copyOf(elements);
        }
    }

    /** A list of pointers. */
    record PointerList(List<CapnpValue> elements) implements CapnpValue {
        public PointerList {
            elements = List.copyOf(elements);
        }
    }
}
