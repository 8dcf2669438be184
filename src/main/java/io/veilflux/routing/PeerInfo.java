package io.veilflux.routing;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Signature;
import java.util.List;
import java.util.Objects;

/**
 * A node's signed self-description as it travels: the packed NodeInfo message byte for byte (what
 * the signatures cover and what is forwarded), the NodeInfo it decodes to, and the signatures.
 * Signatures are not checked here; that needs the routing domain and the crypto systems.
 */
public record PeerInfo(Bytes nodeInfoMessage, NodeInfo nodeInfo, List<Signature> signatures) {
    public PeerInfo {
        Objects.requireNonNull(nodeInfoMessage, "nodeInfoMessage");
        Objects.requireNonNull(nodeInfo, "nodeInfo");
        signatures = List.copyOf(signatures);
    }
}
