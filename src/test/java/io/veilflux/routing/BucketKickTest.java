package io.veilflux.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.filter.PunishmentReason;
import io.veilflux.net.SequenceOrdering;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bucket placement and Veilid's kick policy: depth, kick order, pins and the closest-peer exemptions. */
class BucketKickTest {
    private static final RoutingDomain PI = RoutingDomain.PUBLIC_INTERNET;

    private NodeRef add(RoutingTableFixture fx, int bit, int tag) {
        NodeRef nr = fx.table.registerNodeWithId(PI, TestPeers.idInBucket(fx.ownId(), bit, tag), fx.now()).unfiltered();
        fx.advance(Duration.ofSeconds(1));
        return nr;
    }

    /** Whether the table still finds the entry (a kicked entry has lost its id). */
    private boolean present(RoutingTableFixture fx, NodeRef nr) {
        return nr.bestNodeId().flatMap(fx.table::lookupNodeId).isPresent();
    }

    @Test
    void aNodeSitsInTheBucketOfTheFirstBitWhereItDiffersFromUs() {
        try (RoutingTableFixture fx = new RoutingTableFixture()) {
            for (int bit : new int[] {0, 7, 8, 100, 255}) {
                NodeId id = TestPeers.idInBucket(fx.ownId(), bit, 0x1234);
                assertThat(fx.table.bucketIndex(id)).isEqualTo(new BucketIndex(CryptoKind.VLD0, bit));
            }
        }
    }

    @Test
    void anOverfullBucketLosesItsNewestEntriesDownToItsDepth() {
        try (RoutingTableFixture fx = new RoutingTableFixture()) {
            List<NodeRef> refs = new ArrayList<>();
            for (int tag = 0; tag < 5; tag++) {
                refs.add(add(fx, 7, tag));
            }
            assertThat(fx.table.entryCount()).as("kicks wait for the tick").isEqualTo(5);
            fx.table.kickBuckets();
            assertThat(fx.table.entryCount()).as("bucket 7 holds 2").isEqualTo(2);
            assertThat(refs).filteredOn(r -> present(fx, r)).containsExactly(refs.get(0), refs.get(1));
            assertThat(refs.get(4).nodeIds().isEmpty()).as("a kicked entry loses that id").isTrue();
        }
    }

    @Test
    void entriesAddedAtTheSameTimeGoInTheOrderOfTheirIdBytes() {
        try (RoutingTableFixture fx = new RoutingTableFixture()) {
            List<NodeId> ids = new ArrayList<>();
            for (int tag = 0; tag < 4; tag++) {
                ids.add(TestPeers.idInBucket(fx.ownId(), 7, tag));
            }
            // Veilid sorts a bucket stably from the order of its id bytes: on equal state and age, the lowest go first.
            List<NodeId> byBytes = new ArrayList<>(ids);
            byBytes.sort((a, b) -> HashCoordinate.compareUnsigned(a.value(), b.value()));
            for (NodeId id : List.of(ids.get(2), ids.get(0), ids.get(3), ids.get(1))) {
                fx.table.registerNodeWithId(PI, id, fx.now());
            }
            fx.table.kickBuckets();
            assertThat(ids).filteredOn(id -> fx.table.lookupNodeId(id).isPresent())
                    .containsExactlyInAnyOrder(byBytes.get(2), byBytes.get(3));
        }
    }

    @Test
    void punishedThenDeadThenUnreliableEntriesGoFirst() {
        try (RoutingTableFixture fx = new RoutingTableFixture()) {
            NodeRef punished = add(fx, 6, 1);
            NodeRef dead = add(fx, 6, 2);
            NodeRef unreliable = add(fx, 6, 3);
            List<NodeRef> reliable = new ArrayList<>();
            for (int tag = 4; tag < 8; tag++) {
                reliable.add(add(fx, 6, tag));
            }
            fx.advance(Duration.ofSeconds(60));
            punished.setPunished(PunishmentReason.MANUAL);
            for (int i = 0; i < 3; i++) {
                dead.statsFailedToSend(fx.now(), false);
            }
            unreliable.statsLostAnswer(SequenceOrdering.ORDERED);
            fx.table.kickBuckets();
            assertThat(fx.table.entryCount()).as("bucket 6 holds 4").isEqualTo(4);
            assertThat(reliable).allMatch(r -> present(fx, r));
            assertThat(List.of(punished, dead, unreliable)).noneMatch(r -> present(fx, r));
        }
    }

