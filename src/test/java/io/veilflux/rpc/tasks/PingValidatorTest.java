package io.veilflux.rpc.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.Sequencing;
import io.veilflux.routing.RelayKind;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingDomainDetail;
import io.veilflux.routing.RoutingDomainRelay;
import io.veilflux.routing.RoutingDomainRelayState;
import io.veilflux.rpc.RpcConfig;
import io.veilflux.rpc.RpcTestNetwork;
import io.veilflux.rpc.RpcTestNetwork.Sent;
import io.veilflux.rpc.RpcTestNetwork.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Veilid's ping validators and relay keepalives (spec routing-rpc §7.3). */
class PingValidatorTest {
    private static final RoutingDomain PI = RoutingDomain.PUBLIC_INTERNET;

    private final RpcTestNetwork net = new RpcTestNetwork(RpcConfig.defaults());
    private final TestNode a = net.node(2);
    private final TestNode b = net.node(3);
    private final TestNode c = net.node(4);
    private final PingValidator pings = new PingValidator(a.routingTable, a.domains, a.rpc, new RoutingTaskMeters(a.registry));

    private long now() {
        return net.clock.now(TimeUnit.MICROSECONDS);
    }

    private List<Sent> statuses() {
        return a.sent.stream().filter(s -> Ops.isStatus(s.operation())).toList();
    }

    @Test
    void everyNodeNeedingAPingGetsAStatusPreferringOrderedProtocolsInItsDomain() {
        a.knows(b);
        a.knows(c);
        pings.pingNodes(PI, now()).block();

        assertThat(statuses()).extracting(Sent::to).containsExactlyInAnyOrder(b.id, c.id);
        assertThat(statuses()).allSatisfy(s -> {
            assertThat(s.target().routingDomainSet()).containsExactly(PI);
            assertThat(s.target().dialInfoFilter()).isEqualTo(DialInfoFilter.all());
            assertThat(s.target().sequencing()).isEqualTo(Sequencing.PREFER_ORDERED);
        });

        pings.pingNodes(PI, now()).block();
        assertThat(statuses()).as("answered: they have a status and have seen our peer info").hasSize(2);
        pings.pingNodes(RoutingDomain.LOCAL_NETWORK, now()).block();
        assertThat(statuses()).as("nobody in LocalNetwork").hasSize(2);
        net.clock.advanceTimeBy(Duration.ofSeconds(5));
        pings.pingNodes(PI, now()).block();
        assertThat(statuses()).as("unreliable nodes are pinged every 5 s").hasSize(4);
        assertThat(a.counter(RoutingTaskMeters.PINGS, "kind", "validator")).isEqualTo(4);
    }

    @Test
    void atMostEightPingsAreInFlight() {
        List<TestNode> silent = new ArrayList<>();
        for (int n = 10; n < 20; n++) {
            TestNode node = net.node(n);
            node.rpc.stop();
            a.knows(node);
            silent.add(node);
        }
        AtomicBoolean done = new AtomicBoolean();
        pings.pingNodes(PI, now()).doOnTerminate(() -> done.set(true)).subscribe();

        assertThat(statuses()).hasSize(PingValidator.MAX_PARALLEL_PINGS);
        net.clock.advanceTimeBy(Duration.ofSeconds(5));
        assertThat(statuses()).as("the first eight timed out").hasSize(silent.size());
        assertThat(done).isFalse();
        net.clock.advanceTimeBy(Duration.ofSeconds(5));
        assertThat(done).isTrue();
    }

    @Test
    void relaysAreKeptAliveEveryTenSecondsOverEachOfTheirPingDialInfos() {
        a.knows(b);
        DialInfo udp = DialInfo.parse("udp|127.0.0.3:5150");
        DialInfo tcp = DialInfo.parse("tcp|127.0.0.3:5150");
        RoutingDomainRelay relay = new RoutingDomainRelay(List.of(b.id), b.publishedPeerInfo(), RelayKind.INBOUND,
                b.publishedPeerInfo().nodeInfo().dialInfoDetailList(), List.of(udp, tcp));
        a.domains.edit(PI).setRelays(List.of(relay)).commit();
        long chosen = now();

        net.clock.advanceTimeBy(Duration.ofMillis(9999));
        pings.relayKeepalive(now()).block();
        assertThat(statuses()).isEmpty();

        net.clock.advanceTimeBy(Duration.ofMillis(1));
        pings.relayKeepalive(now()).block();
        assertThat(statuses()).extracting(Sent::to).containsOnly(b.id);
        assertThat(statuses()).extracting(s -> s.target().filter().dialInfoFilter())
                .containsExactly(udp.makeFilter(), tcp.makeFilter());
        assertThat(statuses()).allSatisfy(s -> assertThat(s.target().routingDomainSet()).isEqualTo(Set.of(PI)));
        RoutingDomainDetail.RelayAndState state = a.domains.detail(PI).relaysAndStates().get(0);
        assertThat(state.state()).isEqualTo(new RoutingDomainRelayState(now(), chosen));

        pings.relayKeepalive(now()).block();
        net.clock.advanceTimeBy(Duration.ofSeconds(9));
        pings.relayKeepalive(now()).block();
        assertThat(statuses()).hasSize(2);
        net.clock.advanceTimeBy(Duration.ofSeconds(1));
        pings.relayKeepalive(now()).block();
        assertThat(statuses()).hasSize(4);
        assertThat(a.counter(RoutingTaskMeters.PINGS, "kind", "relay_keepalive")).isEqualTo(4);
    }
}
