package io.veilflux.crypto;

import java.util.Objects;

/**
 * A secret key with its crypto kind; in VLD0 the 32-byte Ed25519 seed. Its {@link #toString()}
 * hides the bytes so that a secret never lands in a log by accident; {@link #encode()} gives them.
 */
public record SecretKey(CryptoKind kind, Bytes value) implements TypedValue {

    public SecretKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public static SecretKey of(CryptoKind kind, byte[] value) {
        return new SecretKey(kind, Bytes.of(value));
    }

    /** Parses {@code KIND:base64url}; see {@link TypedValue#parse}. */
    public static SecretKey parse(String text) {
        return TypedValue.parse(text, "secret key", SecretKey::new);
    }

    @Override
    public String toString() {
        return kind + ":<secret>";
    }
}
