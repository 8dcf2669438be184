package io.veilflux.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiFunction;

/**
 * A crypto kind with its bare bytes: the shape of every key, id, signature and digest in Veilid.
 * The string form is {@code <KIND>:<base64url, no padding>}; lengths are checked by the crypto
 * system when a value is used, not when it is parsed, exactly as Veilid does.
 */
public sealed interface TypedValue permits PublicKey, SecretKey, NodeId, Signature, SharedSecret, HashDigest {

    CryptoKind kind();

    Bytes value();

    /** The {@code KIND:base64url} string form. */
    default String encode() {
        return kind() + ":" + value().base64Url();
    }

    /**
     * Parses the string form. A string longer than five bytes whose fifth byte is {@code ':'}
     * carries its kind in the first four bytes; otherwise the whole string is the value and the
     * kind is the best one ({@link CryptoKind#VLD0}).
     *
     * @throws IllegalArgumentException saying which part of {@code text} is wrong
     */
    static <T> T parse(String text, String what, BiFunction<CryptoKind, Bytes, T> make) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        CryptoKind kind = CryptoKind.VLD0;
        String encoded = text;
        if (raw.length > 5 && raw[4] == ':') {
            kind = CryptoKind.fromBytes(raw, 0);
            encoded = new String(Arrays.copyOfRange(raw, 5, raw.length), StandardCharsets.UTF_8);
        }
        try {
            return make.apply(kind, Bytes.adopt(Base64UrlNoPad.decode(encoded)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "invalid " + what + " '" + text + "': " + e.getMessage()
                            + " (expected KIND:base64url, e.g. VLD0:W7ENB-SUWpPA7usY8ORVQf_si5QmFbD1Uqa89Jg2Uc0)", e);
        }
    }
}
