package io.veilflux.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Unsigned little-endian fields of Veilid's byte formats. */
final class LittleEndian {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {
    }

    static int u16(byte[] b, int offset) {
        return Short.toUnsignedInt((short) SHORT.get(b, offset));
    }

    static void u16(byte[] b, int offset, int value) {
        SHORT.set(b, offset, (short) value);
    }

    static long u32(byte[] b, int offset) {
        return Integer.toUnsignedLong((int) INT.get(b, offset));
    }

    static void u32(byte[] b, int offset, int value) {
        INT.set(b, offset, value);
    }

    /** A u64 in a Java long: compare with {@link Long#compareUnsigned}. */
    static long u64(byte[] b, int offset) {
        return (long) LONG.get(b, offset);
    }

    static void u64(byte[] b, int offset, long value) {
        LONG.set(b, offset, value);
    }
}
