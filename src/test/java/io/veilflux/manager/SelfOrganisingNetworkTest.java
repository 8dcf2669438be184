package io.veilflux.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.Bytes;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.NetworkResult;
import io.veilflux.net.ProtocolType;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.rpc.Destination;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * A network that organises itself as Veilid's does: nodes bootstrap from one node's dial info, the
 * routing table's tasks find peers, NATed nodes pick relays and publish them, and then messages
 * reach NATed nodes through signals and relays.
 */
class SelfOrganisingNetworkTest {
    private final LoopbackNodes nodes = new LoopbackNodes();

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void nodesBootstrapPickRelaysAndReachEachOther() {
        NetworkManager boot = nodes.start(2);
        DialInfo bootUdp = boot.dialInfos().stream().filter(d -> d.protocol() == ProtocolType.UDP).findFirst().orElseThrow();
        List<String> bootstrap = List.of("udp://" + bootUdp.socketAddress());
        NetworkManager pub = nodes.start(3, c -> c.toBuilder().bootstrap(bootstrap, List.of()).build());
        NetworkManager natA = nodes.start(4, c -> c.toBuilder().bootstrap(bootstrap, List.of())
                .reachability(DialInfoClass.PORT_RESTRICTED_NAT, true).build());
        NetworkManager natB = nodes.start(5, c -> c.toBuilder().bootstrap(bootstrap, List.of())
                .reachability(DialInfoClass.PORT_RESTRICTED_NAT, true).build());

        for (NetworkManager nated : List.of(natA, natB)) {
            Eventually.await("a NATed node publishes a relay", Duration.ofSeconds(30), () -> nated.routingDomains()
                    .detail(RoutingDomain.PUBLIC_INTERNET).publishedPeerInfo()
                    .map(p -> !p.nodeInfo().relayInfoList().isEmpty()).orElse(false));
        }
        Eventually.await("the public node learns natB's relayed peer info", Duration.ofSeconds(30),
                () -> knowsRelayed(pub, natB));
        Eventually.await("natA learns natB's relayed peer info", Duration.ofSeconds(30), () -> knowsRelayed(natA, natB));

        message(pub, natB);
        message(natA, natB);
        assertThat(nodes.counter(pub, ContactMethodCache.SENDS, "outcome", "sent")).isGreaterThanOrEqualTo(1);
    }

    private static boolean knowsRelayed(NetworkManager node, NetworkManager target) {
        return node.routingTable().lookupNodeId(target.nodeId())
                .flatMap(n -> n.peerInfo(RoutingDomain.PUBLIC_INTERNET))
                .map(p -> !p.nodeInfo().relayInfoList().isEmpty()).orElse(false);
    }

    private static void message(NetworkManager from, NetworkManager to) {
        StepVerifier.create(to.appMessages().filter(m -> m.sender().equals(from.nodeId())).take(1))
                .then(() -> {
                    var target = from.routingTable().lookupNodeId(to.nodeId()).orElseThrow().defaultFiltered();
                    assertThat(from.rpc().rpcCallAppMessage(Destination.direct(target), Bytes.of(new byte[] {1}))
                            .block(Duration.ofSeconds(20))).isInstanceOf(NetworkResult.Value.class);
                })
                .expectNextCount(1)
                .expectComplete()
                .verify(Duration.ofSeconds(20));
    }
}
