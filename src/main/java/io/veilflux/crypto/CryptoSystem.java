package io.veilflux.crypto;

/**
 * One crypto kind's primitives, as Veilid's {@code CryptoSystem} trait: keys, signatures, DH,
 * hashing, symmetric ciphers and password hashing. Every method checks the kinds and lengths of
 * its typed inputs first and throws {@link CryptoException} saying what does not fit.
 */
public interface CryptoSystem {

    CryptoKind kind();

    int publicKeyLength();

    int secretKeyLength();

    int signatureLength();

    int nonceLength();

    int hashDigestLength();

    int sharedSecretLength();

    int aeadOverhead();

    int defaultSaltLength();

    KeyPair generateKeyPair();

    /** The key pair of a secret key. */
    KeyPair keyPairOf(SecretKey secret);

    /** Whether {@code key} belongs to {@code secret}; false (not an error) for anything wrong. */
    boolean validateKeyPair(PublicKey key, SecretKey secret);

    Signature sign(PublicKey key, SecretKey secret, byte[] data, int offset, int length);

    default Signature sign(PublicKey key, SecretKey secret, byte[] data) {
        return sign(key, secret, data, 0, data.length);
    }

    /**
     * Strictly verifies a signature over {@code data[offset, offset + length)}.
     *
     * @return false for any signature that does not verify
     * @throws CryptoException when the key or signature has the wrong kind or length, or the key
     *     is not a point on the curve
     */
    boolean verify(PublicKey key, byte[] data, int offset, int length, Signature signature);

    default boolean verify(PublicKey key, byte[] data, Signature signature) {
        return verify(key, data, 0, data.length, signature);
    }

    /** The raw DH secret of {@code key} and {@code secret}, hashed under the kind's domain. */
    SharedSecret computeDh(PublicKey key, SecretKey secret);

    /** Veilid's API helper: hash(DH ‖ domain ‖ "VEILID_API"). */
    SharedSecret generateSharedSecret(PublicKey key, SecretKey secret, byte[] domain);

    HashDigest generateHash(byte[] data);

    default boolean validateHash(byte[] data, HashDigest digest) {
        return generateHash(data).equals(digest);
    }

    /**
     * Unauthenticated stream encryption (and decryption: the same operation) of
     * {@code in[inOffset, inOffset + length)} into {@code out} at {@code outOffset}.
     */
    void cryptNoAuth(byte[] in, int inOffset, int length, byte[] out, int outOffset, Nonce nonce, SharedSecret key);

    default byte[] cryptNoAuth(byte[] data, Nonce nonce, SharedSecret key) {
        byte[] out = new byte[data.length];
        cryptNoAuth(data, 0, data.length, out, 0, nonce, key);
        return out;
    }

    /** AEAD encryption; the tag follows the ciphertext. {@code associatedData} may be null. */
    byte[] encryptAead(byte[] plaintext, Nonce nonce, SharedSecret key, byte[] associatedData);

    /** AEAD decryption; throws {@link CryptoException} when the tag does not match. */
    byte[] decryptAead(byte[] ciphertext, Nonce nonce, SharedSecret key, byte[] associatedData);

    /** A PHC password hash string. */
    String hashPassword(byte[] password, byte[] salt);

    boolean verifyPassword(byte[] password, String passwordHash);

    /** A key derived from a password and salt with the kind's password hash. */
    SharedSecret deriveSharedSecret(byte[] password, byte[] salt);

    Nonce randomNonce();

    SharedSecret randomSharedSecret();

    byte[] randomBytes(int length);
}
