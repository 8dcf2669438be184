package io.veilflux.rpc.capnp;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Cap'n Proto packing: each word becomes a tag byte (one bit per non-zero byte) and its non-zero
 * bytes; a zero tag is followed by a count of further zero words, an all-ones tag by a count of
 * further words copied as they are. {@link #pack} makes the same bytes as the reference
 * implementation, which copies a word verbatim after an all-ones word while it has at most one
 * zero byte.
 */
public final class Packing {
    private static final int WORD = 8;
    private static final int MAX_RUN = 255;

    private Packing() {
    }

    /** Packs a whole number of words. */
    public static byte[] pack(byte[] words) {
        if (words.length % WORD != 0) {
            throw new IllegalArgumentException("only whole words can be packed, not " + words.length + " bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(words.length / 2 + 16);
        int pos = 0;
        while (pos < words.length) {
            int tag = 0;
            for (int i = 0; i < WORD; i++) {
                if (words[pos + i] != 0) {
                    tag |= 1 << i;
                }
            }
            out.write(tag);
            for (int i = 0; i < WORD; i++) {
                if (words[pos + i] != 0) {
                    out.write(words[pos + i]);
                }
            }
            pos += WORD;
            if (tag == 0) {
                int run = 0;
                while (run < MAX_RUN && pos < words.length && zeroBytes(words, pos) == WORD) {
                    run++;
                    pos += WORD;
                }
                out.write(run);
            } else if (tag == 0xFF) {
                int start = pos;
                int run = 0;
                while (run < MAX_RUN && pos < words.length && zeroBytes(words, pos) <= 1) {
                    run++;
                    pos += WORD;
                }
                out.write(run);
                out.write(words, start, pos - start);
            }
        }
        return out.toByteArray();
    }

    /**
     * Unpacks {@code packed}, refusing output beyond {@code maxBytes} and any packed form that
     * ends inside a word or a run.
     */
    public static byte[] unpack(byte[] packed, int maxBytes) {
        byte[] out = new byte[Math.min(maxBytes, Math.max(64, packed.length * 2))];
        int size = 0;
        int pos = 0;
        while (pos < packed.length) {
            int tag = packed[pos++] & 0xFF;
            out = room(out, size, WORD, maxBytes);
            for (int i = 0; i < WORD; i++) {
                if ((tag & (1 << i)) != 0) {
                    if (pos == packed.length) {
                        throw new CapnpException(CapnpError.TRUNCATED, "packed word ends after " + i + " of its bytes");
                    }
                    out[size + i] = packed[pos++];
                }
            }
            size += WORD;
            if (tag == 0 || tag == 0xFF) {
                if (pos == packed.length) {
                    throw new CapnpException(CapnpError.TRUNCATED, "packed run has no count byte");
                }
                int runBytes = (packed[pos++] & 0xFF) * WORD;
                out = room(out, size, runBytes, maxBytes);
                if (tag == 0xFF) {
                    if (packed.length - pos < runBytes) {
                        throw new CapnpException(CapnpError.TRUNCATED, "verbatim run of " + runBytes
                                + " bytes has only " + (packed.length - pos));
                    }
                    System.arraycopy(packed, pos, out, size, runBytes);
                    pos += runBytes;
                }
                size += runBytes;
            }
        }
        return Arrays.copyOf(out, size);
    }

    private static int zeroBytes(byte[] words, int pos) {
        int zeros = 0;
        for (int i = 0; i < WORD; i++) {
            if (words[pos + i] == 0) {
                zeros++;
            }
        }
        return zeros;
    }

    /** Grows {@code out} (zero-filled) so that {@code extra} more bytes fit after {@code size}. */
    private static byte[] room(byte[] out, int size, int extra, int maxBytes) {
        long needed = (long) size + extra;
        if (needed > maxBytes) {
            throw new CapnpException(CapnpError.TOO_LARGE, "unpacked message exceeds " + maxBytes + " bytes");
        }
        if (needed <= out.length) {
            return out;
        }
        return Arrays.copyOf(out, (int) Math.min(maxBytes, Math.max(needed, (long) out.length * 2)));
    }
}
