package io.veilflux.crypto;

import java.util.Objects;

/**
 * A public key and its secret key of one crypto kind. String form
 * {@code KIND:<public base64url>:<secret base64url>}, or without the kind for the best kind.
 */
public record KeyPair(PublicKey key, SecretKey secret) {

    public KeyPair {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(secret, "secret");
        if (!key.kind().equals(secret.kind())) {
            throw new IllegalArgumentException(
                    "key pair kinds differ: public " + key.kind() + ", secret " + secret.kind());
        }
    }

    public CryptoKind kind() {
        return key.kind();
    }

    /** The node id of this key pair's public key. */
    public NodeId nodeId() {
        return NodeId.fromPublicKey(key);
    }

    public String encode() {
        return key.encode() + ":" + secret.value().base64Url();
    }

    /** Parses {@code KIND:pub:secret} or {@code pub:secret}. */
    public static KeyPair parse(String text) {
        String[] parts = text.split(":", -1);
        CryptoKind kind = CryptoKind.VLD0;
        int first = 0;
        if (parts.length == 3) {
            if (parts[0].length() != 4) {
                throw new IllegalArgumentException("invalid key pair: crypto kind '" + parts[0] + "' is not 4 characters");
            }
            kind = CryptoKind.of(parts[0]);
            first = 1;
        } else if (parts.length != 2) {
            throw new IllegalArgumentException(
                    "invalid key pair: expected KIND:public:secret or public:secret, got " + parts.length + " parts");
        }
        try {
            return new KeyPair(new PublicKey(kind, Bytes.adopt(Base64UrlNoPad.decode(parts[first]))),
                    new SecretKey(kind, Bytes.adopt(Base64UrlNoPad.decode(parts[first + 1]))));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid key pair: " + e.getMessage(), e);
        }
    }

    /** The public half only: a key pair's string form would leak the secret. */
    @Override
    public String toString() {
        return key.encode() + ":<secret>";
    }
}
