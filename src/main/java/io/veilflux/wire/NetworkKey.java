package io.veilflux.wire;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoSystem;
import io.veilflux.crypto.SharedSecret;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The network key that keeps separate Veilid networks from talking to each other: derived from
 * {@code network.network_key_password} with the best crypto system's password hash, salted with
 * the hash of the password itself. It masks envelope headers and keys; it is not a secret
 * boundary (anyone with the password has it).
 */
public final class NetworkKey {
    private NetworkKey() {
    }

    /** The key for {@code password}; empty when the password is null or empty (no network key). */
    public static Optional<SharedSecret> fromPassword(Crypto crypto, String password) {
        if (password == null || password.isEmpty()) {
            return Optional.empty();
        }
        CryptoSystem best = crypto.best();
        byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
        byte[] salt = best.generateHash(utf8).value().toByteArray();
        return Optional.of(best.deriveSharedSecret(utf8, salt));
    }
}
