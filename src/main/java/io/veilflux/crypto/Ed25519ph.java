package io.veilflux.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519ph (SHA-512 prehash) signatures under a fixed context, with dalek's strict
 * verification rules. Decoded public points are cached per key: an envelope verify then skips
 * the point decompression that dominates a cold verify after the scalar multiplications.
 */
final class Ed25519ph {
    static final int KEY_LENGTH = 32;
    static final int SIGNATURE_LENGTH = 64;

    private final byte[] context;
    private final Cache<Bytes, Ed25519.PublicPoint> points;
    private final Cache<Bytes, Bytes> publicKeysBySecret;

    Ed25519ph(String context, int cacheSize) {
        this.context = context.getBytes(StandardCharsets.US_ASCII);
        this.points = Caffeine.newBuilder().maximumSize(cacheSize).executor(Runnable::run).build();
        this.publicKeysBySecret = Caffeine.newBuilder().maximumSize(64).executor(Runnable::run).build();
    }

    /** The public key of a 32-byte seed. */
    static byte[] publicKeyOf(byte[] seed) {
        byte[] pk = new byte[KEY_LENGTH];
        Ed25519.generatePublicKey(seed, 0, pk, 0);
        return pk;
    }

    /**
     * Signs {@code data[offset, offset + length)}.
     *
     * @throws CryptoException if {@code publicKey} is not the public key of {@code secret}
     */
    byte[] sign(Bytes publicKey, Bytes secret, byte[] data, int offset, int length) {
        Bytes derived = publicKeysBySecret.get(secret, s -> Bytes.adopt(publicKeyOf(s.unsafeArray())));
        if (!MessageDigest.isEqual(derived.unsafeArray(), publicKey.unsafeArray())) {
            throw new CryptoException("Keypair is invalid: the public key does not belong to the secret key");
        }
        byte[] signature = new byte[SIGNATURE_LENGTH];
        Ed25519.signPrehash(secret.unsafeArray(), 0, publicKey.unsafeArray(), 0, context,
                prehash(data, offset, length), 0, signature, 0);
        return signature;
    }

    /**
     * Strict verification: false for a non-canonical S or R, a small-order R or public key, or
     * an equation that does not hold.
     *
     * @throws CryptoException if the public key is not a point on the curve at all
     */
    boolean verify(Bytes publicKey, byte[] data, int offset, int length, byte[] signature, int signatureOffset) {
        Ed25519.PublicPoint point = points.getIfPresent(publicKey);
        if (point == null) {
            point = Ed25519.validatePublicKeyPartialExport(publicKey.unsafeArray(), 0);
            if (point == null) {
                if (!EdwardsPoints.isDecompressible(publicKey.unsafeArray(), 0)) {
                    throw new CryptoException("Public key is invalid: not a point on the Ed25519 curve");
                }
                return false;
            }
            points.put(publicKey, point);
        }
        if (EdwardsPoints.isSmallOrderEncoding(signature, signatureOffset)) {
            return false;
        }
        return Ed25519.verifyPrehash(signature, signatureOffset, point, context, prehash(data, offset, length), 0);
    }

    private static byte[] prehash(byte[] data, int offset, int length) {
        SHA512Digest digest = new SHA512Digest();
        digest.update(data, offset, length);
        byte[] ph = new byte[Ed25519.PREHASH_SIZE];
        digest.doFinal(ph, 0);
        return ph;
    }
}
