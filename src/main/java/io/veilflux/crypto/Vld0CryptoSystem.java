package io.veilflux.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.digests.Blake3Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * VLD0, Veilid's crypto kind: Ed25519ph signatures under {@code VLD0_SIGN}, Ed25519 keys turned
 * into X25519 for DH hashed with BLAKE3 under {@code VLD0_CRYPT}, XChaCha20 (with and without
 * Poly1305), BLAKE3-256 and Argon2id.
 */
public final class Vld0CryptoSystem implements CryptoSystem {
    public static final int PUBLIC_KEY_LENGTH = 32;
    public static final int SECRET_KEY_LENGTH = 32;
    public static final int SIGNATURE_LENGTH = 64;
    public static final int NONCE_LENGTH = 24;
    public static final int HASH_DIGEST_LENGTH = 32;
    public static final int SHARED_SECRET_LENGTH = 32;
    public static final int AEAD_OVERHEAD = 16;
    public static final int DEFAULT_SALT_LENGTH = 16;
    public static final String SIGN_CONTEXT = "VLD0_SIGN";
    public static final String DH_DOMAIN = "VLD0_CRYPT";
    public static final String API_DOMAIN = "VEILID_API";
    /** Decoded public points kept for verification, as many as the DH cache holds pairs. */
    public static final int POINT_CACHE_SIZE = 4096;

