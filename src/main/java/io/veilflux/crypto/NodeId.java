package io.veilflux.crypto;

import java.util.Objects;

/** A node's identity on the network with its crypto kind; in VLD0 the bytes are the node's public key. */
public record NodeId(CryptoKind kind, Bytes value) implements TypedValue {

    public NodeId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    public static NodeId of(CryptoKind kind, byte[] value) {
        return new NodeId(kind, Bytes.of(value));
    }

    /** Parses {@code KIND:base64url}; see {@link TypedValue#parse}. */
    public static NodeId parse(String text) {
        return TypedValue.parse(text, "node id", NodeId::new);
    }

    /** The node id of a public key whose bytes are exactly a coordinate long (32 bytes in VLD0). */
    public static NodeId fromPublicKey(PublicKey key) {
        if (key.value().length() != Crypto.HASH_COORDINATE_LENGTH) {
            throw new CryptoException("node ids of " + key.value().length()
                    + "-byte public keys need the hash of the key; only 32-byte keys are supported");
        }
        return new NodeId(key.kind(), key.value());
    }

    /** The public key this id stands for (valid for kinds whose keys are 32 bytes, such as VLD0). */
    public PublicKey toPublicKey() {
        return new PublicKey(kind, value);
    }

    @Override
    public String toString() {
        return encode();
    }
}
