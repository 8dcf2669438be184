package io.veilflux.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.filter.PunishmentReason;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.Flow;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SequenceOrdering;
import io.veilflux.net.Sequencing;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** NodeRef and FilteredNodeRef over a table on virtual time: filters, sequencing, flows and their liveness. */
class NodeRefTest {
    private static final RoutingDomain PI = RoutingDomain.PUBLIC_INTERNET;
    private static final RoutingDomain LN = RoutingDomain.LOCAL_NETWORK;

    private final RoutingTableFixture fx = new RoutingTableFixture();
    private final RoutingTable table = fx.table;
    private final KeyPair peer = fx.newKey();

    @AfterEach
    void close() {
        fx.close();
    }

    private NodeRef register(RoutingDomain rd, String... dialInfo) {
        PeerInfo info = TestPeers.signed(RoutingTableFixture.CRYPTO, peer, fx.now(), TestPeers.ALL_CAPS, dialInfo);
        return table.registerNodeWithPeerInfo(info, rd, false).nodeRef().unfiltered();
    }

    private NodeRef byId() {
        return table.registerNodeWithId(PI, peer.nodeId(), fx.now()).unfiltered();
    }

    @Test
    void aUdpFlowIsLiveFor15SecondsAfterItsLastUse() {
        assertThat(RoutingTable.CONNECTIONLESS_TIMEOUT).isEqualTo(Duration.ofSeconds(15));
        NodeRef nr = byId();
        Flow udp = TestPeers.flow(ProtocolType.UDP, "1.2.3.4:5150");
        nr.setLastFlow(udp, fx.now());
        fx.advance(Duration.ofSeconds(15));
        assertThat(nr.lastFlow()).contains(udp);
        fx.advance(Duration.ofNanos(1000));
        assertThat(nr.lastFlow()).isEmpty();
        nr.setLastFlow(udp, fx.now());
        assertThat(nr.lastFlow()).as("used again").contains(udp);
    }

    @Test
    void anOrderedFlowIsLiveWhileItsConnectionExists() {
        NodeRef nr = byId();
        Flow tcp = TestPeers.flow(ProtocolType.TCP, "1.2.3.4:5150");
        nr.setLastFlow(tcp, fx.now());
        assertThat(nr.lastFlow()).isEmpty();
        fx.connections.add(tcp);
        fx.advance(Duration.ofHours(1));
        assertThat(nr.lastFlow()).contains(tcp);
        fx.connections.remove(tcp);
        assertThat(nr.lastFlow()).isEmpty();
    }

    @Test
    void lastFlowsAreNewestFirstUnlessOrderIsAskedFor() {
        NodeRef nr = byId();
        Flow tcp = TestPeers.flow(ProtocolType.TCP, "1.2.3.4:5150");
        Flow ws = TestPeers.flow(ProtocolType.WS, "1.2.3.4:80");
        Flow udp = TestPeers.flow(ProtocolType.UDP, "1.2.3.4:5150");
        fx.connections.addAll(List.of(tcp, ws));
        nr.setLastFlow(ws, fx.now());
        nr.setLastFlow(tcp, fx.now() + 1);
        nr.setLastFlow(udp, fx.now() + 2);
        assertThat(nr.lastFlows()).containsExactly(udp, tcp, ws);
        assertThat(nr.lastFlow()).contains(udp);
        FilteredNodeRef preferOrdered = nr.sequencingFiltered(Sequencing.PREFER_ORDERED);
        assertThat(preferOrdered.lastFlows()).containsExactly(tcp, ws, udp);
        assertThat(nr.sequencingFiltered(Sequencing.ENSURE_ORDERED).lastFlows()).containsExactly(tcp, ws);
        assertThat(nr.customFiltered(NodeRefFilter.all().withProtocolType(ProtocolType.WS)).lastFlow()).contains(ws);
    }

    @Test
    void lastFlowsOutsideTheFiltersDomainsOrInNoDomainAreNotOffered() {
        NodeRef nr = byId();
        Flow global = TestPeers.flow(ProtocolType.UDP, "1.2.3.4:5150");
        Flow local = TestPeers.flow(ProtocolType.UDP, "[fd00::1]:5150");
        Flow loopback = TestPeers.flow(ProtocolType.TCP, "127.0.0.1:5150");
        fx.connections.add(loopback);
        nr.setLastFlow(global, fx.now());
        nr.setLastFlow(local, fx.now());
        nr.setLastFlow(loopback, fx.now());
        assertThat(nr.lastFlows()).containsExactlyInAnyOrder(global, local);
        assertThat(nr.routingDomainFiltered(Set.of(LN)).lastFlows()).containsExactly(local);
        assertThat(nr.routingDomainFiltered(Set.of(PI)).lastFlows()).containsExactly(global);
    }

