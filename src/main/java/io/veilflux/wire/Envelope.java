package io.veilflux.wire;

import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.Nonce;
import java.util.Objects;

/**
 * The header of an ENV0 envelope as it is after decoding: the sender's timestamp, the real
 * (unmasked) nonce and the real sender and recipient ids. The bytes themselves are made and read
 * by {@link EnvelopeCodec}.
 *
 * @param timestamp microseconds since the UNIX epoch, an unsigned 64-bit value
 */
public record Envelope(CryptoKind kind, long timestamp, Nonce nonce, NodeId senderId, NodeId recipientId) {
    public static final String VERSION_ENV0 = "ENV0";
    public static final int HEADER_SIZE = 0x6A;
    public static final int SIGNATURE_SIZE = 64;
    public static final int MIN_SIZE = HEADER_SIZE + SIGNATURE_SIZE;
    /** The largest envelope: the largest UDP payload over IPv4. */
    public static final int MAX_SIZE = 65507;

    static final int OFFSET_TIMESTAMP = 0x0A;
    static final int OFFSET_NONCE = 0x12;
    static final int OFFSET_SENDER = 0x2A;
    static final int OFFSET_RECIPIENT = 0x4A;
    static final int OFFSET_BODY = HEADER_SIZE;

    public Envelope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(recipientId, "recipientId");
    }
}
