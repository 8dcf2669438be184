package io.veilflux.rpc.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.routing.Capability;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.rpc.Operation;
import io.veilflux.rpc.RpcConfig;
import io.veilflux.rpc.RpcTestNetwork;
import io.veilflux.rpc.RpcTestNetwork.Sent;
import io.veilflux.rpc.RpcTestNetwork.TestNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The tick: which tasks run, in which order, how often, never twice at once (spec routing-rpc §7). */
class RoutingTableTasksTest {
    private static final RoutingDomain PI = RoutingDomain.PUBLIC_INTERNET;

    private final RpcTestNetwork net = new RpcTestNetwork(RpcConfig.defaults());
    private final TestNode a = net.node(2);
    private final FakeTaskNetwork network = new FakeTaskNetwork();
    private final RoutingTableTasks tasks = TaskNodes.tasks(net, a, network, Optional.empty());

    private void tick() {
        tasks.tick().block();
    }

    private void tickEverySecond(int seconds) {
        for (int i = 0; i < seconds; i++) {
            net.clock.advanceTimeBy(Duration.ofSeconds(1));
            tick();
        }
    }

    private static double runs(TestNode node, String task, String outcome) {
        return node.counter(RoutingTaskMeters.TASK_RUNS, "task", task, "outcome", outcome);
    }

    private double runs(String task) {
        return runs(a, task, "ok");
    }

    /** Nodes that know one another's peer infos, so each counts as a live connectivity peer. */
    private List<TestNode> peers(RpcTestNetwork in, TestNode of, int count) {
        List<TestNode> peers = IntStream.range(0, count).mapToObj(i -> in.node(10 + i)).toList();
        peers.forEach(of::knows);
        return peers;
    }

    @Test
    void untilTheNetworkStartsOnlyBucketsAreKickedAndEntriesCounted() {
        network.started = false;
        a.knows(net.node(3));
        tick();

        assertThat(runs("kick_buckets")).isOne();
        assertThat(a.routingTable.cachedLiveEntryCounts().connectivity(PI, CryptoKind.VLD0)).isOne();
        assertThat(a.sent).isEmpty();
        assertThat(network.bootstrapRequests).isZero();
        assertThat(runs("ping_validator_public_internet") + runs("relay_management")).isZero();
    }

    @Test
    void bucketsAreKickedOnlyWhenSomeAreQueued() {
        network.started = false;
        a.knows(net.node(3));
        tick();
        tickEverySecond(2);
        assertThat(runs("kick_buckets")).isOne();
        a.knows(net.node(4));
        tickEverySecond(1);
        assertThat(runs("kick_buckets")).isEqualTo(2);
    }

    @Test
    void bootstrapThenPingsThenRelayManagementInOneTick() {
        TestNode bootstrapNode = net.node(3);
        bootstrapNode.knows(net.node(4));
        network.bootstrapPeers = () -> Mono.just(List.of(TaskNodes.unsignedRecord(bootstrapNode)));
        tick();

        List<Operation> sent = a.sentOperations();
        int lastFindNode = IntStream.range(0, sent.size()).filter(i -> Ops.findNode(sent.get(i)).isPresent()).max()
                .orElseThrow();
        int firstStatus = IntStream.range(0, sent.size()).filter(i -> Ops.isStatus(sent.get(i))).min().orElseThrow();
        assertThat(lastFindNode).as("bootstrap's find_node before the validator's pings").isLessThan(firstStatus);
        assertThat(a.domains.detail(PI).relays()).as("relay management chose from the bootstrapped nodes").hasSize(1);
        assertThat(List.of("bootstrap", "ping_validator_public_internet", "ping_validator_local_network",
                "ping_validator_public_internet_relay", "relay_management"))
                .allSatisfy(task -> assertThat(runs(task)).as(task).isOne());
        assertThat(runs("peer_minimum_refresh") + runs("closest_peers_refresh")).as("bootstrap was due").isZero();
    }

    @Test
    void withFourConnectivityPeersPeerMinimumRefreshRunsInsteadOfBootstrap() {
        peers(net, a, 4);
        tick();
        assertThat(network.bootstrapRequests).isZero();
        assertThat(runs("peer_minimum_refresh")).isOne();
        assertThat(runs("closest_peers_refresh")).isZero();
        tickEverySecond(1);
        assertThat(runs("peer_minimum_refresh")).as("every second while below dht.min_peer_count").isEqualTo(2);
    }

