package io.veilflux.crypto;

import java.math.BigInteger;
import java.util.HexFormat;

/**
 * Ed25519 point facts that Bouncy Castle does not expose in the form Veilid needs: dalek's lenient
 * decompression test, the Edwards-to-Montgomery map for DH, and the small-order encodings that a
 * strict verifier refuses as a signature's R.
 */
final class EdwardsPoints {
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger HALF_P_MINUS_1 = P.subtract(BigInteger.ONE).shiftRight(1);

    /**
     * The y coordinates (little endian) of the eight points of small order: 0 and 1, p - 1, and
     * the two of order 8. Any canonical encoding whose y is one of these, with either sign bit,
     * is a small-order point.
     */
    private static final byte[][] SMALL_ORDER_Y = {
        new byte[32],
        HexFormat.of().parseHex("0100000000000000000000000000000000000000000000000000000000000000"),
        HexFormat.of().parseHex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        HexFormat.of().parseHex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
        HexFormat.of().parseHex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
    };

    private EdwardsPoints() {
    }

    /** y, the 255 low bits read little endian and reduced mod p, as dalek's field element does. */
    private static BigInteger y(byte[] encoded, int offset) {
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = encoded[offset + 31 - i];
        }
        be[0] &= 0x7F;
        return new BigInteger(1, be).mod(P);
    }

    /**
     * Whether dalek would decompress these 32 bytes: (y^2 - 1) / (d y^2 + 1) is a square mod p.
     * Non-canonical y (y >= p) and small-order points count as decompressible, as in dalek.
     */
    static boolean isDecompressible(byte[] encoded, int offset) {
        BigInteger y = y(encoded, offset);
        BigInteger y2 = y.multiply(y).mod(P);
        BigInteger u = y2.subtract(BigInteger.ONE).mod(P);
        BigInteger v = D.multiply(y2).add(BigInteger.ONE).mod(P);
        BigInteger ratio = u.multiply(v.modInverse(P)).mod(P);
        return ratio.signum() == 0 || ratio.modPow(HALF_P_MINUS_1, P).equals(BigInteger.ONE);
    }

    /**
     * The X25519 u coordinate of an Ed25519 public key: u = (1 + y) / (1 - y), where a zero
     * denominator gives u = 0 (dalek inverts 0 to 0).
     *
     * @throws CryptoException if the key is not a point on the curve
     */
    static byte[] toMontgomeryU(byte[] encoded, int offset) {
        if (!isDecompressible(encoded, offset)) {
            throw new CryptoException("public key is invalid: not a point on the Ed25519 curve");
        }
        BigInteger y = y(encoded, offset);
        BigInteger denominator = BigInteger.ONE.subtract(y).mod(P);
        BigInteger u = denominator.signum() == 0
                ? BigInteger.ZERO
                : BigInteger.ONE.add(y).multiply(denominator.modInverse(P)).mod(P);
        byte[] be = u.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < be.length && i < 32; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }

    /** Whether these 32 bytes canonically encode a point of order 1, 2, 4 or 8. */
    static boolean isSmallOrderEncoding(byte[] encoded, int offset) {
        for (byte[] candidate : SMALL_ORDER_Y) {
            int diff = (encoded[offset + 31] & 0x7F) ^ candidate[31];
            for (int i = 0; i < 31 && diff == 0; i++) {
                diff = encoded[offset + i] ^ candidate[i];
            }
            if (diff == 0) {
                return true;
            }
        }
        return false;
    }
}
