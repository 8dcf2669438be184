package io.veilflux.crypto;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string: the bare value inside every typed key, signature and digest.
 * It owns its array, so equality and hashing are by content and no caller can change it.
 */
public final class Bytes {
    private static final HexFormat HEX = HexFormat.of();
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;
    /** Worked out on first use, as String does: keys of the hot maps (DH cache, buckets, guards) hash often. */
    private int hash;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** A copy of {@code data}. */
    public static Bytes of(byte[] data) {
        return new Bytes(data.clone());
    }

    /** A copy of {@code data[offset, offset + length)}. */
    public static Bytes of(byte[] data, int offset, int length) {
        return new Bytes(Arrays.copyOfRange(data, offset, offset + length));
    }

    /** Parses lowercase or uppercase hex without separators. */
    public static Bytes fromHex(String hex) {
        return new Bytes(HEX.parseHex(hex));
    }

    /** Takes ownership of {@code data}: the caller must not touch the array afterwards. */
    static Bytes adopt(byte[] data) {
        return new Bytes(data);
    }

    public int length() {
        return data.length;
    }

    public byte get(int index) {
        return data[index];
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** Copies the bytes into {@code dest} at {@code offset}. */
    public void copyTo(byte[] dest, int offset) {
        System.arraycopy(data, 0, dest, offset, data.length);
    }

    /** The array itself, for the crypto code of this package that only reads it. */
    byte[] unsafeArray() {
        return data;
    }

    public String hex() {
        return HEX.formatHex(data);
    }

    public String base64Url() {
        return Base64UrlNoPad.encode(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(data);
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return hex();
    }
}
