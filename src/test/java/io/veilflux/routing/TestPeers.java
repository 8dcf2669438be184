package io.veilflux.routing;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.Flow;
import io.veilflux.net.PeerAddress;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import io.veilflux.rpc.codec.PeerInfoSigner;
import java.util.EnumSet;
import java.util.List;

/** Node infos and peer infos for tests: real signatures through {@link PeerInfoSigner}, or none. */
final class TestPeers {
    static final List<FourCc> ALL_CAPS = List.of(Capability.ROUT, Capability.SGNL, Capability.RLAY, Capability.DIAL,
            Capability.DHTV, Capability.APPM);

    private TestPeers() {
    }

    static DialInfoDetail direct(String dialInfo) {
        return new DialInfoDetail(DialInfo.parse(dialInfo), DialInfoClass.DIRECT);
    }

    static NodeInfo nodeInfo(long ts, List<PublicKey> keys, List<FourCc> caps, List<DialInfoDetail> dialInfo,
            List<RelayInfo> relays) {
        return new NodeInfo(ts, List.of(FourCc.ENV0), keys.stream().map(CryptoInfo::new).toList(), caps,
                EnumSet.allOf(ProtocolType.class), EnumSet.allOf(AddressType.class), dialInfo, relays);
    }

    static PeerInfo signed(Crypto crypto, KeyPair key, NodeInfo nodeInfo) {
        return PeerInfoSigner.sign(crypto, nodeInfo, List.of(key));
    }

    static PeerInfo signed(Crypto crypto, KeyPair key, long ts, List<FourCc> caps, String... dialInfo) {
        return signed(crypto, key, nodeInfo(ts, List.of(key.key()), caps,
                java.util.Arrays.stream(dialInfo).map(TestPeers::direct).toList(), List.of()));
    }

    /** A bootstrap-style peer info: no signatures, so any key bytes will do. */
    static PeerInfo unsigned(NodeInfo nodeInfo) {
        return new PeerInfo(Bytes.of(new byte[] {0}), nodeInfo, List.of());
    }

    static PeerInfo unsigned(NodeId id, long ts, List<FourCc> caps, String... dialInfo) {
        return unsigned(nodeInfo(ts, List.of(id.toPublicKey()), caps,
                java.util.Arrays.stream(dialInfo).map(TestPeers::direct).toList(), List.of()));
    }

    static RelayInfo relay(NodeId relayId, String dialInfo) {
        return new RelayInfo(1, List.of(relayId), EnumSet.allOf(ProtocolType.class), EnumSet.allOf(AddressType.class),
                List.of(direct(dialInfo)), RelayKind.INBOUND);
    }

    /** A 32-byte id: our id with the bit {@code bit} flipped and {@code tag} in the last two bytes. */
    static NodeId idInBucket(NodeId own, int bit, int tag) {
        byte[] b = own.value().toByteArray();
        b[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
        if (bit < 240) {
            b[30] ^= (byte) (tag >>> 8);
            b[31] ^= (byte) tag;
        }
        return NodeId.of(CryptoKind.VLD0, b);
    }

    static Flow flow(ProtocolType protocol, String remote) {
        return new Flow(new PeerAddress(protocol, SocketAddress.parse(remote)), java.util.Optional.empty());
    }
}
