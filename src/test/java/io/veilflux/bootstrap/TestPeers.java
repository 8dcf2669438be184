package io.veilflux.bootstrap;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.ProtocolType;
import io.veilflux.routing.Capability;
import io.veilflux.routing.CryptoInfo;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.routing.FourCc;
import io.veilflux.routing.NodeInfo;
import io.veilflux.routing.PeerInfo;
import io.veilflux.rpc.codec.PeerInfoSigner;
import java.util.EnumSet;
import java.util.List;

/** Signed peer infos of test nodes, as a node publishes them. */
final class TestPeers {
    private TestPeers() {
    }

    static NodeInfo nodeInfo(KeyPair node, List<FourCc> capabilities, DialInfoDetail... details) {
        return new NodeInfo(1_700_000_000_000000L, List.of(FourCc.ENV0), List.of(new CryptoInfo(node.key())), capabilities,
                EnumSet.of(ProtocolType.UDP, ProtocolType.TCP, ProtocolType.WS), EnumSet.allOf(AddressType.class),
                List.of(details), List.of());
    }

    static DialInfoDetail direct(String dialInfo) {
        return new DialInfoDetail(DialInfo.parse(dialInfo), DialInfoClass.DIRECT);
    }

    /** A peer info signed by {@code node}, with every connectivity capability. */
    static PeerInfo signed(Crypto crypto, KeyPair node, String... dialInfos) {
        DialInfoDetail[] details = java.util.Arrays.stream(dialInfos).map(TestPeers::direct).toArray(DialInfoDetail[]::new);
        return PeerInfoSigner.sign(crypto, nodeInfo(node, Capability.CONNECTIVITY, details), List.of(node));
    }
}
