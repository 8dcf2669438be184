package io.veilflux.bootstrap;

import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.routing.CryptoInfo;
import io.veilflux.routing.PeerInfo;
import java.util.List;

/** What bootstrap reads off a peer info: its public keys and the node ids they stand for. */
final class PeerInfos {
    private PeerInfos() {
    }

    static List<PublicKey> publicKeys(PeerInfo peerInfo) {
        return peerInfo.nodeInfo().cryptoInfoList().stream().map(CryptoInfo::publicKey).toList();
    }

    static List<NodeId> nodeIds(PeerInfo peerInfo) {
        return publicKeys(peerInfo).stream().map(NodeId::fromPublicKey).toList();
    }
}
