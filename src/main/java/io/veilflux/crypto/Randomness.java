package io.veilflux.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Cryptographic randomness that never blocks once made: a DRBG seeded when created (which may read
 * the system's entropy source once, on the creating thread), then drawn from without I/O, so nonces
 * and operation ids can be made on event loops and parallel schedulers.
 */
public final class Randomness {
    private Randomness() {
    }

    public static SecureRandom nonBlocking() {
        try {
            SecureRandom random = SecureRandom.getInstance("DRBG");
            random.nextBytes(new byte[1]);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no DRBG SecureRandom (Java 9+ always has one)", e);
        }
    }
}