    @Test
    void clearingFlowsRespectsTheDialInfoFilter() {
        NodeRef nr = byId();
        Flow v4 = TestPeers.flow(ProtocolType.UDP, "1.2.3.4:5150");
        Flow v6 = TestPeers.flow(ProtocolType.UDP, "[2001:4860::1]:5150");
        nr.setLastFlow(v4, fx.now());
        nr.setLastFlow(v6, fx.now());
        nr.customFiltered(NodeRefFilter.all().withAddressType(AddressType.IPV6)).clearLastFlows();
        assertThat(nr.lastFlows()).containsExactly(v4);
        nr.clearLastFlow(v4);
        assertThat(nr.lastFlows()).isEmpty();
    }

    @Test
    void aPunishedNodeKeepsNoFlowsUntilPunishmentsAreCleared() {
        NodeRef nr = byId();
        Flow udp = TestPeers.flow(ProtocolType.UDP, "1.2.3.4:5150");
        nr.setLastFlow(udp, fx.now());
        nr.setPunished(PunishmentReason.FAILED_TO_REGISTER_SENDER_PEER_INFO);
        assertThat(nr.state(fx.now())).isEqualTo(BucketEntryState.PUNISHED);
        assertThat(nr.isAlive()).isFalse();
        assertThat(nr.lastFlow()).isEmpty();
        nr.setLastFlow(udp, fx.now());
        assertThat(nr.lastFlow()).isEmpty();
        table.clearPunishments();
        assertThat(nr.punishment()).isEmpty();
        nr.setLastFlow(udp, fx.now());
        assertThat(nr.lastFlow()).contains(udp);
        nr.setPunished(PunishmentReason.MANUAL);
        nr.clearPunishment();
        assertThat(nr.isAlive()).isTrue();
    }

    @Test
    void dialInfoDetailsFollowDomainsFilterAndSequencing() {
        PeerInfo local = TestPeers.signed(RoutingTableFixture.CRYPTO, peer, fx.now(), TestPeers.ALL_CAPS,
                "udp|192.168.1.2:5150", "tcp|192.168.1.2:5150");
        table.registerNodeWithPeerInfo(local, LN, false);
        NodeRef nr = register(PI, "udp|1.2.3.4:5150", "ws|1.2.3.4:80/ws", "tcp|1.2.3.4:5150", "udp|1.2.3.4:5150");
        DialInfoDetail lnUdp = TestPeers.direct("udp|192.168.1.2:5150");
        DialInfoDetail lnTcp = TestPeers.direct("tcp|192.168.1.2:5150");
        DialInfoDetail piUdp = TestPeers.direct("udp|1.2.3.4:5150");
        DialInfoDetail piWs = TestPeers.direct("ws|1.2.3.4:80/ws");
        DialInfoDetail piTcp = TestPeers.direct("tcp|1.2.3.4:5150");

        assertThat(nr.firstDialInfoDetail()).as("LocalNetwork first").contains(lnUdp);
        assertThat(nr.dialInfoDetails()).as("in list order, without duplicates")
                .containsExactly(lnUdp, lnTcp, piUdp, piWs, piTcp);
        assertThat(nr.sequencingFiltered(Sequencing.PREFER_ORDERED).dialInfoDetails())
                .containsExactly(lnTcp, lnUdp, piTcp, piWs, piUdp);
        assertThat(nr.sequencingFiltered(Sequencing.ENSURE_ORDERED).dialInfoDetails())
                .containsExactly(lnTcp, piTcp, piWs);
        FilteredNodeRef publicWs = nr.routingDomainFiltered(Set.of(PI)).mergedFilter(
                NodeRefFilter.all().withProtocolType(ProtocolType.WS));
        assertThat(publicWs.firstDialInfoDetail()).contains(piWs);
        assertThat(publicWs.mergedFilter(NodeRefFilter.all().withProtocolType(ProtocolType.UDP)).dialInfoDetails())
                .as("dead filter").isEmpty();
        assertThat(nr.customFiltered(new NodeRefFilter(Set.of(), DialInfoFilter.all())).firstDialInfoDetail()).isEmpty();
    }

