package io.veilflux.routing;

import io.veilflux.crypto.Bytes;
import java.util.Objects;
import java.util.OptionalInt;

/** The XOR distance of two hash coordinates, ordered as a big-endian 256-bit unsigned number. */
public record HashDistance(Bytes value) implements Comparable<HashDistance> {
    public HashDistance {
        Objects.requireNonNull(value, "value");
    }

    /** The index of the first set bit counting from the most significant (0 = the top bit), or empty for zero. */
    public OptionalInt firstNonzeroBit() {
        for (int i = 0; i < value.length(); i++) {
            int b = value.get(i) & 0xFF;
            if (b != 0) {
                return OptionalInt.of(i * 8 + Integer.numberOfLeadingZeros(b) - 24);
            }
        }
        return OptionalInt.empty();
    }

    @Override
    public int compareTo(HashDistance other) {
        return HashCoordinate.compareUnsigned(value, other.value);
    }
}
