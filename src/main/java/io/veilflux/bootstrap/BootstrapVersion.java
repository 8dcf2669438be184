package io.veilflux.bootstrap;

import io.veilflux.crypto.PublicKey;
import io.veilflux.wire.PacketMagic;
import java.util.List;

/**
 * The direct bootstrap request a node sends: v0 ({@code BOOT}, answered with peer infos) when no
 * bootstrap keys are configured, v1 ({@code B01T}, answered with signed TXT records and peer
 * infos) otherwise. The request is exactly the four magic bytes, framed by the transport.
 */
public enum BootstrapVersion {
    V0(PacketMagic.BOOT),
    V1(PacketMagic.B01T);

    private final PacketMagic magic;

    BootstrapVersion(PacketMagic magic) {
        this.magic = magic;
    }

    /** Veilid's choice: v1 exactly when bootstrap keys are configured. */
    public static BootstrapVersion forKeys(List<PublicKey> bootstrapKeys) {
        return bootstrapKeys.isEmpty() ? V0 : V1;
    }

    /** The request payload: {@code BOOT} or {@code B01T} in ASCII. */
    public byte[] request() {
        return magic.bytes();
    }

    public PacketMagic magic() {
        return magic;
    }

    /** The lowest TXT record version a TXT bootstrap accepts with these keys. */
    public int minimumTxtVersion() {
        return this == V0 ? BootstrapRecord.VERSION_0 : BootstrapRecord.VERSION_1;
    }
}
