package io.veilflux.rpc.capnp;

import io.veilflux.crypto.Bytes;
import java.util.ArrayList;
import java.util.List;

/** Builds the {@link CapnpValue} tree of a struct, one pointer at a time. */
final class TreeReader {
    private TreeReader() {
    }

    static CapnpValue.Struct struct(StructReader reader) {
        List<CapnpValue> pointers = new ArrayList<>(reader.pointerCount());
        for (int slot = 0; slot < reader.pointerCount(); slot++) {
            pointers.add(switch (reader.kind(slot)) {
                case NULL -> CapnpValue.Null.INSTANCE;
                case STRUCT -> struct(reader.struct(slot));
                case LIST -> list(reader.list(slot));
            });
        }
        return new CapnpValue.Struct(Bytes.of(reader.dataBytes()), pointers);
    }

    private static CapnpValue list(ListReader list) {
        switch (list.elementSize()) {
            case INLINE_COMPOSITE -> {
                List<CapnpValue.Struct> elements = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    elements.add(struct(list.struct(i)));
                }
                return new CapnpValue.StructList(elements);
            }
            case POINTER -> {
                List<CapnpValue> elements = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    elements.add(switch (list.kind(i)) {
                        case NULL -> CapnpValue.Null.INSTANCE;
                        case STRUCT -> struct(list.struct(i));
                        case LIST -> list(list.list(i));
                    });
                }
                return new CapnpValue.PointerList(elements);
            }
            default -> {
                return new CapnpValue.PrimitiveList(list.elementSize(), list.size(), Bytes.of(list.content()));
            }
        }
    }
}
