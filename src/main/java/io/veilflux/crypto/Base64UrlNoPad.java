package io.veilflux.crypto;

import java.util.Base64;

/**
 * Veilid's string encoding for keys and signatures: base64url without padding, canonical only.
 * The JDK decoder accepts padding and stray trailing bits, so decoding re-checks both.
 */
public final class Base64UrlNoPad {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64UrlNoPad() {
    }

    public static String encode(byte[] data) {
        return ENCODER.encodeToString(data);
    }

    /**
     * Decodes a canonical base64url string.
     *
     * @throws IllegalArgumentException naming what is wrong: a character outside the alphabet,
     *     padding, an impossible length, or non-zero trailing bits
     */
    public static byte[] decode(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!ok) {
                throw new IllegalArgumentException(
                        "invalid base64url character '" + c + "' at index " + i
                                + " (allowed: A-Z a-z 0-9 - _, no padding)");
            }
        }
        if (text.length() % 4 == 1) {
            throw new IllegalArgumentException(
                    "invalid base64url length " + text.length() + " (a length of 4n+1 encodes no whole byte)");
        }
        byte[] decoded = DECODER.decode(text);
        if (!encode(decoded).equals(text)) {
            throw new IllegalArgumentException("non-canonical base64url: the trailing bits must be zero");
        }
        return decoded;
    }
}