    @Test
    void bestRoutingDomainIsTheFirstWithAPeerInfoElseTheLowestLiveFlow() {
        NodeRef nr = byId();
        assertThat(nr.bestRoutingDomain()).isEmpty();
        nr.setLastFlow(TestPeers.flow(ProtocolType.UDP, "1.2.3.4:5150"), fx.now());
        assertThat(nr.bestRoutingDomain()).contains(PI);
        nr.setLastFlow(TestPeers.flow(ProtocolType.UDP, "[fd00::1]:5150"), fx.now());
        assertThat(nr.bestRoutingDomain()).contains(LN);
        assertThat(nr.routingDomainFiltered(Set.of(PI)).bestRoutingDomain()).contains(PI);

        register(PI, "udp|1.2.3.4:5150");
        fx.advance(Duration.ofMinutes(1));
        assertThat(nr.bestRoutingDomain()).as("flows expired, peer info stays").contains(PI);
        assertThat(nr.routingDomainFiltered(Set.of(LN)).bestRoutingDomain()).isEmpty();
    }

    @Test
    void peerInfoQuestions() {
        NodeRef nr = byId();
        assertThat(nr.peerInfoHasValidSignature(PI)).isFalse();
        assertThat(nr.nodeInfoTs(PI)).isZero();
        assertThat(nr.hasAnyDialInfo()).isFalse();
        long ts = fx.now();
        register(PI, "udp|1.2.3.4:5150");
        assertThat(nr.peerInfoHasValidSignature(PI)).isTrue();
        assertThat(nr.peerInfo(PI)).hasValueSatisfying(pi -> assertThat(pi.nodeInfo().timestamp()).isEqualTo(ts));
        assertThat(nr.nodeInfoTs(PI)).isEqualTo(ts);
        assertThat(nr.nodeInfo(LN)).isEmpty();
        assertThat(nr.hasAnyDialInfo()).isTrue();
        assertThat(nr.bestEnvelopeVersion()).contains(FourCc.ENV0);
        assertThat(nr.bestNodeId()).contains(peer.nodeId());
        assertThat(nr.nodeIds().toList()).containsExactly(peer.nodeId());
        assertThat(nr).hasToString(peer.nodeId().toString());
    }

    @Test
    void aNodeWithOnlyRelayDialInfoHasDialInfoAndRelayingThroughUsIsSeen() {
        NodeId relayId = fx.newKey().nodeId();
        NodeInfo relayed = TestPeers.nodeInfo(fx.now(), List.of(peer.key()), TestPeers.ALL_CAPS, List.of(),
                List.of(TestPeers.relay(relayId, "udp|5.6.7.8:5150")));
        NodeRef nr = table.registerNodeWithPeerInfo(TestPeers.signed(RoutingTableFixture.CRYPTO, peer, relayed), PI, false)
                .nodeRef().unfiltered();
        assertThat(nr.hasAnyDialInfo()).isTrue();
        assertThat(nr.firstDialInfoDetail()).isEmpty();
        assertThat(nr.isRelaying(PI)).isFalse();
        fx.advance(Duration.ofSeconds(1));
        NodeInfo throughUs = TestPeers.nodeInfo(fx.now(), List.of(peer.key()), TestPeers.ALL_CAPS, List.of(),
                List.of(TestPeers.relay(fx.ownId(), "udp|5.6.7.8:5150")));
        table.registerNodeWithPeerInfo(TestPeers.signed(RoutingTableFixture.CRYPTO, peer, throughUs), PI, false);
        assertThat(nr.isRelaying(PI)).isTrue();
        assertThat(nr.isRelaying(LN)).isFalse();
    }

    @Test
    void hasSeenOurNodeInfoComparesWithWhatWePublish() {
        NodeRef nr = byId();
        assertThat(nr.hasSeenOurNodeInfoTs(PI)).as("nothing published").isFalse();
        PeerInfo ours = TestPeers.signed(RoutingTableFixture.CRYPTO, fx.own, 777, TestPeers.ALL_CAPS, "udp|9.9.9.9:5150");
        fx.published.put(PI, ours);
        assertThat(nr.hasSeenOurNodeInfoTs(PI)).isFalse();
        assertThat(nr.setSeenOurNodeInfoTs(PI, 777)).hasValue(0);
        assertThat(nr.hasSeenOurNodeInfoTs(PI)).isTrue();
        assertThat(nr.hasSeenOurNodeInfoTs(LN)).isFalse();
        nr.updateNodeStatus(PI, new NodeStatus());
        assertThat(nr.nodeStatus(PI)).isPresent();
    }

