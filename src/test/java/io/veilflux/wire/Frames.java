package io.veilflux.wire;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import java.util.Arrays;

/** Test helpers that damage a signed frame on purpose and, where asked, sign it again. */
final class Frames {
    private Frames() {
    }

    /** Re-signs a frame after a header change, so that only the intended defect remains. */
    static byte[] resign(Crypto crypto, KeyPair signer, byte[] frame) {
        byte[] copy = frame.clone();
        return SignedFrame.sign(crypto.best(), signer.key(), signer.secret(), copy);
    }

    static byte[] withSizeField(byte[] frame, int size) {
        byte[] copy = frame.clone();
        LittleEndian.u16(copy, SignedFrame.OFFSET_SIZE, size);
        return copy;
    }

    static byte[] flip(byte[] frame, int index, int mask) {
        byte[] copy = frame.clone();
        copy[index] ^= (byte) mask;
        return copy;
    }

    static byte[] truncate(byte[] frame, int length) {
        return Arrays.copyOf(frame, length);
    }
}
