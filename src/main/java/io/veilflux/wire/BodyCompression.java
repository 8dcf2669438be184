package io.veilflux.wire;

import java.util.Arrays;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Envelope body compression: an LZ4 block with its uncompressed length prepended as u32 LE
 * (lz4_flex {@code compress_prepend_size}). Bodies arrive from anyone, so decompression uses
 * the pure-Java safe decoder only and bounds the output before allocating it.
 */
final class BodyCompression {
    private static final LZ4Factory LZ4 = LZ4Factory.safeInstance();
    private static final LZ4Compressor COMPRESSOR = LZ4.fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();
    static final int SIZE_PREFIX = 4;

    private BodyCompression() {
    }

    static byte[] compress(byte[] body) {
        byte[] out = new byte[SIZE_PREFIX + COMPRESSOR.maxCompressedLength(body.length)];
        LittleEndian.u32(out, 0, body.length);
        int n = COMPRESSOR.compress(body, 0, body.length, out, SIZE_PREFIX);
        return Arrays.copyOf(out, SIZE_PREFIX + n);
    }

    /**
     * Decompresses {@code data[offset, offset + length)}. Like lz4_flex, the declared size is a
     * capacity: shorter output is returned as it is, longer output is an error.
     */
    static byte[] decompress(byte[] data, int offset, int length, int maxSize) {
        if (length < SIZE_PREFIX) {
            throw new WireException(WireError.BODY_DECOMPRESS_FAILED,
                    "body of " + length + " bytes has no 4-byte size prefix");
        }
        long declared = LittleEndian.u32(data, offset);
        if (declared > maxSize) {
            throw new WireException(WireError.BODY_DECOMPRESSED_TOO_LARGE,
                    "declared body size " + declared + " exceeds " + maxSize);
        }
        byte[] out = new byte[(int) declared];
        int n;
        try {
            n = DECOMPRESSOR.decompress(data, offset + SIZE_PREFIX, length - SIZE_PREFIX, out, 0, out.length);
        } catch (LZ4Exception | ArrayIndexOutOfBoundsException e) {
            throw new WireException(WireError.BODY_DECOMPRESS_FAILED,
                    "invalid LZ4 block or output longer than the declared " + declared + " bytes", e);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
