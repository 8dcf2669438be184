package io.veilflux.routing;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import java.util.Objects;

/**
 * A point in one crypto kind's 256-bit XOR space: a node id's 32 bytes (for VLD0 the node's
 * public key), or any other 32-byte key a search is about.
 */
public record HashCoordinate(CryptoKind kind, Bytes value) {
    public HashCoordinate {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
        if (value.length() != Crypto.HASH_COORDINATE_LENGTH) {
            throw new IllegalArgumentException("a hash coordinate is " + Crypto.HASH_COORDINATE_LENGTH
                    + " bytes, got " + value.length());
        }
    }

    public static HashCoordinate of(NodeId nodeId) {
        return new HashCoordinate(nodeId.kind(), nodeId.value());
    }

    /** The bytewise XOR of the two coordinates, which must be of the same kind. */
    public HashDistance distance(HashCoordinate other) {
        if (!kind.equals(other.kind)) {
            throw new IllegalArgumentException("distance between coordinates of different kinds: " + kind + " and "
                    + other.kind);
        }
        byte[] xor = new byte[Crypto.HASH_COORDINATE_LENGTH];
        for (int i = 0; i < xor.length; i++) {
            xor[i] = (byte) (value.get(i) ^ other.value.get(i));
        }
        return new HashDistance(Bytes.of(xor));
    }

    /** Byte strings compared as big-endian unsigned numbers (shorter first on a common prefix). */
    static int compareUnsigned(Bytes a, Bytes b) {
        int common = Math.min(a.length(), b.length());
        for (int i = 0; i < common; i++) {
            int c = Integer.compare(a.get(i) & 0xFF, b.get(i) & 0xFF);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
