package io.veilflux.routing;

import io.veilflux.crypto.CryptoException;
import io.veilflux.crypto.NodeId;
import java.util.ArrayList;
import java.util.List;

/** A node info's ids as the routing table keeps them: one per supported kind, in Veilid's kind order. */
final class EntryNodeInfo {
    private EntryNodeInfo() {
    }

    /** The node ids of the node info's public keys (for 32-byte keys, the keys themselves). */
    static CryptoTypedGroup<NodeId> nodeIds(CryptoKindOrder order, NodeInfo nodeInfo) {
        List<NodeId> ids = new ArrayList<>();
        for (CryptoInfo info : nodeInfo.cryptoInfoList()) {
            try {
                ids.add(NodeId.fromPublicKey(info.publicKey()));
            } catch (CryptoException e) {
                throw new RoutingTableException("no node id for the " + info.kind() + " public key: " + e.getMessage(), e);
            }
        }
        return CryptoTypedGroup.of(order, ids);
    }
}
