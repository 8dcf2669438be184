package io.veilflux.crypto;

import java.util.Objects;

/** A signature with its crypto kind; in VLD0 64 bytes of Ed25519ph (R then S). */
public record Signature(CryptoKind kind, Bytes value) implements TypedValue {

    public Signature {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public static Signature of(CryptoKind kind, byte[] value) {
        return new Signature(kind, Bytes.of(value));
    }

    /** Parses {@code KIND:base64url}; see {@link TypedValue#parse}. */
    public static Signature parse(String text) {
        return TypedValue.parse(text, "signature", Signature::new);
    }

    @Override
    public String toString() {
        return encode();
    }
}
