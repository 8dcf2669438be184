package io.veilflux.rpc.capnp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The standard stream framing: a segment table (u32 LE segment count − 1, then one u32 LE word
 * count per segment, padded to a whole word) followed by the segments.
 */
public final class Framing {
    private static final int WORD = 8;

    private Framing() {
    }

    /**
     * Splits a framed message into its segments (little-endian views of {@code bytes}), refusing
     * a table that declares more segments than allowed, more bytes than there are, or fewer.
     */
    static List<ByteBuffer> segments(byte[] bytes, ReadLimits limits) {
        if (bytes.length > limits.maxMessageBytes()) {
            throw new CapnpException(CapnpError.TOO_LARGE, "message of " + bytes.length + " bytes exceeds "
                    + limits.maxMessageBytes());
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 4) {
            throw new CapnpException(CapnpError.TRUNCATED, "no segment count in " + bytes.length + " bytes");
        }
        long count = Integer.toUnsignedLong(in.getInt(0)) + 1;
        if (count > limits.maxSegments()) {
            throw new CapnpException(CapnpError.BAD_SEGMENT_TABLE, "segment table declares " + count
                    + " segments, more than " + limits.maxSegments());
        }
        int tableBytes = (int) ((4 + 4 * count + 7) / WORD * WORD);
        if (bytes.length < tableBytes) {
            throw new CapnpException(CapnpError.TRUNCATED, "segment table of " + count + " segments needs "
                    + tableBytes + " bytes, message has " + bytes.length);
        }
        long[] words = new long[(int) count];
        long total = 0;
        for (int i = 0; i < count; i++) {
            words[i] = Integer.toUnsignedLong(in.getInt(4 + 4 * i));
            total += words[i];
        }
        long available = (bytes.length - tableBytes) / WORD;
        if (total > available) {
            throw new CapnpException(CapnpError.TRUNCATED, "segment table declares " + total + " words, message holds "
                    + available);
        }
        if (total < available || (bytes.length - tableBytes) % WORD != 0) {
            throw new CapnpException(CapnpError.BAD_SEGMENT_TABLE, "message has " + (bytes.length - tableBytes - total * WORD)
                    + " bytes beyond the segments its table declares");
        }
        ByteBuffer[] segments = new ByteBuffer[(int) count];
        int offset = tableBytes;
        for (int i = 0; i < count; i++) {
            int length = (int) words[i] * WORD;
            segments[i] = in.slice(offset, length).order(ByteOrder.LITTLE_ENDIAN);
            offset += length;
        }
        return List.of(segments);
    }

    /** Frames one segment (a whole number of words) as a single-segment message. */
    public static byte[] frame(byte[] segment) {
        if (segment.length % WORD != 0) {
            throw new IllegalArgumentException("a segment is whole words, not " + segment.length + " bytes");
        }
        byte[] out = new byte[WORD + segment.length];
        ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0).putInt(4, segment.length / WORD);
        System.arraycopy(segment, 0, out, WORD, segment.length);
        return out;
    }
}