    @Test
    void pinnedEntriesAreSparedUntilTheirLastPinCloses() {
        try (RoutingTableFixture fx = new RoutingTableFixture()) {
            List<NodeRef> refs = new ArrayList<>();
            for (int tag = 0; tag < 4; tag++) {
                refs.add(add(fx, 7, tag));
            }
            NodeRefPin first = refs.get(3).pin();
            NodeRefPin second = refs.get(3).pin();
            fx.table.kickBuckets();
            assertThat(fx.table.entryCount()).as("the pinned one still takes a kick slot").isEqualTo(3);
            assertThat(present(fx, refs.get(3))).isTrue();
            first.close();
            first.close();
            fx.table.kickBuckets();
            assertThat(present(fx, refs.get(3))).isTrue();
            assertThat(second.nodeRef()).isEqualTo(refs.get(3));
            second.close();
            fx.table.kickBuckets();
            assertThat(fx.table.entryCount()).isEqualTo(2);
            assertThat(present(fx, refs.get(3))).isFalse();
        }
    }

    @Test
    void theClosestDhtNodesAreExemptUpToTheConfiguredCounts() {
        RoutingTableConfig oneEach = new RoutingTableConfig(20, 64, 1, 1);
        assertThat(survivorsOfExemptionScenario(oneEach)).containsExactly("closeReliable", "unreliable");
        assertThat(survivorsOfExemptionScenario(RoutingTableConfig.defaults()))
                .containsExactly("closeReliable", "unreliable", "farReliable");
    }

    /** Bucket 9 (depth 1) with three DHTV nodes and one without; which survive a kick. */
    private List<String> survivorsOfExemptionScenario(RoutingTableConfig config) {
        try (RoutingTableFixture fx = new RoutingTableFixture(config, new Random(1))) {
            Map<String, NodeRef> refs = new HashMap<>();
            refs.put("closeReliable", addDht(fx, 1, true));
            refs.put("unreliable", addDht(fx, 2, true));
            refs.put("farReliable", addDht(fx, 3, true));
            refs.put("noDht", addDht(fx, 4, false));
            fx.advance(Duration.ofSeconds(60));
            refs.get("unreliable").statsLostAnswer(SequenceOrdering.ORDERED);
            assertThat(refs.get("unreliable").state(fx.now())).isEqualTo(BucketEntryState.UNRELIABLE);
            assertThat(refs.get("farReliable").state(fx.now())).isEqualTo(BucketEntryState.RELIABLE);
            fx.table.kickBuckets();
            return List.of("closeReliable", "unreliable", "farReliable", "noDht").stream()
                    .filter(name -> present(fx, refs.get(name))).toList();
        }
    }

    private NodeRef addDht(RoutingTableFixture fx, int tag, boolean dht) {
        NodeId id = TestPeers.idInBucket(fx.ownId(), 9, tag);
        NodeRef nr = fx.table.registerNodeWithId(PI, id, fx.now()).unfiltered();
        List<FourCc> caps = dht ? List.of(Capability.DHTV) : List.of(Capability.RLAY);
        fx.table.registerNodeWithPeerInfo(TestPeers.unsigned(id, 1, caps, "udp|1.2.3.4:5150"), PI, true);
        fx.advance(Duration.ofSeconds(1));
        return nr;
    }

    @Test
    void afterKicksEveryBucketHoldsAtMostItsDepth() {
        try (RoutingTableFixture fx = new RoutingTableFixture()) {
            Random random = new Random(42);
            Map<Integer, Integer> perBucket = new HashMap<>();
            for (int i = 0; i < 3000; i++) {
                byte[] b = new byte[32];
                random.nextBytes(b);
                NodeId id = NodeId.of(CryptoKind.VLD0, b);
                fx.table.registerNodeWithId(PI, id, fx.now());
                perBucket.merge(fx.table.bucketIndex(id).index(), 1, Integer::sum);
            }
            fx.table.kickBuckets();
            int expected = perBucket.entrySet().stream()
                    .mapToInt(e -> Math.min(e.getValue(), new BucketIndex(CryptoKind.VLD0, e.getKey()).depth())).sum();
            assertThat(perBucket.get(0)).as("half the random ids are in bucket 0").isGreaterThan(256);
            assertThat(fx.table.entryCount()).isEqualTo(expected);
        }
    }
}
