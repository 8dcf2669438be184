package io.veilflux.wire;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoException;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.CryptoSystem;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.Nonce;
import io.veilflux.crypto.SecretKey;
import io.veilflux.crypto.SharedSecret;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds and reads ENV0 envelopes byte for byte as Veilid does, with or without a network key.
 * Stateless apart from its configuration; safe to share between threads.
 *
 * <p>Layout: {@code "ENV0" | kind | size u16 | timestamp u64 | nonce 24 | sender 32 |
 * recipient 32 | XChaCha20(LZ4 body) | signature 64}, all integers little endian. With a network
 * key the nonce and both ids are sent XORed with it and the body key is the DH secret XORed with
 * it; the signature covers the header as sent.
 */
public final class EnvelopeCodec {
    private static final String WHAT = "envelope";

    private final Crypto crypto;
    private final byte[] networkKey;

    public EnvelopeCodec(Crypto crypto) {
        this(crypto, Optional.empty());
    }

    public EnvelopeCodec(Crypto crypto, Optional<SharedSecret> networkKey) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.networkKey = networkKey.map(k -> {
            if (k.value().length() != 32) {
                throw new IllegalArgumentException("a network key is 32 bytes, got " + k.value().length());
            }
            return k.value().toByteArray();
        }).orElse(null);
    }

    private static boolean compatible(CryptoSystem system) {
        return system.nonceLength() == 24 && system.hashDigestLength() == 32 && system.publicKeyLength() == 32
                && system.signatureLength() == SignedFrame.SIGNATURE_SIZE;
    }

    /**
     * Compresses, encrypts and signs {@code body}.
     *
     * @throws WireException {@link WireError#BODY_TOO_LARGE} or {@link WireError#ENVELOPE_TOO_LARGE}
     * @throws IllegalArgumentException if the header's kind, ids or nonce do not fit ENV0
     * @throws CryptoException if {@code senderSecret} is not the sender's secret key
     */
    public byte[] encode(Envelope envelope, byte[] body, SecretKey senderSecret) {
        CryptoKind kind = envelope.kind();
        CryptoSystem system = crypto.get(kind).orElseThrow(
                () -> new IllegalArgumentException("unsupported crypto kind " + kind + " (supported: " + crypto.validKinds() + ")"));
        if (!compatible(system)) {
            throw new IllegalArgumentException("unsupported crypto kind for this envelope type: " + kind);
        }
        if (envelope.nonce().value().length() != system.nonceLength()) {
            throw new IllegalArgumentException("invalid nonce length for ENV0: " + envelope.nonce().value().length());
        }
        SignedFrame.checkId(envelope.senderId(), kind, "ENV0 sender");
        SignedFrame.checkId(envelope.recipientId(), kind, "ENV0 recipient");
        if (body.length + Envelope.MIN_SIZE > Envelope.MAX_SIZE) {
            throw new WireException(WireError.BODY_TOO_LARGE, "envelope size before compression is too large: body of "
                    + body.length + " bytes, at most " + (Envelope.MAX_SIZE - Envelope.MIN_SIZE));
        }
        byte[] compressed = BodyCompression.compress(body);
        int size = compressed.length + Envelope.MIN_SIZE;
        if (size > Envelope.MAX_SIZE) {
            throw new WireException(WireError.ENVELOPE_TOO_LARGE,
                    "envelope size after compression is too large: " + size + " > " + Envelope.MAX_SIZE);
        }
        SharedSecret key = bodyKey(crypto.cachedDh(envelope.recipientId().toPublicKey(), senderSecret));

        byte[] out = SignedFrame.allocate(PacketMagic.ENVELOPE, kind, size);
        LittleEndian.u64(out, Envelope.OFFSET_TIMESTAMP, envelope.timestamp());
        envelope.nonce().value().copyTo(out, Envelope.OFFSET_NONCE);
        envelope.senderId().value().copyTo(out, Envelope.OFFSET_SENDER);
        envelope.recipientId().value().copyTo(out, Envelope.OFFSET_RECIPIENT);
        if (networkKey != null) {
            xor(out, Envelope.OFFSET_NONCE, 24);
            xor(out, Envelope.OFFSET_SENDER, 32);
            xor(out, Envelope.OFFSET_RECIPIENT, 32);
        }
        system.cryptNoAuth(compressed, 0, compressed.length, out, Envelope.OFFSET_BODY, envelope.nonce(), key);
        return SignedFrame.sign(system, envelope.senderId().toPublicKey(), senderSecret, out);
    }

    /**
     * Runs every check of Veilid's decoder in its order and returns the unmasked header.
     *
     * @throws WireException naming the first check that failed
     */
    public Envelope decode(byte[] data) {
        CryptoSystem system = SignedFrame.checkHeader(data, PacketMagic.ENVELOPE, Envelope.MIN_SIZE,
                Envelope.MAX_SIZE, crypto, EnvelopeCodec::compatible, WHAT);
        long timestamp = LittleEndian.u64(data, Envelope.OFFSET_TIMESTAMP);
        byte[] nonce = unmasked(data, Envelope.OFFSET_NONCE, 24);
        byte[] sender = unmasked(data, Envelope.OFFSET_SENDER, 32);
        byte[] recipient = unmasked(data, Envelope.OFFSET_RECIPIENT, 32);
        if (Arrays.equals(sender, recipient)) {
            throw new WireException(WireError.SENDER_EQUALS_RECIPIENT, "sender id is the same as recipient id");
        }
        NodeId senderId = NodeId.of(system.kind(), sender);
        SignedFrame.verify(system, senderId.toPublicKey(), data, WHAT);
        return new Envelope(system.kind(), timestamp, Nonce.of(nonce), senderId, NodeId.of(system.kind(), recipient));
    }

    /**
     * Decrypts and decompresses the body of {@code data}, whose header {@link #decode} returned
     * as {@code envelope}.
     *
     * @throws WireException a body-stage error: {@link WireError#BODY_DECRYPT_FAILED},
     *     {@link WireError#BODY_DECOMPRESSED_TOO_LARGE} or {@link WireError#BODY_DECOMPRESS_FAILED}
     */
    public byte[] openBody(Envelope envelope, byte[] data, SecretKey recipientSecret) {
        if (data.length < Envelope.MIN_SIZE) {
            throw new IllegalArgumentException("not a decoded envelope: " + data.length + " bytes");
        }
        CryptoSystem system = crypto.require(envelope.kind());
        SharedSecret key;
        try {
            key = bodyKey(crypto.cachedDh(envelope.senderId().toPublicKey(), recipientSecret));
        } catch (CryptoException e) {
            throw new WireException(WireError.BODY_DECRYPT_FAILED, "cannot derive the body key: " + e.getMessage(), e);
        }
        int length = data.length - Envelope.MIN_SIZE;
        byte[] compressed = new byte[length];
        system.cryptNoAuth(data, Envelope.OFFSET_BODY, length, compressed, 0, envelope.nonce(), key);
        return BodyCompression.decompress(compressed, 0, length, Envelope.MAX_SIZE);
    }

    private SharedSecret bodyKey(SharedSecret dh) {
        if (networkKey == null) {
            return dh;
        }
        byte[] key = dh.value().toByteArray();
        for (int i = 0; i < key.length; i++) {
            key[i] ^= networkKey[i];
        }
        return new SharedSecret(dh.kind(), Bytes.of(key));
    }

    private byte[] unmasked(byte[] data, int offset, int length) {
        byte[] out = Arrays.copyOfRange(data, offset, offset + length);
        if (networkKey != null) {
            xor(out, 0, length);
        }
        return out;
    }

    private void xor(byte[] b, int offset, int length) {
        for (int i = 0; i < length; i++) {
            b[offset + i] ^= networkKey[i];
        }
    }
}
