package io.veilflux.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.Bytes;
import io.veilflux.net.DialInfo;
import io.veilflux.routing.RelayKind;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingDomainEditor;
import io.veilflux.routing.RoutingDomainRelay;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class LoopbackNetworkTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void threeNodesOnTheirOwnAddressesAllKnowEachOtherAndTalk() {
        try (LoopbackNetwork network = LoopbackNetwork.start(3).awaitConnected(WAIT)) {
            assertThat(network.size()).isEqualTo(3);
            for (int i = 0; i < 3; i++) {
                VeilfluxNode node = network.node(i);
                String address = "127.0.0." + (i + 2);
                assertThat(LoopbackNetwork.address(i)).isEqualTo(address);
                assertThat(node.isStarted()).isTrue();
                assertThat(node.dialInfos()).isNotEmpty().allSatisfy(d -> assertThat(d.socketAddress().address().toString())
                        .isEqualTo(address));
                assertThat(node.config().veilflux().addressProfile()).isEqualTo(AddressProfile.LOOPBACK_AS_PUBLIC);
                assertThat(node.config().veilflux().directAppMessages()).isTrue();
                for (VeilfluxNode other : network.nodes()) {
                    if (other != node) {
                        assertThat(node.networkManager().routingTable().lookupNodeId(other.nodeId())).isPresent();
                    }
                }
            }
            assertThat(network.node(0).config().network().routingTable().bootstrap()).isEmpty();
            assertThat(network.node(2).config().network().routingTable().bootstrap())
                    .containsExactly(network.node(0).bootstrapEntry());

            VeilfluxNode first = network.node(0);
            VeilfluxNode last = network.node(2);
            StepVerifier.create(last.appMessages().take(1))
                    .then(() -> first.sendAppMessage(last.nodeId(), new byte[] {2}).block(WAIT))
                    .assertNext(m -> assertThat(m).isEqualTo(new AppMessage(first.nodeId(), Bytes.of(new byte[] {2}))))
                    .expectComplete()
                    .verify(WAIT);
            StepVerifier.create(network.node(1).appMessages().take(1))
                    .then(() -> last.sendAppMessage(network.node(1).nodeId(), new byte[] {1}).block(WAIT))
                    .assertNext(m -> assertThat(m.sender()).isEqualTo(last.nodeId()))
                    .expectComplete()
                    .verify(WAIT);
        }
    }

    @Test
    void closingStopsEveryNode() {
        LoopbackNetwork network = LoopbackNetwork.start(2);
        List<DialInfo> before = network.node(1).dialInfos();

        network.close();

        assertThat(before).isNotEmpty();
        assertThat(network.nodes()).noneMatch(VeilfluxNode::isStarted);
        assertThat(network.node(1).dialInfos()).isEmpty();
    }

    @Test
    void eachNodesBuilderCanBeAdjusted() {
        try (LoopbackNetwork network = LoopbackNetwork.start(2,
                (builder, index) -> builder.config(c -> c.nat(index == 1 ? NatProfile.PORT_RESTRICTED : NatProfile.NONE)))) {
            assertThat(network.node(0).config().veilflux().nat()).isEqualTo(NatProfile.NONE);
            assertThat(network.node(1).config().veilflux().nat()).isEqualTo(NatProfile.PORT_RESTRICTED);
            assertThat(network.node(1).networkManager().routingDomains().detail(RoutingDomain.PUBLIC_INTERNET)
                    .dialInfoDetails()).allSatisfy(d -> assertThat(d.dialInfoClass())
                    .isEqualTo(io.veilflux.net.DialInfoClass.PORT_RESTRICTED_NAT));
        }
    }

    @Test
    void aNetworkHasOneToMaxNodes() {
        assertThatThrownBy(() -> LoopbackNetwork.start(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a loopback network has 1 to 253 nodes, not 0");
        assertThatThrownBy(() -> LoopbackNetwork.start(LoopbackNetwork.MAX_NODES + 1))
                .hasMessage("a loopback network has 1 to 253 nodes, not 254");
    }

    @Test
    void theStatusPageShowsPeersConnectionsAndRelays() {
        try (LoopbackNetwork network = LoopbackNetwork.start(2).awaitConnected(WAIT)) {
            VeilfluxNode a = network.node(0);
            VeilfluxNode b = network.node(1);
            RoutingDomainEditor editor = a.networkManager().routingDomains().edit(RoutingDomain.PUBLIC_INTERNET);
            editor.setRelays(List.of(RoutingDomainRelay.candidate(List.of(b.nodeId()), b.networkManager().routingDomains()
                    .detail(RoutingDomain.PUBLIC_INTERNET).publishedPeerInfo().orElseThrow(), RelayKind.INBOUND)));
            editor.commit();
            editor.publish();

            StatusPage page = NodeStatusPage.of(a);

            assertThat(page.title()).isEqualTo("veilflux node " + a.nodeId());
            assertThat(page.sections()).extracting(StatusPage.Section::heading).containsExactly("Node", "Dial info",
                    "Routing table: 1 entries", "Connections: 0", "Relays (PublicInternet)", "Published peer info");
            StatusPage.Table relays = (StatusPage.Table) page.sections().get(4);
            assertThat(relays.rows()).containsExactly(List.of(b.nodeId().toString(), "INBOUND", "-"));
            StatusPage.Fields published = (StatusPage.Fields) page.sections().get(5);
            assertThat(published.fields()).extracting(StatusPage.Field::label).containsExactly("PublicInternet", "LocalNetwork");
            assertThat(published.fields().get(0).value()).contains("relays " + b.nodeId()).contains("udp|127.0.0.2:");
            assertThat(published.fields().get(1).value()).isEqualTo("not published");
        }
    }
}
