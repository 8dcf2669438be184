package io.veilflux.rpc.capnp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Hand-made messages: pointers and framed segments from words. */
final class Words {
    private Words() {
    }

    static long struct(int offset, int dataWords, int pointers) {
        return ((long) offset << 2 & 0xFFFFFFFFL) | (long) dataWords << 32 | (long) pointers << 48;
    }

    static long list(int offset, ElementSize size, long count) {
        return ((long) offset << 2 | 1) & 0xFFFFFFFFL | (long) size.code() << 32 | count << 35;
    }

    static long far(int segment, int pad) {
        return 2 | (long) pad << 3 | (long) segment << 32;
    }

    static long doubleFar(int segment, int pad) {
        return far(segment, pad) | 4;
    }

    /** Framed message, one array of words per segment. */
    static byte[] message(long[]... segments) {
        int table = (4 + 4 * segments.length + 7) / 8 * 8;
        int words = 0;
        for (long[] segment : segments) {
            words += segment.length;
        }
        ByteBuffer out = ByteBuffer.allocate(table + words * 8).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(segments.length - 1);
        for (long[] segment : segments) {
            out.putInt(segment.length);
        }
        out.position(table);
        for (long[] segment : segments) {
            for (long word : segment) {
                out.putLong(word);
            }
        }
        return out.array();
    }

    static MessageReader read(long[]... segments) {
        return MessageReader.unpacked(message(segments), ReadLimits.DEFAULT);
    }
}