    @Test
    void handlesCompareByEntryFilterAndSequencing() {
        NodeRef a = byId();
        NodeRef b = table.lookupNodeId(peer.nodeId()).orElseThrow();
        NodeRef other = table.registerNodeWithId(PI, fx.newKey().nodeId(), fx.now()).unfiltered();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(other);
        assertThat(a.sameEntry(other)).isFalse();

        FilteredNodeRef filtered = a.defaultFiltered();
        assertThat(filtered.equivalent(a)).isTrue();
        assertThat(filtered.withSequencing(Sequencing.ENSURE_ORDERED).equivalent(a)).isFalse();
        assertThat(filtered.withSequencing(Sequencing.ENSURE_ORDERED).sameEntry(a)).isTrue();
        assertThat(filtered.withRoutingDomain(LN).routingDomainSet()).containsExactly(LN);
        assertThat(filtered.withRoutingDomain(LN).withRoutingDomainSet(EnumSet.allOf(RoutingDomain.class)))
                .isEqualTo(filtered);
        assertThat(filtered.withFilter(NodeRefFilter.all().withAddressType(AddressType.IPV4)).dialInfoFilter().addressTypes())
                .containsExactly(AddressType.IPV4);
        assertThat(filtered.withSequencing(Sequencing.PREFER_ORDERED).unfiltered()).isEqualTo(a);
        assertThat(a.routingDomainFiltered(Set.of(PI))).isEqualTo(b.customFiltered(NodeRefFilter.all().withRoutingDomain(PI)));
    }

    @Test
    void statsGoThroughTheHandle() {
        NodeRef nr = byId();
        nr.statsQuestionSent(fx.now(), true);
        nr.statsAnswerRcvd(fx.now(), fx.now() + 30_000, SequenceOrdering.ORDERED);
        nr.statsQuestionRcvd(fx.now());
        nr.statsAnswerSent();
        nr.statsQuestionSent(fx.now(), true);
        nr.statsLostAnswer(SequenceOrdering.UNORDERED);
        PeerStats stats = nr.peerStats();
        assertThat(stats.rpcStats().messagesSent()).isEqualTo(3);
        assertThat(stats.rpcStats().messagesRcvd()).isEqualTo(2);
        assertThat(stats.rpcStats().questionsInFlight()).isZero();
        assertThat(stats.rpcStats().recentLostAnswersUnordered()).isOne();
        assertThat(stats.latency()).hasValueSatisfying(l -> assertThat(l.tm90()).isEqualTo(30_000));
        nr.reportProtectedConnectionDropped();
        assertThat(nr.stateReason(fx.now())).isEqualTo(BucketEntryStateReason.UNRELIABLE_FAILED_TO_SEND);
        nr.statsFailedToSend(fx.now(), true);
        nr.statsFailedToSend(fx.now(), true);
        assertThat(nr.state(fx.now())).isEqualTo(BucketEntryState.DEAD);
    }

    @Test
    void envelopeVersionsSeenOnEnvelopesAreKept() {
        NodeRef nr = byId();
        assertThat(nr.bestEnvelopeVersion()).isEmpty();
        nr.addEnvelopeVersion(FourCc.ENV0);
        assertThat(nr.bestEnvelopeVersion()).contains(FourCc.ENV0);
    }

    @Test
    void senderInfoIsReportedThroughTheHandle() {
        NodeRef nr = byId();
        var first = io.veilflux.net.SocketAddress.parse("9.9.9.9:1");
        var second = io.veilflux.net.SocketAddress.parse("9.9.9.9:2");
        assertThat(nr.reportSenderInfo(PI, ProtocolType.UDP, AddressType.IPV4, first)).isEmpty();
        assertThat(nr.reportSenderInfo(PI, ProtocolType.UDP, AddressType.IPV4, second)).contains(first);
    }

    @Test
    void dialInfoClassDoesNotFilter() {
        DialInfoDetail blocked = new DialInfoDetail(TestPeers.direct("udp|1.2.3.4:5150").dialInfo(), DialInfoClass.BLOCKED);
        NodeInfo ni = TestPeers.nodeInfo(fx.now(), List.of(peer.key()), TestPeers.ALL_CAPS, List.of(blocked), List.of());
        NodeRef nr = table.registerNodeWithPeerInfo(TestPeers.signed(RoutingTableFixture.CRYPTO, peer, ni), PI, false)
                .nodeRef().unfiltered();
        assertThat(nr.firstDialInfoDetail()).contains(blocked);
    }
}
