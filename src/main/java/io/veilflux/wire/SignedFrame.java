package io.veilflux.wire;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoException;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.CryptoSystem;
import io.veilflux.crypto.PublicKey;
import io.veilflux.crypto.SecretKey;
import io.veilflux.crypto.Signature;
import io.veilflux.crypto.TypedValue;

/**
 * What ENV0 envelopes and RCP0 receipts share: a version, a crypto kind and a u16 total size
 * up front, a signature over everything else at the end. Both decoders run the same checks in
 * the same order, and both encoders sign the same way.
 */
final class SignedFrame {
    static final int OFFSET_KIND = 4;
    static final int OFFSET_SIZE = 8;
    static final int SIGNATURE_SIZE = 64;

    private SignedFrame() {
    }

    /** The sizes a crypto kind must have for one frame type. */
    interface Compatibility {
        boolean accepts(CryptoSystem system);
    }

    /**
     * Veilid's header checks, in order: header length, version, minimum length, crypto kind,
     * size field against the maximum, size field against the actual length.
     *
     * @return the crypto system of the frame's kind
     */
    static CryptoSystem checkHeader(byte[] data, PacketMagic version, int minSize, int maxSize,
                                    Crypto crypto, Compatibility compatibility, String what) {
        int length = data.length;
        if (length < 4) {
            throw new WireException(WireError.HEADER_TOO_SMALL, what + " header too small: " + length + " bytes");
        }
        if (!version.matches(data)) {
            throw new WireException(WireError.UNSUPPORTED_VERSION, "unsupported " + what + " version");
        }
        if (length < minSize) {
            throw new WireException(WireError.TOO_SMALL,
                    what + " data too small: " + length + " bytes, at least " + minSize + " needed");
        }
        CryptoKind kind = CryptoKind.fromBytes(data, OFFSET_KIND);
        CryptoSystem system = crypto.get(kind).orElseThrow(() -> new WireException(
                WireError.UNSUPPORTED_CRYPTO_KIND, "unsupported crypto kind " + kind + " in " + what));
        if (!compatibility.accepts(system)) {
            throw new WireException(WireError.UNSUPPORTED_CRYPTO_KIND,
                    "crypto kind " + kind + " does not fit the " + what + " layout");
        }
        int size = LittleEndian.u16(data, OFFSET_SIZE);
        if (size > maxSize) {
            throw new WireException(WireError.TOO_LARGE, what + " size field " + size + " exceeds " + maxSize);
        }
        if (size != length) {
            throw new WireException(WireError.SIZE_MISMATCH,
                    what + " size field " + size + " does not match the " + length + " bytes received");
        }
        return system;
    }

    /** Verifies the trailing signature over everything before it, as received. */
    static void verify(CryptoSystem system, PublicKey signer, byte[] data, String what) {
        int signed = data.length - SIGNATURE_SIZE;
        Signature signature = new Signature(system.kind(), Bytes.of(data, signed, SIGNATURE_SIZE));
        boolean valid;
        try {
            valid = system.verify(signer, data, 0, signed, signature);
        } catch (CryptoException e) {
            throw new WireException(WireError.BAD_SIGNATURE,
                    "signature of " + what + " cannot be checked: " + e.getMessage(), e);
        }
        if (!valid) {
            throw new WireException(WireError.BAD_SIGNATURE, "signature verification of " + what + " failed");
        }
    }

    /** Writes the version, kind and size, leaving the rest to the caller. */
    static byte[] allocate(PacketMagic version, CryptoKind kind, int size) {
        byte[] out = new byte[size];
        System.arraycopy(version.bytes(), 0, out, 0, 4);
        kind.writeTo(out, OFFSET_KIND);
        LittleEndian.u16(out, OFFSET_SIZE, size);
        return out;
    }

    /** Signs everything before the signature slot and fills the slot. */
    static byte[] sign(CryptoSystem system, PublicKey signer, SecretKey secret, byte[] frame) {
        int signed = frame.length - SIGNATURE_SIZE;
        system.sign(signer, secret, frame, 0, signed).value().copyTo(frame, signed);
        return frame;
    }

    /** Checks that a typed id given to an encoder has the frame's kind and a 32-byte value. */
    static void checkId(TypedValue id, CryptoKind kind, String what) {
        if (!id.kind().equals(kind)) {
            throw new IllegalArgumentException("invalid crypto kind for " + what + ": " + id.kind() + " != " + kind);
        }
        if (id.value().length() != Crypto.HASH_COORDINATE_LENGTH) {
            throw new IllegalArgumentException("invalid node_id length for " + what + ": " + id.value().length()
                    + " != " + Crypto.HASH_COORDINATE_LENGTH);
        }
    }
}