    @Test
    void withTheMinimumOfPeersTheClosestPeersAreRefreshedEveryMinPeerRefreshTime() {
        RpcConfig defaults = RpcConfig.defaults();
        RpcConfig fourPeers = new RpcConfig(defaults.timeout(), defaults.queueSize(), defaults.concurrency(),
                defaults.maxFindNodeCount(), defaults.resolveNodeTimeout(), defaults.resolveNodeCount(),
                defaults.resolveNodeFanout(), 4, defaults.minPeerRefreshTime(), defaults.validateDialInfoReceiptTime(),
                false);
        RpcTestNetwork small = new RpcTestNetwork(fourPeers);
        TestNode node = small.node(2);
        List<TestNode> peers = peers(small, node, 4);
        RoutingTableTasks nodeTasks = TaskNodes.tasks(small, node, network, Optional.empty());
        nodeTasks.tick().block();

        assertThat(runs(node, "peer_minimum_refresh", "ok")).isZero();
        assertThat(runs(node, "closest_peers_refresh", "ok")).isOne();
        for (TestNode peer : peers) {
            assertThat(node.sentTo(peer)).extracting(op -> Ops.findNode(op).orElse(null))
                    .contains(new Operation.FindNodeQ(node.id, Capability.DISTANCE_METRIC));
        }
        small.clock.advanceTimeBy(Duration.ofMillis(59_999));
        nodeTasks.tick().block();
        assertThat(runs(node, "closest_peers_refresh", "ok")).isOne();
        small.clock.advanceTimeBy(Duration.ofMillis(1));
        nodeTasks.tick().block();
        assertThat(runs(node, "closest_peers_refresh", "ok")).isEqualTo(2);
    }

    @Test
    void aRunInProgressIsNotStartedAgain() {
        TestNode silent = net.node(3);
        silent.rpc.stop();
        a.knows(silent);
        tick();
        assertThat(Ops.statusTo(a, silent)).hasSize(1);

        tickEverySecond(4);
        assertThat(Ops.statusTo(a, silent)).as("the first ping still waits for its answer").hasSize(1);
        assertThat(runs("ping_validator_public_internet")).isZero();
        assertThat(runs("ping_validator_local_network")).as("the other tasks go on").isEqualTo(5);

        tickEverySecond(1);
        assertThat(runs("ping_validator_public_internet")).as("timed out after 5 s").isOne();
        assertThat(Ops.statusTo(a, silent)).hasSize(2);
    }

    @Test
    void aFailedRunIsLoggedByTheNextTickWhichSkipsTheTasksAfterIt() {
        AtomicInteger calls = new AtomicInteger();
        network.bootstrapPeers = () -> calls.incrementAndGet() == 1
                ? Mono.error(new IllegalStateException("boom")) : Mono.just(List.of());
        tick();
        assertThat(runs(a, "bootstrap", "error")).isOne();
        assertThat(runs("ping_validator_public_internet")).isOne();

        net.clock.advanceTimeBy(Duration.ofSeconds(1));
        StepVerifier.create(tasks.tick()).verifyComplete();
        assertThat(runs("bootstrap")).as("bootstrap itself started again").isOne();
        assertThat(runs("ping_validator_public_internet")).as("skipped after the error").isOne();

        tickEverySecond(1);
        assertThat(runs("ping_validator_public_internet")).isEqualTo(2);
    }

    @Test
    void aTickWhileAnotherIsStartingTasksIsSkipped() {
        network.bootstrapPeers = () -> {
            tasks.tick().block();
            return Mono.just(List.of());
        };
        tick();
        assertThat(network.startedQuestions).isOne();
        assertThat(network.bootstrapRequests).isOne();
    }

    @Test
    void relaysGetAKeepalivePingEveryTenSeconds() {
        TestNode relay = net.node(3);
        a.knows(relay);
        tick();
        assertThat(a.domains.detail(PI).relays()).hasSize(1);

        tickEverySecond(25);
        List<Sent> keepalives = Ops.statusTo(a, relay).stream()
                .filter(s -> s.target().dialInfoFilter().equals(relay.dialInfo.makeFilter())).toList();
        assertThat(keepalives).hasSize(2);
        assertThat(Ops.statusTo(a, relay)).as("besides the validator's pings")
                .anyMatch(s -> s.target().dialInfoFilter().equals(DialInfoFilter.all()));
    }

    @Test
    void stopEndsTheRunsInProgress() {
        TestNode silent = net.node(3);
        silent.rpc.stop();
        a.knows(silent);
        tick();
        StepVerifier.create(tasks.stop()).verifyComplete();
        assertThat(runs(a, "ping_validator_public_internet", "stopped")).isOne();
    }

    @Test
    void theOutboundRelayMustBeAnotherNodeOfAKindWeSupport() {
        assertThatThrownBy(() -> TaskNodes.tasks(net, a, network, Optional.of(a.id)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is this node");
        NodeId otherKind = new NodeId(CryptoKind.VLD1, a.id.value());
        assertThatThrownBy(() -> TaskNodes.tasks(net, a, network, Optional.of(otherKind)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not support");
    }
}
