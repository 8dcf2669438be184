package io.veilflux.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SequenceOrdering;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Closest, fastest, random-fast, ping candidates and live counts. */
class RoutingTableSelectionTest {
    private static final RoutingDomain PI = RoutingDomain.PUBLIC_INTERNET;
    private static final RoutingDomain LN = RoutingDomain.LOCAL_NETWORK;

    /** Picks the highest index allowed, and remembers the bound it was given. */
    private static final class HighestRandom extends Random {
        int lastBound;

        @Override
        public int nextInt(int bound) {
            lastBound = bound;
            return bound - 1;
        }
    }

    private static NodeRef byId(RoutingTableFixture fx, NodeId id) {
        return fx.table.registerNodeWithId(PI, id, fx.now()).unfiltered();
    }

    private static NodeRef withPeerInfo(RoutingTableFixture fx, KeyPair key, RoutingDomain rd, List<FourCc> caps) {
        String dialInfo = rd == PI ? "udp|1.2.3.4:5150" : "udp|192.168.1.2:5150";
        PeerInfo pi = TestPeers.signed(RoutingTableFixture.CRYPTO, key, fx.now(), caps, dialInfo);
        return fx.table.registerNodeWithPeerInfo(pi, rd, false).nodeRef().unfiltered();
    }

    private static void makeUnreliable(RoutingTableFixture fx, NodeRef nr) {
        nr.statsFailedToSend(fx.now(), false);
        assertThat(nr.state(fx.now())).isEqualTo(BucketEntryState.UNRELIABLE);
    }

    private static void makeDead(RoutingTableFixture fx, NodeRef nr) {
        for (int i = 0; i < 3; i++) {
            nr.statsFailedToSend(fx.now(), false);
        }
    }

    @Test
    void closestNodesAreReliableFirstThenNearestToTheTarget() {
        try (RoutingTableFixture fx = new RoutingTableFixture()) {
            NodeRef a = byId(fx, TestPeers.idInBucket(fx.ownId(), 200, 1));
            NodeRef b = byId(fx, TestPeers.idInBucket(fx.ownId(), 100, 1));
            NodeRef c = byId(fx, TestPeers.idInBucket(fx.ownId(), 50, 1));
            NodeRef d = byId(fx, TestPeers.idInBucket(fx.ownId(), 10, 1));
            NodeRef dead = byId(fx, TestPeers.idInBucket(fx.ownId(), 220, 1));
            fx.advance(Duration.ofSeconds(60));
            makeUnreliable(fx, b);
            makeUnreliable(fx, d);
            makeDead(fx, dead);
            HashCoordinate target = HashCoordinate.of(fx.ownId());

            assertThat(fx.table.findPreferredClosestNodes(10, target, nr -> true)).containsExactly(a, c, b, d);
            assertThat(fx.table.findPreferredClosestNodes(3, target, nr -> true)).containsExactly(a, c, b);
            assertThat(fx.table.findPreferredClosestNodes(10, target, nr -> !nr.equals(c))).containsExactly(a, b, d);
            HashCoordinate otherKind = new HashCoordinate(CryptoKind.VLD1, Bytes.of(new byte[32]));
            assertThatThrownBy(() -> fx.table.findPreferredClosestNodes(1, otherKind, nr -> true))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VLD1");
        }
    }

