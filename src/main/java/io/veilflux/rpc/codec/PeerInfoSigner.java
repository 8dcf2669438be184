package io.veilflux.rpc.codec;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.Signature;
import io.veilflux.routing.NodeInfo;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.PeerInfoValidation;
import java.util.List;

/**
 * Veilid's {@code new_from_node_info}: our node info as a packed canonical Cap'n Proto message,
 * signed with each of our key pairs, one signature per kind.
 */
public final class PeerInfoSigner {
    private PeerInfoSigner() {
    }

    public static PeerInfo sign(Crypto crypto, NodeInfo nodeInfo, List<KeyPair> keyPairs) {
        if (keyPairs.isEmpty() || keyPairs.size() > PeerInfoValidation.MAX_CRYPTO_KINDS) {
            throw new IllegalArgumentException("a node signs with 1 to " + PeerInfoValidation.MAX_CRYPTO_KINDS
                    + " key pairs, not " + keyPairs.size());
        }
        byte[] message = NodeInfoCodec.encodeNodeInfo(nodeInfo);
        List<Signature> signatures = keyPairs.stream()
                .map(pair -> crypto.require(pair.kind()).sign(pair.key(), pair.secret(), message))
                .toList();
        return new PeerInfo(Bytes.of(message), nodeInfo, signatures);
    }
}
