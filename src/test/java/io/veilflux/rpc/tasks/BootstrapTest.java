package io.veilflux.rpc.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.routing.Capability;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.rpc.Operation;
import io.veilflux.rpc.RpcConfig;
import io.veilflux.rpc.RpcTestNetwork;
import io.veilflux.rpc.RpcTestNetwork.TestNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Veilid's bootstrap task and bootstrap_with_peer_list, driven by the tick (spec routing-rpc §7.1). */
class BootstrapTest {
    private static final RoutingDomain PI = RoutingDomain.PUBLIC_INTERNET;

    private final RpcTestNetwork net = new RpcTestNetwork(RpcConfig.defaults());
    private final TestNode a = net.node(2);
    private final TestNode bootstrapNode = net.node(3);
    private final List<TestNode> known = List.of(net.node(4), net.node(5), net.node(6));
    private final FakeTaskNetwork network = new FakeTaskNetwork();
    private final RoutingTableTasks tasks = TaskNodes.tasks(net, a, network, Optional.empty());

    BootstrapTest() {
        known.forEach(bootstrapNode::knows);
        network.bootstrapPeers = () -> Mono.just(List.of(TaskNodes.unsignedRecord(bootstrapNode)));
    }

    private void tick() {
        tasks.tick().block();
    }

    private double bootstraps(String outcome) {
        return a.counter(RoutingTaskMeters.BOOTSTRAPS, "outcome", outcome);
    }

    @Test
    void aBootstrapAnswersWithItsSignedPeerInfoThenWeAskEveryoneForOurNeighbours() {
        tick();

        NodeRef boot = a.routingTable.lookupNodeId(bootstrapNode.id).orElseThrow();
        assertThat(boot.peerInfoHasValidSignature(PI)).as("its record was replaced by its signed peer info").isTrue();
        List<Operation> toBootstrap = a.sentTo(bootstrapNode);
        assertThat(Ops.findNode(toBootstrap.get(0))).as("first its own id, any capabilities")
                .contains(new Operation.FindNodeQ(bootstrapNode.id, List.of()));
        assertThat(Ops.findNode(toBootstrap.get(1))).as("then ours, for connectivity")
                .contains(new Operation.FindNodeQ(a.id, Capability.CONNECTIVITY));
        for (TestNode peer : known) {
            assertThat(a.routingTable.lookupNodeId(peer.id)).isPresent();
            assertThat(a.sentTo(peer)).as("wide: every node it named is asked too")
                    .anyMatch(op -> Ops.isFindNode(op, a.id));
        }
        assertThat(network.contactMethodsAsked).singleElement()
                .satisfies(n -> assertThat(n.sameEntry(boot)).isTrue());
        assertThat(a.domains.detail(PI).bootstrapPeers()).containsExactly(bootstrapNode.id);
        assertThat(network.failedDialInfo).isEmpty();
        assertThat(bootstraps("succeeded")).isOne();
    }

    @Test
    void aBootstrapThatDoesNotAnswerHasItsDialInfoMarkedFailed() {
        a.unreachable.add(bootstrapNode.id);
        tick();

        assertThat(a.routingTable.lookupNodeId(bootstrapNode.id).orElseThrow().peerInfoHasValidSignature(PI)).isFalse();
        assertThat(a.sentTo(bootstrapNode)).filteredOn(op -> Ops.findNode(op).isPresent()).as("no reverse find_node")
                .singleElement().matches(op -> Ops.isFindNode(op, bootstrapNode.id));
        assertThat(network.failedDialInfo).containsExactly(bootstrapNode.dialInfo);
        assertThat(a.domains.detail(PI).bootstrapPeers()).isEmpty();
        assertThat(bootstraps("unanswered")).isOne();
    }

    @Test
    void aBootstrapWeCannotReachDirectlyIsIgnored() {
        network.directDialInfo = node -> Optional.empty();
        tick();

        assertThat(a.sentTo(bootstrapNode)).noneMatch(op -> Ops.findNode(op).isPresent());
        assertThat(network.failedDialInfo).isEmpty();
        assertThat(a.domains.detail(PI).bootstrapPeers()).isEmpty();
        assertThat(bootstraps("not_direct")).isOne();
    }

    @Test
    void eachBootstrapPeerIsTriedOnceAndOurOwnNodeNever() {
        network.bootstrapPeers = () -> Mono.just(List.of(TaskNodes.unsignedRecord(bootstrapNode), TaskNodes.unsignedRecord(a),
                TaskNodes.unsignedRecord(bootstrapNode)));
        tick();

        assertThat(a.sentTo(bootstrapNode)).filteredOn(op -> Ops.isFindNode(op, bootstrapNode.id)).hasSize(1);
        assertThat(network.contactMethodsAsked).hasSize(1);
        assertThat(bootstraps("succeeded")).isOne();
    }

    @Test
    void bootstrapRunsEverySecondUntilFourConnectivityPeersAreLiveAndThenNoMore() {
        network.bootstrapPeers = () -> Mono.just(List.of());
        tick();
        net.clock.advanceTimeBy(Duration.ofMillis(999));
        tick();
        assertThat(network.bootstrapRequests).isOne();
        net.clock.advanceTimeBy(Duration.ofMillis(1));
        tick();
        assertThat(network.bootstrapRequests).isEqualTo(2);

        network.bootstrapPeers = () -> Mono.just(List.of(TaskNodes.unsignedRecord(bootstrapNode)));
        net.clock.advanceTimeBy(Duration.ofSeconds(1));
        tick();
        assertThat(a.routingTable.cachedLiveEntryCounts().connectivity(PI, a.id.kind())).as("counted before bootstrap")
                .isZero();
        net.clock.advanceTimeBy(Duration.ofSeconds(1));
        tick();
        assertThat(a.routingTable.cachedLiveEntryCounts().connectivity(PI, a.id.kind())).isEqualTo(4);
        assertThat(network.bootstrapRequests).as("four connectivity peers: no bootstrap").isEqualTo(3);
    }

    @Test
    void aNewBootstrapRoundClearsTheBootstrapPeersOfItsDomainsFirst() {
        a.domains.detail(PI).addBootstrapPeer(known.get(0).id);
        a.unreachable.add(bootstrapNode.id);
        tick();
        assertThat(a.domains.detail(PI).bootstrapPeers()).isEmpty();
    }
}
