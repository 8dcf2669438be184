package io.veilflux.rpc.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.KeyPair;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.routing.Capability;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.routing.FourCc;
import io.veilflux.routing.InterfaceAddress;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.rpc.RpcConfig;
import io.veilflux.rpc.RpcTestNetwork;
import io.veilflux.rpc.RpcTestNetwork.TestNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Veilid's PublicInternet relay node filter, rule by rule (spec routing-rpc §7.4). */
class RelayNodeFilterTest {
    private static final RoutingDomain PI = RoutingDomain.PUBLIC_INTERNET;
    private static final List<FourCc> RLAY = List.of(Capability.RLAY);

    private final RpcTestNetwork net = new RpcTestNetwork(RpcConfig.defaults());
    private final TestNode a = net.node(2);

    private Predicate<NodeRef> filter() {
        return RelayNodeFilter.publicInternet(a.domains.detail(PI), a.domains.ip6PrefixSize());
    }

    private NodeRef register(PeerInfo peerInfo, RoutingDomain rd) {
        return a.routingTable.registerNodeWithPeerInfo(peerInfo, rd, false).nodeRef().unfiltered();
    }

    private boolean passes(PeerInfo peerInfo) {
        return filter().test(register(peerInfo, PI));
    }

    private static PeerInfo peer(List<FourCc> caps, List<FourCc> envelopes, DialInfoDetail dialInfo) {
        return Peers.signed(Peers.newKey(), caps, envelopes, List.of(dialInfo), List.of());
    }

    @Test
    void aDirectlyReachableRelayCapableNodeElsewherePasses() {
        assertThat(passes(Peers.signed(Peers.newKey(), RLAY, "udp|127.0.0.9:5150"))).isTrue();
    }

    @Test
    void aNodeWithoutRelayCapabilityOrOurEnvelopeVersionFails() {
        assertThat(passes(Peers.signed(Peers.newKey(), List.of(Capability.SGNL, Capability.DIAL), "udp|127.0.0.9:5150")))
                .isFalse();
        assertThat(passes(peer(RLAY, List.of(), Peers.direct("udp|127.0.0.9:5150")))).isFalse();
    }

    @Test
    void aNodeWeCannotReachDirectlyFails() {
        assertThat(passes(peer(RLAY, List.of(FourCc.ENV0),
                new DialInfoDetail(DialInfo.parse("udp|127.0.0.9:5150"), DialInfoClass.PORT_RESTRICTED_NAT))))
                .as("needs a signal").isFalse();
        assertThat(passes(peer(RLAY, List.of(FourCc.ENV0), Peers.direct("tcp|127.0.0.9:5150"))))
                .as("we send UDP only").isFalse();
    }

    @Test
    void aNodeOnOurIpBlockFails() {
        assertThat(passes(Peers.signed(Peers.newKey(), RLAY, "udp|127.0.0.2:6000"))).isFalse();
    }

    @Test
    void aNodeRelayingThroughUsFails() {
        PeerInfo relayedByUs = Peers.signed(Peers.newKey(), RLAY, List.of(FourCc.ENV0),
                List.of(Peers.direct("udp|127.0.0.9:5150")), List.of(Peers.relayedBy(a.id, "udp|127.0.0.2:5150")));
        assertThat(passes(relayedByUs)).isFalse();
    }

    @Test
    void aNodeThatFailedASendOrHasNoPublicInternetPeerInfoFails() {
        NodeRef failing = register(Peers.signed(Peers.newKey(), RLAY, "udp|127.0.0.9:5150"), PI);
        failing.statsFailedToSend(net.clock.now(TimeUnit.MICROSECONDS), false);
        assertThat(filter().test(failing)).isFalse();

        NodeRef byIdOnly = a.routingTable.registerNodeWithId(PI, Peers.newKey().nodeId(), 1).unfiltered();
        assertThat(filter().test(byIdOnly)).isFalse();
    }

    @Test
    void aNodeOnOurLocalNetworkFails() {
        a.domains.edit(RoutingDomain.LOCAL_NETWORK)
                .setInterfaceAddresses(List.of(InterfaceAddress.parse("192.168.1.2/24"))).commit();
        KeyPair key = Peers.newKey();
        NodeRef both = register(Peers.signed(key, RLAY, "udp|127.0.0.9:5150"), PI);
        assertThat(filter().test(both)).isTrue();
        register(Peers.signed(key, RLAY, "udp|192.168.1.9:5150"), RoutingDomain.LOCAL_NETWORK);
        assertThat(filter().test(both)).isFalse();
    }
}
