package io.veilflux.wire;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The four-byte prefixes the inbound path dispatches on: bootstrap requests (v0 and v1), receipts
 * and envelopes. Veilid tests for the bootstrap magics first, then the receipt version, and
 * treats everything else as an envelope attempt.
 */
public enum PacketMagic {
    BOOT("BOOT"),
    B01T("B01T"),
    RECEIPT(Receipt.VERSION_RCP0),
    ENVELOPE(Envelope.VERSION_ENV0);

    private final byte[] bytes;

    PacketMagic(String ascii) {
        this.bytes = ascii.getBytes(StandardCharsets.US_ASCII);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Whether {@code data} starts with this magic. */
    public boolean matches(byte[] data) {
        return data.length >= 4 && data[0] == bytes[0] && data[1] == bytes[1] && data[2] == bytes[2]
                && data[3] == bytes[3];
    }

    /**
     * The magic {@code data} starts with; empty when it is shorter than four bytes or starts
     * with none of them (such a packet still goes to the envelope decoder, which refuses it).
     */
    public static Optional<PacketMagic> of(byte[] data) {
        for (PacketMagic magic : values()) {
            if (magic.matches(data)) {
                return Optional.of(magic);
            }
        }
        return Optional.empty();
    }
}
