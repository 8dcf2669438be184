package io.veilflux.rpc.codec;

import io.veilflux.crypto.Bytes;
import io.veilflux.routing.FourCc;
import io.veilflux.rpc.capnp.CapnpValue;
import io.veilflux.rpc.capnp.ElementSize;
import io.veilflux.rpc.capnp.ListReader;
import io.veilflux.rpc.capnp.StructReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The list shapes Veilid's structs use: lists of structs, of four-character codes, and code sets. */
final class Lists {
    private Lists() {
    }

    static <T> List<T> structs(ListReader list, Function<StructReader, T> read) {
        List<T> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(read.apply(list.struct(i)));
        }
        return out;
    }

    static <T> CapnpValue.StructList structs(List<T> values, Function<T, CapnpValue.Struct> write) {
        return new CapnpValue.StructList(values.stream().map(write).toList());
    }

    static List<FourCc> fourCcs(ListReader list) {
        List<FourCc> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(new FourCc((int) list.u32(i)));
        }
        return out;
    }

    static CapnpValue.PrimitiveList fourCcs(List<FourCc> codes) {
        return u32s(codes.stream().mapToInt(FourCc::value).toArray());
    }

    /** The known codes of a set; unknown ones are skipped, as Veilid ignores what it does not know. */
    static <E extends Enum<E>> Set<E> codeSet(ListReader list, CodeTable<E> table, Class<E> type) {
        Set<E> out = EnumSet.noneOf(type);
        for (int i = 0; i < list.size(); i++) {
            table.find(list.u32(i)).ifPresent(out::add);
        }
        return out;
    }

    /** A set in the enum's order, so that equal sets give equal (signed) bytes. */
    static <E extends Enum<E>> CapnpValue.PrimitiveList codeSet(Set<E> values, CodeTable<E> table, Class<E> type) {
        Set<E> ordered = EnumSet.noneOf(type);
        ordered.addAll(values);
        return u32s(ordered.stream().mapToInt(table::code).toArray());
    }

    private static CapnpValue.PrimitiveList u32s(int[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(values);
        return new CapnpValue.PrimitiveList(ElementSize.FOUR_BYTES, values.length, Bytes.of(bytes.array()));
    }
}
