package io.veilflux.crypto;

import java.util.Objects;

/** A 32-byte symmetric key with its crypto kind: a DH result, a derived key or a network key. */
public record SharedSecret(CryptoKind kind, Bytes value) implements TypedValue {

    public SharedSecret {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public static SharedSecret of(CryptoKind kind, byte[] value) {
        return new SharedSecret(kind, Bytes.of(value));
    }

    /** Parses {@code KIND:base64url}; see {@link TypedValue#parse}. */
    public static SharedSecret parse(String text) {
        return TypedValue.parse(text, "shared secret", SharedSecret::new);
    }

    @Override
    public String toString() {
        return encode();
    }
}
