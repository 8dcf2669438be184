package io.veilflux.wire;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.Nonce;
import java.util.Objects;

/**
 * An RCP0 receipt: a signed token a node hands out and expects back, proving that a reverse
 * connection, hole punch or relayed message reached its target. The nonce identifies it; the
 * extra data is opaque and travels in the clear. Bytes are made and read by {@link ReceiptCodec}.
 */
public record Receipt(CryptoKind kind, Nonce nonce, NodeId senderId, Bytes extraData) {
    public static final String VERSION_RCP0 = "RCP0";
    public static final int SIGNATURE_SIZE = 64;
    public static final int MIN_SIZE = 130;
    public static final int MAX_SIZE = 1380;
    public static final int MAX_EXTRA_DATA_SIZE = 1250;

    static final int OFFSET_NONCE = 0x0A;
    static final int OFFSET_SENDER = 0x22;
    static final int OFFSET_EXTRA_DATA = 0x42;

    public Receipt {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(extraData, "extraData");
    }
}
