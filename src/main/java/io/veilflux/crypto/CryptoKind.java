package io.veilflux.crypto;

import java.nio.charset.StandardCharsets;

/**
 * A crypto system's four-character code (FOURCC), such as {@code VLD0}; on the wire its four
 * ASCII bytes in order.
 */
public record CryptoKind(int fourcc) {
    public static final CryptoKind VLD0 = of("VLD0");
    /** Veilid's planned post-quantum kind; a constant only, no system implements it. */
    public static final CryptoKind VLD1 = of("VLD1");
    /** Veilid's insecure test kind; never supported here, rejected like any unknown kind. */
    public static final CryptoKind NONE = of("NONE");

    /** The kind named by exactly four ASCII characters. */
    public static CryptoKind of(String code) {
        byte[] b = code.getBytes(StandardCharsets.ISO_8859_1);
        if (code.length() != 4 || !new String(b, StandardCharsets.ISO_8859_1).equals(code)) {
            throw new IllegalArgumentException("a crypto kind is exactly 4 single-byte characters, got '" + code + "'");
        }
        return fromBytes(b, 0);
    }

    /** The kind whose four bytes start at {@code offset}. */
    public static CryptoKind fromBytes(byte[] data, int offset) {
        return new CryptoKind(((data[offset] & 0xFF) << 24) | ((data[offset + 1] & 0xFF) << 16)
                | ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF));
    }

    /** Writes the four bytes at {@code offset}. */
    public void writeTo(byte[] dest, int offset) {
        dest[offset] = (byte) (fourcc >>> 24);
        dest[offset + 1] = (byte) (fourcc >>> 16);
        dest[offset + 2] = (byte) (fourcc >>> 8);
        dest[offset + 3] = (byte) fourcc;
    }

    public byte[] toBytes() {
        byte[] b = new byte[4];
        writeTo(b, 0);
        return b;
    }

    /** The four bytes read as (lossy) UTF-8, as Veilid displays a kind. */
    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }
}
