package io.veilflux.crypto;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2 as Veilid uses it: the argon2 crate's defaults (Argon2id, version 19, 19456 KiB,
 * 2 passes, 1 lane, 32-byte output) for raw keys and for PHC password strings.
 */
final class Argon2id {
    static final int MEMORY_KIB = 19456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    static final int OUTPUT_LENGTH = 32;
    /** The argon2 crate's own minimum salt length, stricter than Veilid's check of 4. */
    static final int MIN_SALT_LENGTH = 8;
    /** PHC salt strings are 4 to 64 base64 characters. */
    static final int MAX_PHC_SALT_CHARS = 64;

    private static final Base64.Encoder PHC_B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder PHC_B64_DECODER = Base64.getDecoder();
    private static final Pattern PHC = Pattern.compile(
            "\\$(argon2id|argon2i|argon2d)\\$v=(\\d+)\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");

    private Argon2id() {
    }

    static byte[] hash(byte[] password, byte[] salt) {
        checkSalt(salt);
        return raw(Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13, MEMORY_KIB, ITERATIONS,
                PARALLELISM, password, salt, OUTPUT_LENGTH);
    }

    static String hashPassword(byte[] password, byte[] salt) {
        checkSalt(salt);
        String saltB64 = PHC_B64.encodeToString(salt);
        if (saltB64.length() > MAX_PHC_SALT_CHARS) {
            throw new CryptoException("invalid salt length: " + salt.length
                    + " bytes do not fit a PHC salt string of at most " + MAX_PHC_SALT_CHARS + " characters");
        }
        byte[] hash = raw(Argon2Parameters.ARGON2_id, Argon2Parameters.ARGON2_VERSION_13, MEMORY_KIB, ITERATIONS,
                PARALLELISM, password, salt, OUTPUT_LENGTH);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
                + "$" + saltB64 + "$" + PHC_B64.encodeToString(hash);
    }

    static boolean verifyPassword(byte[] password, String phc) {
        Matcher m = PHC.matcher(phc);
        if (!m.matches()) {
            throw new CryptoException("invalid password hash: expected $argon2id$v=19$m=..,t=..,p=..$salt$hash");
        }
        int type = switch (m.group(1)) {
            case "argon2d" -> Argon2Parameters.ARGON2_d;
            case "argon2i" -> Argon2Parameters.ARGON2_i;
            default -> Argon2Parameters.ARGON2_id;
        };
        byte[] salt;
        byte[] expected;
        int version;
        int memory;
        int iterations;
        int lanes;
        try {
            version = Integer.parseInt(m.group(2));
            memory = Integer.parseInt(m.group(3));
            iterations = Integer.parseInt(m.group(4));
            lanes = Integer.parseInt(m.group(5));
            salt = PHC_B64_DECODER.decode(m.group(6));
            expected = PHC_B64_DECODER.decode(m.group(7));
        } catch (IllegalArgumentException e) {
            throw new CryptoException("invalid password hash: " + e.getMessage(), e);
        }
        if (version != Argon2Parameters.ARGON2_VERSION_13 && version != Argon2Parameters.ARGON2_VERSION_10) {
            throw new CryptoException("invalid password hash: unsupported Argon2 version " + version);
        }
        if (salt.length < MIN_SALT_LENGTH || lanes < 1 || iterations < 1 || memory < 8 * lanes || expected.length < 4) {
            throw new CryptoException("invalid password hash: parameters out of range");
        }
        byte[] actual = raw(type, version, memory, iterations, lanes, password, salt, expected.length);
        return MessageDigest.isEqual(actual, expected);
    }

    private static void checkSalt(byte[] salt) {
        if (salt.length < 4 || salt.length > 64) {
            throw new CryptoException("invalid salt length: " + salt.length + " (must be 4 to 64 bytes)");
        }
        if (salt.length < MIN_SALT_LENGTH) {
            throw new CryptoException("salt too short: " + salt.length + " bytes (Argon2 needs at least "
                    + MIN_SALT_LENGTH + ")");
        }
    }

    private static byte[] raw(int type, int version, int memoryKib, int iterations, int lanes,
                              byte[] password, byte[] salt, int outputLength) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(type)
                .withVersion(version)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(lanes)
                .withSalt(salt)
                .build());
        byte[] out = new byte[outputLength];
        generator.generateBytes(password, out);
        return out;
    }
}