    @Test
    void closestPeersIncludeOurPublishedPeerInfoWhenItHasTheCapabilities() {
        RoutingTableConfig three = new RoutingTableConfig(3, 64, 16, 8);
        try (RoutingTableFixture fx = new RoutingTableFixture(three, new Random(1))) {
            NodeRef reliable = withPeerInfo(fx, fx.newKey(), PI, List.of(Capability.DHTV, Capability.APPM));
            reliable.statsQuestionRcvd(fx.now());
            NodeRef unreliable = withPeerInfo(fx, fx.newKey(), PI, List.of(Capability.DHTV));
            NodeRef noDht = withPeerInfo(fx, fx.newKey(), PI, List.of(Capability.APPM));
            NodeRef local = withPeerInfo(fx, fx.newKey(), LN, List.of(Capability.DHTV));
            fx.advance(Duration.ofSeconds(60));
            assertThat(reliable.state(fx.now())).isEqualTo(BucketEntryState.RELIABLE);
            PeerInfo ours = TestPeers.signed(RoutingTableFixture.CRYPTO, fx.own, 5, List.of(Capability.DHTV),
                    "udp|9.9.9.9:5150");
            HashCoordinate nearUs = HashCoordinate.of(TestPeers.idInBucket(fx.ownId(), 255, 0));
            List<FourCc> dht = List.of(Capability.DHTV);

            assertThat(fx.table.findPreferredClosestPeers(PI, nearUs, dht))
                    .containsExactly(reliable.peerInfo(PI).get(), unreliable.peerInfo(PI).get());
            fx.published.put(PI, ours);
            assertThat(fx.table.findPreferredClosestPeers(PI, nearUs, dht)).as("ours counts as unreliable but is nearest")
                    .containsExactly(reliable.peerInfo(PI).get(), ours, unreliable.peerInfo(PI).get());
            assertThat(fx.table.findPreferredClosestPeers(PI, nearUs, List.of()))
                    .as("at most max_find_node_count").hasSize(3).contains(ours);
            assertThat(fx.table.findPreferredClosestPeers(PI, nearUs, List.of(Capability.APPM)))
                    .containsExactly(reliable.peerInfo(PI).get(), noDht.peerInfo(PI).get());
            assertThat(fx.table.findPreferredClosestPeers(LN, nearUs, dht)).containsExactly(local.peerInfo(LN).get());
        }
    }

