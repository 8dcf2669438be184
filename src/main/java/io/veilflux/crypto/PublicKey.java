package io.veilflux.crypto;

import java.util.Objects;

/** An Ed25519 public key (in VLD0) with its crypto kind. */
public record PublicKey(CryptoKind kind, Bytes value) implements TypedValue {

    public PublicKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public static PublicKey of(CryptoKind kind, byte[] value) {
        return new PublicKey(kind, Bytes.of(value));
    }

    /** Parses {@code KIND:base64url}; see {@link TypedValue#parse}. */
    public static PublicKey parse(String text) {
        return TypedValue.parse(text, "public key", PublicKey::new);
    }

    @Override
    public String toString() {
        return encode();
    }
}
