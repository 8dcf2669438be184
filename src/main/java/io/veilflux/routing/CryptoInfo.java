package io.veilflux.routing;

import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.PublicKey;
import java.util.Objects;

/**
 * What a node publishes for one crypto kind. VLD0 (the only kind with a wire form here) carries
 * one public key, whose kind is the crypto info's kind.
 */
public record CryptoInfo(PublicKey publicKey) {
    public CryptoInfo {
        Objects.requireNonNull(publicKey, "publicKey");
    }

    public CryptoKind kind() {
        return publicKey.kind();
    }
}