    private static final byte[] DH_DOMAIN_BYTES = DH_DOMAIN.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] API_DOMAIN_BYTES = API_DOMAIN.getBytes(StandardCharsets.US_ASCII);

    private final SecureRandom random;
    private final Ed25519ph ed25519 = new Ed25519ph(SIGN_CONTEXT, POINT_CACHE_SIZE);

    public Vld0CryptoSystem() {
        this(Randomness.nonBlocking());
    }

    public Vld0CryptoSystem(SecureRandom random) {
        this.random = random;
    }

    @Override
    public CryptoKind kind() {
        return CryptoKind.VLD0;
    }

    @Override
    public int publicKeyLength() {
        return PUBLIC_KEY_LENGTH;
    }

    @Override
    public int secretKeyLength() {
        return SECRET_KEY_LENGTH;
    }

    @Override
    public int signatureLength() {
        return SIGNATURE_LENGTH;
    }

    @Override
    public int nonceLength() {
        return NONCE_LENGTH;
    }

    @Override
    public int hashDigestLength() {
        return HASH_DIGEST_LENGTH;
    }

    @Override
    public int sharedSecretLength() {
        return SHARED_SECRET_LENGTH;
    }

    @Override
    public int aeadOverhead() {
        return AEAD_OVERHEAD;
    }

    @Override
    public int defaultSaltLength() {
        return DEFAULT_SALT_LENGTH;
    }

    @Override
    public KeyPair generateKeyPair() {
        return keyPairOf(new SecretKey(CryptoKind.VLD0, Bytes.adopt(randomBytes(SECRET_KEY_LENGTH))));
    }

    @Override
    public KeyPair keyPairOf(SecretKey secret) {
        check(secret, "secret key", SECRET_KEY_LENGTH);
        return new KeyPair(new PublicKey(CryptoKind.VLD0, Bytes.adopt(Ed25519ph.publicKeyOf(secret.value().unsafeArray()))),
                secret);
    }

    @Override
    public boolean validateKeyPair(PublicKey key, SecretKey secret) {
        try {
            byte[] probe = new byte[512];
            return verify(key, probe, sign(key, secret, probe));
        } catch (CryptoException e) {
            return false;
        }
    }

    @Override
    public Signature sign(PublicKey key, SecretKey secret, byte[] data, int offset, int length) {
        check(key, "public key", PUBLIC_KEY_LENGTH);
        check(secret, "secret key", SECRET_KEY_LENGTH);
        return new Signature(CryptoKind.VLD0, Bytes.adopt(ed25519.sign(key.value(), secret.value(), data, offset, length)));
    }

    @Override
    public boolean verify(PublicKey key, byte[] data, int offset, int length, Signature signature) {
        check(key, "public key", PUBLIC_KEY_LENGTH);
        check(signature, "signature", SIGNATURE_LENGTH);
        return ed25519.verify(key.value(), data, offset, length, signature.value().unsafeArray(), 0);
    }

    @Override
    public SharedSecret computeDh(PublicKey key, SecretKey secret) {
        check(key, "public key", PUBLIC_KEY_LENGTH);
        check(secret, "secret key", SECRET_KEY_LENGTH);
        byte[] u = EdwardsPoints.toMontgomeryU(key.value().unsafeArray(), 0);
        byte[] scalar = x25519Secret(secret.value().unsafeArray());
        byte[] dh = new byte[X25519.POINT_SIZE];
        // No contributory check: Veilid hashes whatever the ladder returns, all zeros included.
        X25519.scalarMult(scalar, 0, u, 0, dh, 0);
        return new SharedSecret(CryptoKind.VLD0, Bytes.adopt(blake3(DH_DOMAIN_BYTES, dh)));
    }

    /**
     * The X25519 public key (Montgomery u) of an Ed25519 public key, as libsodium's
     * {@code crypto_sign_ed25519_pk_to_curve25519}.
     */
    public static byte[] x25519PublicKey(PublicKey key) {
        check(key, "public key", PUBLIC_KEY_LENGTH);
        return EdwardsPoints.toMontgomeryU(key.value().unsafeArray(), 0);
    }

    /** The X25519 scalar of an Ed25519 seed before clamping: SHA-512(seed)[0..32]. */
    public static byte[] x25519SecretKey(SecretKey secret) {
        check(secret, "secret key", SECRET_KEY_LENGTH);
        return x25519Secret(secret.value().unsafeArray());
    }

    /** SHA-512(seed)[0..32], unclamped and unreduced: X25519 clamps it itself. */
    private static byte[] x25519Secret(byte[] seed) {
        SHA512Digest sha = new SHA512Digest();
        sha.update(seed, 0, seed.length);
        byte[] h = new byte[64];
        sha.doFinal(h, 0);
        byte[] scalar = new byte[32];
        System.arraycopy(h, 0, scalar, 0, 32);
        return scalar;
    }

    @Override
    public SharedSecret generateSharedSecret(PublicKey key, SecretKey secret, byte[] domain) {
        byte[] dh = computeDh(key, secret).value().unsafeArray();
        return new SharedSecret(CryptoKind.VLD0, Bytes.adopt(blake3(dh, domain, API_DOMAIN_BYTES)));
    }

    @Override
    public HashDigest generateHash(byte[] data) {
        return new HashDigest(CryptoKind.VLD0, Bytes.adopt(blake3(data)));
    }

    /** BLAKE3-256 of the concatenation of {@code parts}. */
    static byte[] blake3(byte[]... parts) {
        Blake3Digest digest = new Blake3Digest(256);
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[HASH_DIGEST_LENGTH];
        digest.doFinal(out, 0);
        return out;
    }

    @Override
    public void cryptNoAuth(byte[] in, int inOffset, int length, byte[] out, int outOffset, Nonce nonce, SharedSecret key) {
        checkNonce(nonce);
        check(key, "shared secret", SHARED_SECRET_LENGTH);
        XChaCha20.crypt(key.value().unsafeArray(), nonce.value().unsafeArray(), in, inOffset, length, out, outOffset);
    }

    @Override
    public byte[] encryptAead(byte[] plaintext, Nonce nonce, SharedSecret key, byte[] associatedData) {
        checkNonce(nonce);
        check(key, "shared secret", SHARED_SECRET_LENGTH);
        return XChaCha20.encryptAead(key.value().unsafeArray(), nonce.value().unsafeArray(), plaintext, associatedData);
    }

    @Override
    public byte[] decryptAead(byte[] ciphertext, Nonce nonce, SharedSecret key, byte[] associatedData) {
        checkNonce(nonce);
        check(key, "shared secret", SHARED_SECRET_LENGTH);
        return XChaCha20.decryptAead(key.value().unsafeArray(), nonce.value().unsafeArray(), ciphertext, associatedData);
    }

    @Override
    public String hashPassword(byte[] password, byte[] salt) {
        return Argon2id.hashPassword(password, salt);
    }

    @Override
    public boolean verifyPassword(byte[] password, String passwordHash) {
        return Argon2id.verifyPassword(password, passwordHash);
    }

    @Override
    public SharedSecret deriveSharedSecret(byte[] password, byte[] salt) {
        return new SharedSecret(CryptoKind.VLD0, Bytes.adopt(Argon2id.hash(password, salt)));
    }

    @Override
    public Nonce randomNonce() {
        return new Nonce(Bytes.adopt(randomBytes(NONCE_LENGTH)));
    }

    @Override
    public SharedSecret randomSharedSecret() {
        return new SharedSecret(CryptoKind.VLD0, Bytes.adopt(randomBytes(SHARED_SECRET_LENGTH)));
    }

    @Override
    public byte[] randomBytes(int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }

    private static void check(TypedValue value, String what, int length) {
        if (!CryptoKind.VLD0.equals(value.kind())) {
            throw new CryptoException("incorrect " + what + " kind: " + value.kind() + " (expected VLD0)");
        }
        if (value.value().length() != length) {
            throw new CryptoException("invalid " + what + " length: " + value.value().length() + " != " + length);
        }
    }

    private static void checkNonce(Nonce nonce) {
        if (nonce.value().length() != NONCE_LENGTH) {
            throw new CryptoException("invalid nonce length: " + nonce.value().length() + " != " + NONCE_LENGTH);
        }
    }
}
