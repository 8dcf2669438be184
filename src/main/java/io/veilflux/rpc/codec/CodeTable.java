package io.veilflux.rpc.codec;

import io.veilflux.routing.FourCc;
import io.veilflux.rpc.capnp.CapnpError;
import io.veilflux.rpc.capnp.CapnpException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An enum's four-character codes on the wire, both ways (rpc-capnp.md §3). */
final class CodeTable<E extends Enum<E>> {
    private final String what;
    private final Map<E, Integer> codes;
    private final Map<Integer, E> values = new HashMap<>();

    private CodeTable(String what, Map<E, Integer> codes) {
        this.what = what;
        this.codes = codes;
        codes.forEach((value, code) -> values.put(code, value));
    }

    /** {@code codes} gives each constant's code, in the enum's order. */
    static <E extends Enum<E>> CodeTable<E> of(String what, Class<E> type, String... codes) {
        E[] constants = type.getEnumConstants();
        if (constants.length != codes.length) {
            throw new IllegalArgumentException(codes.length + " codes for the " + constants.length + " " + what + "s");
        }
        Map<E, Integer> map = new EnumMap<>(type);
        for (int i = 0; i < codes.length; i++) {
            map.put(constants[i], FourCc.of(codes[i]).value());
        }
        return new CodeTable<>(what, map);
    }

    int code(E value) {
        return codes.get(value);
    }

    /** The constant of {@code code} (a UInt32 as read), if the code is known. */
    Optional<E> find(long code) {
        return Optional.ofNullable(values.get((int) code));
    }

    /** The constant of {@code code} (a UInt32 as read), or {@link CapnpError#INVALID_VALUE}. */
    E value(long code) {
        E value = values.get((int) code);
        if (value == null) {
            throw new CapnpException(CapnpError.INVALID_VALUE, "unknown " + what + " code " + new FourCc((int) code)
                    + " (0x" + Long.toHexString(code) + ")");
        }
        return value;
    }
}
