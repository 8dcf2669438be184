package io.veilflux.rpc.tasks;

import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.ProtocolType;
import io.veilflux.routing.CryptoInfo;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.routing.FourCc;
import io.veilflux.routing.NodeInfo;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RelayInfo;
import io.veilflux.routing.RelayKind;
import io.veilflux.rpc.RpcTestNetwork;
import io.veilflux.rpc.codec.PeerInfoSigner;
import java.util.EnumSet;
import java.util.List;

/** Signed peer infos of nodes that are not in the test network, and keys chosen by bucket. */
final class Peers {
    private Peers() {
    }

    static PeerInfo signed(KeyPair key, List<FourCc> capabilities, List<FourCc> envelopes,
                           List<DialInfoDetail> dialInfo, List<RelayInfo> relays) {
        NodeInfo nodeInfo = new NodeInfo(1, envelopes, List.of(new CryptoInfo(key.key())), capabilities,
                EnumSet.of(ProtocolType.UDP), EnumSet.of(AddressType.IPV4), dialInfo, relays);
        return PeerInfoSigner.sign(RpcTestNetwork.CRYPTO, nodeInfo, List.of(key));
    }

    static PeerInfo signed(KeyPair key, List<FourCc> capabilities, String dialInfo) {
        return signed(key, capabilities, List.of(FourCc.ENV0), List.of(direct(dialInfo)), List.of());
    }

    static DialInfoDetail direct(String dialInfo) {
        return new DialInfoDetail(DialInfo.parse(dialInfo), DialInfoClass.DIRECT);
    }

    static RelayInfo relayedBy(NodeId relay, String dialInfo) {
        return new RelayInfo(1, List.of(relay), EnumSet.of(ProtocolType.UDP), EnumSet.of(AddressType.IPV4),
                List.of(direct(dialInfo)), RelayKind.INBOUND);
    }

    static KeyPair newKey() {
        return RpcTestNetwork.CRYPTO.best().generateKeyPair();
    }

    /** A fresh key whose node id first differs from {@code own} at bit {@code bit} (its bucket index). */
    static KeyPair keyInBucket(NodeId own, int bit) {
        byte[] ours = own.value().toByteArray();
        while (true) {
            KeyPair key = newKey();
            byte[] id = NodeId.fromPublicKey(key.key()).value().toByteArray();
            int first = firstDifferingBit(ours, id);
            if (first == bit) {
                return key;
            }
        }
    }

    private static int firstDifferingBit(byte[] a, byte[] b) {
        for (int i = 0; i < a.length; i++) {
            int x = (a[i] ^ b[i]) & 0xFF;
            if (x != 0) {
                return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
            }
        }
        return -1;
    }
}
