package io.veilflux.routing;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoKind;
import java.util.Comparator;
import java.util.List;

/**
 * Veilid's preference among crypto kinds ({@code compare_crypto_kind}): the valid kinds in the
 * order configured (best first), then every other kind by its four bytes. "Valid" means a kind
 * this node supports; the routing table buckets only node ids of valid kinds.
 */
public record CryptoKindOrder(List<CryptoKind> validKinds) implements Comparator<CryptoKind> {
    /** Veilid's default build: VLD0 only. */
    public static final CryptoKindOrder DEFAULT = new CryptoKindOrder(List.of(CryptoKind.VLD0));

    public CryptoKindOrder {
        validKinds = List.copyOf(validKinds);
        if (validKinds.isEmpty()) {
            throw new IllegalArgumentException("at least one valid crypto kind is required");
        }
        if (validKinds.stream().distinct().count() != validKinds.size()) {
            throw new IllegalArgumentException("valid crypto kinds listed twice: " + validKinds);
        }
    }

    /** The kinds the crypto systems of {@code crypto} support, best first. */
    public static CryptoKindOrder of(Crypto crypto) {
        return new CryptoKindOrder(crypto.validKinds());
    }

    public boolean isValid(CryptoKind kind) {
        return validKinds.contains(kind);
    }

    @Override
    public int compare(CryptoKind a, CryptoKind b) {
        int ai = validKinds.indexOf(a);
        int bi = validKinds.indexOf(b);
        if (ai >= 0 && bi >= 0) {
            return Integer.compare(ai, bi);
        }
        if (ai >= 0 || bi >= 0) {
            return ai >= 0 ? -1 : 1;
        }
        return Integer.compareUnsigned(a.fourcc(), b.fourcc());
    }
}
