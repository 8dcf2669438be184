package io.veilflux.crypto;

/**
 * A crypto operation refused its input: a wrong kind or length, a key pair that does not match,
 * a point that is not on the curve, a failed authentication tag. The message says which.
 */
public class CryptoException extends RuntimeException {
    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