    @Test
    void fastestNodesAreReliableFirstThenByAverageLatency() {
        try (RoutingTableFixture fx = new RoutingTableFixture()) {
            NodeRef slow = withPeerInfo(fx, fx.newKey(), PI, TestPeers.ALL_CAPS);
            NodeRef fast = withPeerInfo(fx, fx.newKey(), PI, TestPeers.ALL_CAPS);
            NodeRef unknown = withPeerInfo(fx, fx.newKey(), PI, TestPeers.ALL_CAPS);
            NodeRef fastestButUnreliable = withPeerInfo(fx, fx.newKey(), PI, TestPeers.ALL_CAPS);
            NodeRef local = withPeerInfo(fx, fx.newKey(), LN, TestPeers.ALL_CAPS);
            long t = fx.now();
            slow.statsAnswerRcvd(t, t + 90_000, SequenceOrdering.UNORDERED);
            fast.statsAnswerRcvd(t, t + 20_000, SequenceOrdering.UNORDERED);
            unknown.statsQuestionRcvd(t);
            local.statsAnswerRcvd(t, t + 1_000, SequenceOrdering.UNORDERED);
            fastestButUnreliable.statsAnswerRcvd(t, t + 5_000, SequenceOrdering.UNORDERED);
            fx.advance(Duration.ofSeconds(61));
            makeUnreliable(fx, fastestButUnreliable);

            assertThat(fx.table.findPreferredFastestNodes(10, nr -> true))
                    .containsExactly(local, fast, slow, unknown, fastestButUnreliable);
            assertThat(fx.table.findPreferredFastestNodes(2, nr -> !nr.equals(local))).containsExactly(fast, slow);
            assertThat(fx.table.findFastNonLocalNodesFiltered(PI, 10, nr -> true))
                    .containsExactly(fast, slow, unknown, fastestButUnreliable);
            NodeRef alsoLocal = withPeerInfo(fx, fx.newKey(), LN, TestPeers.ALL_CAPS);
            assertThat(fx.table.findFastNonLocalNodesFiltered(PI, 10, nr -> true)).doesNotContain(alsoLocal);
            assertThatThrownBy(() -> fx.table.findFastNonLocalNodesFiltered(LN, 1, nr -> true))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aRandomFastNodeComesFromTheFastestPercentileWindow() {
        HighestRandom random = new HighestRandom();
        try (RoutingTableFixture fx = new RoutingTableFixture(RoutingTableConfig.defaults(), random)) {
            assertThat(fx.table.findRandomFastNode(nr -> true, 85, LatencyStats::tm90)).isEmpty();
            List<NodeRef> byLatency = new ArrayList<>();
            long t = fx.now();
            for (int i = 0; i < 21; i++) {
                NodeRef nr = byId(fx, fx.newKey().nodeId());
                nr.statsAnswerRcvd(t, t + 1_000 * (21 - i), SequenceOrdering.ORDERED);
                byLatency.add(0, nr);
            }
            NodeRef noLatency = byId(fx, fx.newKey().nodeId());
            fx.advance(Duration.ofSeconds(61));
            makeUnreliable(fx, byLatency.get(0));

            assertThat(fx.table.findRandomFastNode(nr -> true, 85, LatencyStats::tm90)).contains(byLatency.get(4));
            assertThat(random.lastBound).as("⌊(22 − 1) · 15 / 100⌋ + 1").isEqualTo(4);
            assertThat(fx.table.findRandomFastNode(nr -> true, 100, LatencyStats::tm90)).contains(byLatency.get(1));
            assertThat(random.lastBound).isOne();
            assertThat(fx.table.findRandomFastNode(nr -> true, 0, LatencyStats::tm90)).as("unreliable last")
                    .contains(byLatency.get(0));
            assertThat(random.lastBound).isEqualTo(22);
            assertThat(fx.table.findRandomFastNode(nr -> !nr.equals(byLatency.get(0)), 0, LatencyStats::tm90))
                    .as("unknown latency after every known one").contains(noLatency);
            assertThat(fx.table.findRandomFastNode(nr -> nr.equals(byLatency.get(7)), 85, LatencyStats::tm90))
                    .contains(byLatency.get(7));
            assertThatThrownBy(() -> fx.table.findRandomFastNode(nr -> true, 101, LatencyStats::tm90))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void relativePerformanceIsThePlaceAmongTheSameSortFastestAt100Percent() {
        try (RoutingTableFixture fx = new RoutingTableFixture()) {
            List<NodeRef> byLatency = new ArrayList<>();
            long t = fx.now();
            for (int i = 0; i < 3; i++) {
                NodeRef nr = byId(fx, fx.newKey().nodeId());
                nr.statsAnswerRcvd(t, t + 1_000 * (i + 1), SequenceOrdering.ORDERED);
                byLatency.add(nr);
            }
            NodeRef noLatency = byId(fx, fx.newKey().nodeId());
            fx.advance(Duration.ofSeconds(61));

            assertThat(fx.table.nodeRelativePerformance(byLatency.get(0).bestNodeId().orElseThrow(), nr -> true,
                    LatencyStats::tm90)).contains(new NodeRelativePerformance(100.0f, 0, 4));
            assertThat(fx.table.nodeRelativePerformance(byLatency.get(2).bestNodeId().orElseThrow(), nr -> true,
                    LatencyStats::tm90)).contains(new NodeRelativePerformance(50.0f, 2, 4));
            assertThat(fx.table.nodeRelativePerformance(noLatency.bestNodeId().orElseThrow(), nr -> true,
                    LatencyStats::tm90)).as("unknown latency is last").contains(new NodeRelativePerformance(25.0f, 3, 4));
            assertThat(fx.table.nodeRelativePerformance(byLatency.get(1).bestNodeId().orElseThrow(),
                    nr -> !nr.equals(byLatency.get(1)), LatencyStats::tm90)).as("not among the filtered").isEmpty();
        }
    }

    @Test
    void nodesNeedingPingLackStatusOrOurNodeInfoOrAreDue() {
        try (RoutingTableFixture fx = new RoutingTableFixture()) {
            NodeRef noStatus = withPeerInfo(fx, fx.newKey(), PI, TestPeers.ALL_CAPS);
            NodeRef settled = withPeerInfo(fx, fx.newKey(), PI, TestPeers.ALL_CAPS);
            NodeRef noPeerInfo = byId(fx, fx.newKey().nodeId());
            NodeRef dead = withPeerInfo(fx, fx.newKey(), PI, TestPeers.ALL_CAPS);
            long t = fx.now();
            for (NodeRef nr : List.of(noStatus, settled, dead)) {
                nr.statsQuestionRcvd(t);
            }
            settled.updateNodeStatus(PI, new NodeStatus());
            settled.setSeenOurNodeInfoTs(PI, 500);
            settled.statsQuestionSent(t, true);
            noStatus.statsQuestionSent(t + 1, true);
            dead.updateNodeStatus(PI, new NodeStatus());
            makeDead(fx, dead);
            fx.advance(Duration.ofSeconds(2));
            long now = fx.now();

            assertThat(fx.table.getNodesNeedingPing(PI, now, OptionalLong.of(500))).containsExactly(noStatus.routingDomainFiltered(Set.of(PI)));
            List<FilteredNodeRef> stale = fx.table.getNodesNeedingPing(PI, now, OptionalLong.of(501));
            assertThat(stale).as("least recently questioned first").extracting(FilteredNodeRef::unfiltered)
                    .containsExactly(settled, noStatus);
            assertThat(stale.get(0).routingDomainSet()).containsExactly(PI);
            assertThat(fx.table.getNodesNeedingPing(PI, now + 5_000_000, OptionalLong.empty()))
                    .as("unreliable, last questioned 5 s ago").extracting(FilteredNodeRef::unfiltered)
                    .containsExactly(settled, noStatus);
            assertThat(fx.table.getNodesNeedingPing(LN, now, OptionalLong.empty())).isEmpty();
            assertThat(noPeerInfo.isAlive()).isTrue();
        }
    }

    @Test
    void liveEntryCountsCountSignedLiveEntriesPerDomainKindAndCapabilities() {
        try (RoutingTableFixture fx = new RoutingTableFixture()) {
            withPeerInfo(fx, fx.newKey(), PI, TestPeers.ALL_CAPS);
            withPeerInfo(fx, fx.newKey(), PI, Capability.CONNECTIVITY);
            withPeerInfo(fx, fx.newKey(), PI, List.of(Capability.DHTV));
            withPeerInfo(fx, fx.newKey(), LN, List.of(Capability.RLAY));
            NodeRef dead = withPeerInfo(fx, fx.newKey(), PI, TestPeers.ALL_CAPS);
            makeDead(fx, dead);
            NodeId bootstrap = fx.newKey().nodeId();
            fx.table.registerNodeWithPeerInfo(TestPeers.unsigned(bootstrap, 1, TestPeers.ALL_CAPS, "udp|5.5.5.5:5150"), PI,
                    true);
            byId(fx, fx.newKey().nodeId());

            assertThat(fx.table.cachedLiveEntryCounts()).isEqualTo(LiveEntryCounts.EMPTY);
            LiveEntryCounts counts = fx.table.refreshLiveEntryCounts();
            assertThat(fx.table.cachedLiveEntryCounts()).isEqualTo(counts);
            assertThat(counts.any(PI, CryptoKind.VLD0)).isEqualTo(3);
            assertThat(counts.connectivity(PI, CryptoKind.VLD0)).isEqualTo(2);
            assertThat(counts.distanceMetric(PI, CryptoKind.VLD0)).isEqualTo(2);
            assertThat(counts.any(LN, CryptoKind.VLD0)).isOne();
            assertThat(counts.connectivity(LN, CryptoKind.VLD0)).isZero();
            assertThat(counts.any(PI, CryptoKind.VLD1)).isZero();
        }
    }

    @Test
    void recentPeersAreTheLast64WithALiveFlowMostRecentFirst() {
        try (RoutingTableFixture fx = new RoutingTableFixture()) {
            List<NodeRef> peers = new ArrayList<>();
            for (int i = 0; i < 65; i++) {
                NodeRef nr = byId(fx, fx.newKey().nodeId());
                nr.setLastFlow(TestPeers.flow(ProtocolType.UDP, "1.2.3." + (i + 1) + ":5150"), fx.now());
                peers.add(nr);
            }
            peers.get(1).setLastFlow(TestPeers.flow(ProtocolType.UDP, "1.2.3.2:5150"), fx.now());
            List<RecentPeer> recent = fx.table.recentPeers();
            assertThat(recent).hasSize(RoutingTableConfig.RECENT_PEERS_TABLE_SIZE);
            assertThat(recent.get(0).nodeId()).isEqualTo(peers.get(1).bestNodeId().get());
            assertThat(recent.get(0).lastConnection()).isEqualTo(peers.get(1).lastFlow().get());
            assertThat(recent.get(1).nodeId()).isEqualTo(peers.get(64).bestNodeId().get());
            assertThat(recent).extracting(RecentPeer::nodeId).as("the least recent fell out")
                    .doesNotContain(peers.get(0).bestNodeId().get());

            fx.advance(Duration.ofSeconds(16));
            peers.get(5).setLastFlow(TestPeers.flow(ProtocolType.UDP, "1.2.3.6:5150"), fx.now());
            assertThat(fx.table.recentPeers()).extracting(RecentPeer::nodeId)
                    .containsExactly(peers.get(5).bestNodeId().get());
            fx.advance(Duration.ofSeconds(1));
            peers.get(7).setLastFlow(TestPeers.flow(ProtocolType.UDP, "1.2.3.8:5150"), fx.now());
            assertThat(fx.table.recentPeers()).as("expired peers were forgotten, not just hidden")
                    .extracting(RecentPeer::nodeId)
                    .containsExactly(peers.get(7).bestNodeId().get(), peers.get(5).bestNodeId().get());
        }
    }
}
