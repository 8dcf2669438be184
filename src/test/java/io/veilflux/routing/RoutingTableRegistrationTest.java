package io.veilflux.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.crypto.SecretKey;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.ProtocolType;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Registration and lookup (Veilid's create_node_ref and its callers): refusals, reuse, id reconciliation. */
class RoutingTableRegistrationTest {
    private static final RoutingDomain PI = RoutingDomain.PUBLIC_INTERNET;

    private final RoutingTableFixture fx = new RoutingTableFixture();
    private final RoutingTable table = fx.table;
    private final KeyPair peer = fx.newKey();

    @AfterEach
    void close() {
        fx.close();
    }

    private PeerInfo signed(long ts, String dialInfo) {
        return TestPeers.signed(RoutingTableFixture.CRYPTO, peer, ts, TestPeers.ALL_CAPS, dialInfo);
    }

    @Test
    void aSignedPeerInfoRegistersTheNodeFilteredToItsDomain() {
        PeerInfoRegistration first = table.registerNodeWithPeerInfo(signed(100, "udp|1.2.3.4:5150"), PI, false);
        assertThat(first.peerInfoChanged()).as("new in this domain").isTrue();
        assertThat(first.nodeRef().routingDomainSet()).containsExactly(PI);
        assertThat(first.nodeRef().bestNodeId()).contains(peer.nodeId());
        assertThat(table.entryCount()).isOne();

        assertThat(table.registerNodeWithPeerInfo(signed(100, "udp|1.2.3.4:5150"), PI, false).peerInfoChanged()).isFalse();
        assertThat(table.registerNodeWithPeerInfo(signed(101, "udp|1.2.3.4:5150"), PI, false).peerInfoChanged())
                .as("only the timestamp moved").isFalse();
        PeerInfoRegistration moved = table.registerNodeWithPeerInfo(signed(102, "udp|5.6.7.8:5150"), PI, false);
        assertThat(moved.peerInfoChanged()).isTrue();
        assertThat(moved.nodeRef().sameEntry(first.nodeRef())).isTrue();
        assertThat(table.entryCount()).isOne();
    }

    @Test
    void aNewOrChangedPeerInfoIsNewsForTheRoutingDomainsAndATimestampAloneIsNot() {
        PeerInfo first = signed(100, "udp|1.2.3.4:5150");
        table.registerNodeWithPeerInfo(first, PI, false);
        table.registerNodeWithPeerInfo(signed(101, "udp|1.2.3.4:5150"), PI, false);
        PeerInfo moved = signed(102, "udp|5.6.7.8:5150");
        table.registerNodeWithPeerInfo(moved, PI, false);

        assertThat(fx.resolver.updates).containsExactly(
                new TestResolver.Update(PI, List.of(peer.nodeId()), first),
                new TestResolver.Update(PI, List.of(peer.nodeId()), moved));
    }

    @Test
    void aCommitThatChangesOurPeerInfoLetsAnEquallyOldPeerInfoReviveADeadNodeOnceMore() {
        RoutingDomains domains = new RoutingDomains(AddressClassifier.standard(), List.of(fx.own.key()), ni -> {
            throw new AssertionError("nothing is signed here");
        }, fx.clock, e -> { }, RoutingDomains.DEFAULT_IP6_PREFIX_SIZE);
        PeerInfo pi = signed(100, "udp|1.2.3.4:5150");
        NodeRef node = table.registerNodeWithPeerInfo(pi, PI, false).nodeRef().unfiltered();
        Runnable kill = () -> {
            for (int i = 0; i < 3; i++) {
                node.statsFailedToSend(fx.now(), false);
            }
        };
        kill.run();
        table.registerNodeWithPeerInfo(pi, PI, false);
        assertThat(node.state(fx.now())).as("updated since the last network change already").isEqualTo(BucketEntryState.DEAD);

        assertThat(table.commit(domains.edit(PI))).as("nothing to commit").isFalse();
        table.registerNodeWithPeerInfo(pi, PI, false);
        assertThat(node.state(fx.now())).isEqualTo(BucketEntryState.DEAD);

        assertThat(table.commit(domains.edit(PI).setupNetwork(Set.of(ProtocolType.UDP), Set.of(ProtocolType.UDP),
                Set.of(AddressType.IPV4), List.of(), true))).isTrue();
        table.registerNodeWithPeerInfo(pi, PI, false);
        assertThat(node.state(fx.now())).as("our network changed: one more chance").isNotEqualTo(BucketEntryState.DEAD);
        kill.run();
        table.registerNodeWithPeerInfo(pi, PI, false);
        assertThat(node.state(fx.now())).as("only once").isEqualTo(BucketEntryState.DEAD);
    }

    @Test
    void ourOwnNodeIsNeverRegisteredNorLookedUp() {
        PeerInfo ours = TestPeers.signed(RoutingTableFixture.CRYPTO, fx.own, 1, TestPeers.ALL_CAPS, "udp|1.2.3.4:5150");
        assertThatThrownBy(() -> table.registerNodeWithPeerInfo(ours, PI, false))
                .isInstanceOf(RoutingTableException.class).hasMessageContaining("own node");
        assertThatThrownBy(() -> table.registerNodeWithId(PI, fx.ownId(), fx.now()))
                .isInstanceOf(RoutingTableException.class).hasMessageContaining("own node");
        assertThatThrownBy(() -> table.lookupNodeId(fx.ownId()))
                .isInstanceOf(RoutingTableException.class).hasMessageContaining("own node");
        assertThat(table.entryCount()).isZero();
    }

    @Test
    void aNodeCannotBeItsOwnRelay() {
        NodeInfo selfRelayed = TestPeers.nodeInfo(1, List.of(peer.key()), TestPeers.ALL_CAPS, List.of(),
                List.of(TestPeers.relay(peer.nodeId(), "udp|1.2.3.4:5150")));
        assertThatThrownBy(() -> table.registerNodeWithPeerInfo(
                TestPeers.signed(RoutingTableFixture.CRYPTO, peer, selfRelayed), PI, false))
                .isInstanceOf(RoutingTableException.class).hasMessageContaining("its own relay");
    }

    @Test
    void anUnsignedPeerInfoNeedsAllowInvalid() {
        PeerInfo bootstrap = TestPeers.unsigned(peer.nodeId(), 1, List.of(), "udp|1.2.3.4:5150");
        assertThatThrownBy(() -> table.registerNodeWithPeerInfo(bootstrap, PI, false))
                .isInstanceOf(RoutingTableException.class).hasMessageContaining("no valid signature");
        FilteredNodeRef nr = table.registerNodeWithPeerInfo(bootstrap, PI, true).nodeRef();
        assertThat(nr.peerInfoHasValidSignature(PI)).isFalse();
        table.registerNodeWithPeerInfo(signed(0, "udp|1.2.3.4:5150"), PI, false);
        assertThat(nr.peerInfoHasValidSignature(PI)).as("the first signed one replaces it, however old").isTrue();
    }

    @Test
    void aNodeInfoMustBeValidInTheDomainItIsRegisteredIn() {
        assertThatThrownBy(() -> table.registerNodeWithPeerInfo(signed(1, "udp|192.168.1.2:5150"), PI, false))
                .isInstanceOf(RoutingTableException.class).hasMessageContaining("not valid in the PUBLIC_INTERNET");
        NodeInfo noKeys = TestPeers.nodeInfo(1, List.of(), List.of(), List.of(TestPeers.direct("udp|1.2.3.4:5150")),
                List.of());
        assertThatThrownBy(() -> table.registerNodeWithPeerInfo(TestPeers.unsigned(noKeys), PI, true))
                .isInstanceOf(RoutingTableException.class).hasMessageContaining("without node ids");
        assertThat(table.entryCount()).isZero();
    }

    @Test
    void anEnvelopeSenderIsRegisteredByIdAndSeen() {
        long ts = fx.now();
        FilteredNodeRef nr = table.registerNodeWithId(RoutingDomain.LOCAL_NETWORK, peer.nodeId(), ts);
        assertThat(nr.routingDomainSet()).containsExactly(RoutingDomain.LOCAL_NETWORK);
        assertThat(nr.peerInfo(RoutingDomain.LOCAL_NETWORK)).isEmpty();
        assertThat(nr.peerStats().rpcStats().lastSeenTs()).hasValue(ts);
        assertThat(nr.stateReason(ts)).isEqualTo(BucketEntryStateReason.UNRELIABLE_IN_UNRELIABLE_PING_SPAN);
        fx.advance(Duration.ofSeconds(60));
        assertThat(nr.state(fx.now())).isEqualTo(BucketEntryState.RELIABLE);

        FilteredNodeRef again = table.registerNodeWithId(PI, peer.nodeId(), fx.now());
        assertThat(again.sameEntry(nr)).isTrue();
        assertThat(table.entryCount()).isOne();
        assertThat(table.lookupNodeId(peer.nodeId())).contains(nr.unfiltered());
        assertThat(table.lookupNodeId(fx.newKey().nodeId())).isEmpty();
    }

    @Test
    void lookupsRefuseUnsupportedKindsAndWrongLengths() {
        assertThatThrownBy(() -> table.lookupNodeId(new NodeId(CryptoKind.VLD1, peer.nodeId().value())))
                .isInstanceOf(RoutingTableException.class).hasMessageContaining("unsupported crypto kind VLD1");
        assertThatThrownBy(() -> table.lookupNodeId(NodeId.of(CryptoKind.VLD0, new byte[31])))
                .isInstanceOf(RoutingTableException.class).hasMessageContaining("31 bytes");
        assertThatThrownBy(() -> table.registerNodeWithId(PI, new NodeId(CryptoKind.VLD1, peer.nodeId().value()), 0))
                .isInstanceOf(RoutingTableException.class).hasMessageContaining("no node id of a supported kind");
    }

    @Test
    void lookupAndFilterAppliesDomainsAndDialInfoFilter() {
        table.registerNodeWithId(PI, peer.nodeId(), fx.now());
        DialInfoFilter tcpV4 = DialInfoFilter.of(ProtocolType.TCP, AddressType.IPV4);
        Optional<FilteredNodeRef> nr = table.lookupAndFilterNodeRef(peer.nodeId(), Set.of(PI), tcpV4);
        assertThat(nr).hasValueSatisfying(r -> {
            assertThat(r.routingDomainSet()).containsExactly(PI);
            assertThat(r.dialInfoFilter()).isEqualTo(tcpV4);
        });
        assertThat(table.lookupAndFilterNodeRef(fx.newKey().nodeId(), Set.of(PI), tcpV4)).isEmpty();
    }

    /** A table whose node holds ids of two kinds, VLD1 preferred, to see ids move between buckets. */
    @Test
    void idsOfSeveralKindsAreReconciledOnOneEntry() {
        CryptoKindOrder order = new CryptoKindOrder(List.of(CryptoKind.VLD1, CryptoKind.VLD0));
        KeyPair ownVld1 = new KeyPair(key(CryptoKind.VLD1, 0x11), new SecretKey(CryptoKind.VLD1, Bytes.of(new byte[32])));
        TestResolver resolver = new TestResolver();
        RoutingTable two = new RoutingTable(new RoutingTableIdentity(order, List.of(fx.own, ownVld1)),
                RoutingTableConfig.defaults(), resolver, rd -> Optional.empty(), f -> false, fx.clock,
                new Random(1));
        PublicKey a0 = peer.key();
        PublicKey b1 = key(CryptoKind.VLD1, 0xB1);
        PublicKey c1 = key(CryptoKind.VLD1, 0xC1);

        NodeRef entry = two.registerNodeWithId(PI, NodeId.fromPublicKey(a0), 0).unfiltered();
        PeerInfoRegistration both = two.registerNodeWithPeerInfo(unsigned(1, a0, b1), PI, true);
        assertThat(both.nodeRef().sameEntry(entry)).isTrue();
        assertThat(entry.nodeIds().kinds()).containsExactly(CryptoKind.VLD1, CryptoKind.VLD0);
        assertThat(entry.bestNodeId()).contains(NodeId.fromPublicKey(b1));
        assertThat(two.lookupNodeId(NodeId.fromPublicKey(b1))).contains(entry);

        PeerInfoRegistration replaced = two.registerNodeWithPeerInfo(unsigned(2, a0, c1), PI, true);
        assertThat(replaced.peerInfoChanged()).as("its ids changed").isTrue();
        assertThat(resolver.updates.get(resolver.updates.size() - 1).nodeIds()).as("old and new ids")
                .containsExactlyInAnyOrder(NodeId.fromPublicKey(a0), NodeId.fromPublicKey(b1), NodeId.fromPublicKey(c1));
        assertThat(two.lookupNodeId(NodeId.fromPublicKey(b1))).isEmpty();
        assertThat(two.lookupNodeId(NodeId.fromPublicKey(c1))).contains(entry);

        two.registerNodeWithPeerInfo(unsigned(3, a0), PI, true);
        assertThat(entry.nodeIds().toList()).containsExactly(NodeId.fromPublicKey(a0));
        assertThat(two.lookupNodeId(NodeId.fromPublicKey(c1))).isEmpty();
        assertThat(two.entryCount()).isOne();

        NodeRef other = two.registerNodeWithId(PI, NodeId.fromPublicKey(b1), 0).unfiltered();
        assertThat(two.entryCount()).isEqualTo(2);
        two.registerNodeWithPeerInfo(unsigned(4, a0, b1), PI, true);
        assertThat(two.lookupNodeId(NodeId.fromPublicKey(a0))).as("the best kind's entry wins").contains(other);
        assertThat(two.entryCount()).as("the displaced entry is in no bucket any more").isOne();
    }

    private static PublicKey key(CryptoKind kind, int fill) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) fill);
        return new PublicKey(kind, Bytes.of(b));
    }

    private static PeerInfo unsigned(long ts, PublicKey... keys) {
        return TestPeers.unsigned(TestPeers.nodeInfo(ts, List.of(keys), List.of(),
                List.of(TestPeers.direct("udp|1.2.3.4:5150")), List.of()));
    }
}
