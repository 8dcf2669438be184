package io.veilflux.crypto;

import java.util.Objects;

/** A hash output with its crypto kind; in VLD0 32 bytes of BLAKE3. */
public record HashDigest(CryptoKind kind, Bytes value) implements TypedValue {

    public HashDigest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public static HashDigest of(CryptoKind kind, byte[] value) {
        return new HashDigest(kind, Bytes.of(value));
    }

    /** Parses {@code KIND:base64url}; see {@link TypedValue#parse}. */
    public static HashDigest parse(String text) {
        return TypedValue.parse(text, "hash digest", HashDigest::new);
    }

    @Override
    public String toString() {
        return encode();
    }
}
