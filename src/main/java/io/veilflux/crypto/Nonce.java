package io.veilflux.crypto;

import java.util.Objects;

/** A nonce; untyped in Veilid (only its length, 24 bytes in VLD0, is checked on use). */
public record Nonce(Bytes value) {

    public Nonce {
        Objects.requireNonNull(value, "value");
    }

    public static Nonce of(byte[] value) {
        return new Nonce(Bytes.of(value));
    }

    /** Parses base64url without padding. */
    public static Nonce parse(String text) {
        try {
            return new Nonce(Bytes.adopt(Base64UrlNoPad.decode(text)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid nonce '" + text + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return value.base64Url();
    }
}
