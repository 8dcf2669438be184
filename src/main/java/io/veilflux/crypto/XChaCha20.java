package io.veilflux.crypto;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.util.Pack;

/**
 * XChaCha20 and XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha), built from HChaCha20 and the IETF
 * ChaCha20 of Bouncy Castle, which has no extended-nonce variant.
 */
final class XChaCha20 {
    static final int KEY_LENGTH = 32;
    static final int NONCE_LENGTH = 24;
    static final int TAG_LENGTH = 16;

    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

    private XChaCha20() {
    }

    /** HChaCha20: 20 rounds without the final feed-forward; words 0..3 and 12..15 of the state. */
    static byte[] hChaCha20(byte[] key, byte[] input16, int inputOffset) {
        int[] state = new int[16];
        System.arraycopy(SIGMA, 0, state, 0, 4);
        Pack.littleEndianToInt(key, 0, state, 4, 8);
        Pack.littleEndianToInt(input16, inputOffset, state, 12, 4);
        int[] x = new int[16];
        ChaChaEngine.chachaCore(20, state, x);
        byte[] subkey = new byte[KEY_LENGTH];
        for (int i = 0; i < 4; i++) {
            // chachaCore adds the input state back in; take it out again.
            Pack.intToLittleEndian(x[i] - state[i], subkey, i * 4);
            Pack.intToLittleEndian(x[12 + i] - state[12 + i], subkey, 16 + i * 4);
        }
        return subkey;
    }

    private static byte[] ietfNonce(byte[] nonce) {
        byte[] iv = new byte[12];
        System.arraycopy(nonce, 16, iv, 4, 8);
        return iv;
    }

    /** XORs the XChaCha20 keystream (from block 0) over {@code in} into {@code out}. */
    static void crypt(byte[] key, byte[] nonce, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        ChaCha7539Engine engine = new ChaCha7539Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(hChaCha20(key, nonce, 0)), ietfNonce(nonce)));
        engine.processBytes(in, inOffset, length, out, outOffset);
    }

    static byte[] encryptAead(byte[] key, byte[] nonce, byte[] plaintext, byte[] associatedData) {
        ChaCha20Poly1305 aead = aead(true, key, nonce, associatedData);
        byte[] out = new byte[plaintext.length + TAG_LENGTH];
        int n = aead.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            aead.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("encryption cannot fail authentication", e);
        }
        return out;
    }

    static byte[] decryptAead(byte[] key, byte[] nonce, byte[] ciphertext, byte[] associatedData) {
        if (ciphertext.length < TAG_LENGTH) {
            throw new CryptoException("decryption failed: ciphertext of " + ciphertext.length
                    + " bytes is shorter than the " + TAG_LENGTH + "-byte tag");
        }
        ChaCha20Poly1305 aead = aead(false, key, nonce, associatedData);
        byte[] out = new byte[ciphertext.length - TAG_LENGTH];
        int n = aead.processBytes(ciphertext, 0, ciphertext.length, out, 0);
        try {
            aead.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new CryptoException("decryption failed: authentication tag mismatch", e);
        }
        return out;
    }

    private static ChaCha20Poly1305 aead(boolean encrypt, byte[] key, byte[] nonce, byte[] associatedData) {
        // A fresh instance each time: Bouncy Castle refuses to re-encrypt under the same key and
        // nonce, which Veilid allows (the operation is deterministic).
        ChaCha20Poly1305 aead = new ChaCha20Poly1305();
        aead.init(encrypt, new AEADParameters(new KeyParameter(hChaCha20(key, nonce, 0)), TAG_LENGTH * 8,
                ietfNonce(nonce), associatedData == null ? new byte[0] : associatedData));
        return aead;
    }
}
