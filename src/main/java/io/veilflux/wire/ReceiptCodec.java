package io.veilflux.wire;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.CryptoSystem;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.Nonce;
import io.veilflux.crypto.SecretKey;
import java.util.Objects;

/**
 * Signs and reads RCP0 receipts byte for byte as Veilid does. Receipts are neither encrypted nor
 * masked by the network key.
 *
 * <p>Layout: {@code "RCP0" | kind | size u16 | nonce 24 | sender 32 | extra data 0..1250 |
 * signature 64}.
 */
public final class ReceiptCodec {
    private static final String WHAT = "receipt";

    private final Crypto crypto;

    public ReceiptCodec(Crypto crypto) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
    }

    // Unlike ENV0, Veilid does not check the signature length for RCP0.
    private static boolean compatible(CryptoSystem system) {
        return system.nonceLength() == 24 && system.hashDigestLength() == 32 && system.publicKeyLength() == 32;
    }

    /**
     * Signs {@code receipt} with its sender's secret key.
     *
     * @throws WireException {@link WireError#EXTRA_DATA_TOO_LARGE} past 1250 bytes of extra data
     * @throws IllegalArgumentException if the kind, id or nonce do not fit RCP0
     */
    public byte[] encode(Receipt receipt, SecretKey senderSecret) {
        CryptoKind kind = receipt.kind();
        CryptoSystem system = crypto.get(kind).orElseThrow(
                () -> new IllegalArgumentException("unsupported crypto kind " + kind + " (supported: " + crypto.validKinds() + ")"));
        if (!compatible(system)) {
            throw new IllegalArgumentException("unsupported crypto kind for this receipt type: " + kind);
        }
        if (receipt.nonce().value().length() != system.nonceLength()) {
            throw new IllegalArgumentException("invalid nonce length for RCP0: " + receipt.nonce().value().length());
        }
        SignedFrame.checkId(receipt.senderId(), kind, "RCP0 sender");
        int extra = receipt.extraData().length();
        if (extra > Receipt.MAX_EXTRA_DATA_SIZE) {
            throw new WireException(WireError.EXTRA_DATA_TOO_LARGE,
                    "extra data too large for receipt: " + extra + " > " + Receipt.MAX_EXTRA_DATA_SIZE + " bytes");
        }
        byte[] out = SignedFrame.allocate(PacketMagic.RECEIPT, kind, Receipt.MIN_SIZE + extra);
        receipt.nonce().value().copyTo(out, Receipt.OFFSET_NONCE);
        receipt.senderId().value().copyTo(out, Receipt.OFFSET_SENDER);
        receipt.extraData().copyTo(out, Receipt.OFFSET_EXTRA_DATA);
        return SignedFrame.sign(system, receipt.senderId().toPublicKey(), senderSecret, out);
    }

    /**
     * Runs every check of Veilid's receipt decoder in its order.
     *
     * @throws WireException naming the first check that failed
     */
    public Receipt decode(byte[] data) {
        CryptoSystem system = SignedFrame.checkHeader(data, PacketMagic.RECEIPT, Receipt.MIN_SIZE,
                Receipt.MAX_SIZE, crypto, ReceiptCodec::compatible, WHAT);
        NodeId sender = new NodeId(system.kind(), Bytes.of(data, Receipt.OFFSET_SENDER, 32));
        SignedFrame.verify(system, sender.toPublicKey(), data, WHAT);
        return new Receipt(system.kind(), new Nonce(Bytes.of(data, Receipt.OFFSET_NONCE, 24)), sender,
                Bytes.of(data, Receipt.OFFSET_EXTRA_DATA, data.length - Receipt.MIN_SIZE));
    }
}
