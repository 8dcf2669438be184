package io.veilflux.rpc.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.filter.PunishmentReason;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SequenceOrdering;
import io.veilflux.net.Sequencing;
import io.veilflux.routing.Capability;
import io.veilflux.routing.ContactMethod;
import io.veilflux.routing.ContactMethods;
import io.veilflux.routing.InterfaceAddress;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RelayInfo;
import io.veilflux.routing.RelayKind;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingDomainCapabilities;
import io.veilflux.routing.RoutingDomainRelay;
import io.veilflux.routing.RoutingDomains;
import io.veilflux.rpc.RpcConfig;
import io.veilflux.rpc.RpcTestNetwork;
import io.veilflux.rpc.RpcTestNetwork.TestNode;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Veilid's relay management (spec routing-rpc §7.4) and veilflux's outbound relay. The test nodes
 * have no interface addresses, so they count as behind address translation and each wants a
 * relay for UDP over IPv4 (and IPv6, which nobody here offers).
 */
class RelayManagementTest {
    private static final RoutingDomain PI = RoutingDomain.PUBLIC_INTERNET;

    private final RpcTestNetwork net = new RpcTestNetwork(RpcConfig.defaults());
    private final TestNode a = net.node(2);
    private final TestNode r1 = net.node(3);
    private final TestNode r2 = net.node(4);
    private final TestNode r3 = net.node(5);

    private RelayManagement management(Optional<NodeId> outboundRelay) {
        return new RelayManagement(a.routingTable, a.domains, outboundRelay, new RoutingTaskMeters(a.registry));
    }

    private final RelayManagement management = management(Optional.empty());

    private long now() {
        return net.clock.now(TimeUnit.MICROSECONDS);
    }

    private List<NodeId> relayIds() {
        return a.domains.detail(PI).relays().stream().map(r -> r.nodeIds().get(0)).toList();
    }

    private List<RelayInfo> publishedRelays() {
        return a.publishedPeerInfo().nodeInfo().relayInfoList();
    }

    private NodeRef at(TestNode node) {
        return a.routingTable.lookupNodeId(node.id).orElseThrow();
    }

    private double dropped(String reason) {
        return a.counter(RoutingTaskMeters.RELAYS_DROPPED, "reason", reason);
    }

    @Test
    void aRelayIsChosenCommittedAndPublishedOnceAndKeptWhileItQualifies() {
        a.knows(r1);
        a.knows(r2);
        int changes = a.peerInfoChanges.size();
        management.run(now());

        assertThat(relayIds()).as("one relay covers UDP/IPv4; nobody covers IPv6").containsExactly(r1.id);
        assertThat(publishedRelays()).singleElement().satisfies(r -> {
            assertThat(r.nodeIds()).containsExactly(r1.id);
            assertThat(r.relayKind()).isEqualTo(RelayKind.INBOUND);
            assertThat(r.dialInfoDetailList()).isEqualTo(r1.publishedPeerInfo().nodeInfo().dialInfoDetailList());
        });
        assertThat(a.peerInfoChanges).hasSize(changes + 1);
        assertThat(a.counter(RoutingTaskMeters.RELAYS_SELECTED, "kind", "inbound")).isOne();

        net.clock.advanceTimeBy(Duration.ofSeconds(1));
        management.run(now());
        assertThat(relayIds()).containsExactly(r1.id);
        assertThat(a.peerInfoChanges).as("nothing changed, nothing republished").hasSize(changes + 1);
    }

    @Test
    void noRelaysAreManagedBeforeOurDialInfoIsConfirmed() {
        a.domains.edit(PI).setupNetwork(EnumSet.of(ProtocolType.UDP), EnumSet.of(ProtocolType.UDP),
                EnumSet.of(AddressType.IPV4), RoutingDomainCapabilities.PUBLIC_INTERNET, false).commit();
        a.knows(r1);
        management.run(now());
        assertThat(relayIds()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dead", "punished", "filter"})
    void aRelayThatDiesIsPunishedOrFailsToSendIsReplaced(String reason) {
        a.knows(r1);
        management.run(now());
        a.knows(r2);
        NodeRef relay = at(r1);
        Consumer<NodeRef> spoil = switch (reason) {
            case "dead" -> n -> {
                for (int i = 0; i < 3; i++) {
                    n.statsFailedToSend(now(), false);
                }
            };
            case "punished" -> n -> n.setPunished(PunishmentReason.MANUAL);
            default -> n -> n.statsFailedToSend(now(), false);
        };
        spoil.accept(relay);
        management.run(now());

        assertThat(relayIds()).containsExactly(r2.id);
        assertThat(dropped(reason)).isOne();
        assertThat(publishedRelays()).extracting(r -> r.nodeIds().get(0)).containsExactly(r2.id);
    }

    @Test
    void aNodeOnOurIpBlockIsNeverOurRelay() {
        TestNode sameAddress = net.node(2);
        a.knows(sameAddress);
        management.run(now());
        assertThat(relayIds()).isEmpty();
        a.knows(r1);
        management.run(now());
        assertThat(relayIds()).containsExactly(r1.id);
    }

    @Test
    void everyTenSecondsARelayBelowThe66thPercentileByTm90IsReplacedByTheFastest() {
        a.knows(r1);
        a.knows(r2);
        a.knows(r3);
        long t = now();
        at(r1).statsAnswerRcvd(t, t + 10_000, SequenceOrdering.UNORDERED);
        management.run(now());
        assertThat(relayIds()).as("known latency before unknown").containsExactly(r1.id);
        long chosen = now();

        at(r2).statsAnswerRcvd(t, t + 5_000, SequenceOrdering.UNORDERED);
        at(r3).statsAnswerRcvd(t, t + 6_000, SequenceOrdering.UNORDERED);
        net.clock.advanceTimeBy(Duration.ofSeconds(10));
        management.run(now());
        assertThat(relayIds()).as("not yet more than 10 s").containsExactly(r1.id);
        assertThat(a.domains.detail(PI).relaysAndStates().get(0).state().lastOptimized()).isEqualTo(chosen);

        net.clock.advanceTimeBy(Duration.ofNanos(1000));
        management.run(now());
        assertThat(relayIds()).as("3rd of 3 is at 33.3 %").containsExactly(r2.id);
        assertThat(dropped("optimized")).isOne();
    }

    @Test
    void aRelayAtOrAboveThe66thPercentileIsKeptAndMarkedOptimized() {
        a.knows(r1);
        a.knows(r2);
        a.knows(r3);
        long t = now();
        at(r1).statsAnswerRcvd(t, t + 5_000, SequenceOrdering.UNORDERED);
        at(r2).statsAnswerRcvd(t, t + 10_000, SequenceOrdering.UNORDERED);
        at(r3).statsAnswerRcvd(t, t + 20_000, SequenceOrdering.UNORDERED);
        management.run(now());
        assertThat(relayIds()).containsExactly(r1.id);

        at(r2).statsAnswerRcvd(t, t + 1_000, SequenceOrdering.UNORDERED);
        at(r2).statsAnswerRcvd(t, t + 1_000, SequenceOrdering.UNORDERED);
        net.clock.advanceTimeBy(Duration.ofSeconds(11));
        management.run(now());
        assertThat(relayIds()).as("2nd of 3 is at 66.7 %").containsExactly(r1.id);
        assertThat(a.domains.detail(PI).relaysAndStates().get(0).state().lastOptimized()).isEqualTo(now());
        assertThat(dropped("optimized")).isZero();
    }

    @Test
    void aChangedPeerInfoOfOurRelayIsRepublishedInOurs() {
        a.knows(r1);
        management.run(now());
        int changes = a.peerInfoChanges.size();

        net.clock.advanceTimeBy(Duration.ofSeconds(1));
        r1.domains.edit(PI).setupNetwork(EnumSet.of(ProtocolType.UDP), EnumSet.of(ProtocolType.UDP),
                EnumSet.of(AddressType.IPV4, AddressType.IPV6), RoutingDomainCapabilities.PUBLIC_INTERNET, true).commit();
        r1.domains.edit(PI).publish();
        a.knows(r1);

        assertThat(a.peerInfoChanges).hasSize(changes + 1);
        assertThat(publishedRelays().get(0).addressTypes()).containsExactlyInAnyOrder(AddressType.IPV4, AddressType.IPV6);
        assertThat(publishedRelays().get(0).timestamp()).isEqualTo(r1.publishedPeerInfo().nodeInfo().timestamp());
    }

    @Test
    void ourRelaysAreSparedByBucketKicksUntilTheyAreRelaysNoMore() {
        KeyPair relayKey = Peers.keyInBucket(a.id, 8);
        NodeId relayId = NodeId.fromPublicKey(relayKey.key());
        PeerInfo relayPeerInfo = Peers.signed(relayKey, List.of(Capability.RLAY), "udp|127.0.0.9:5150");
        a.routingTable.registerNodeWithPeerInfo(relayPeerInfo, PI, false);
        management.run(now());
        assertThat(relayIds()).containsExactly(relayId);

        NodeId rival = NodeId.fromPublicKey(Peers.keyInBucket(a.id, 8).key());
        a.routingTable.registerNodeWithId(PI, rival, now());
        net.clock.advanceTimeBy(Duration.ofSeconds(61));
        a.routingTable.kickBuckets();
        assertThat(a.routingTable.lookupNodeId(relayId)).as("bucket 8 holds one, but our relay is pinned").isPresent();
        assertThat(a.routingTable.lookupNodeId(rival)).as("the worse entry is the relay, never seen").isPresent();

        a.domains.edit(PI).setRelays(List.of()).setupNetwork(EnumSet.of(ProtocolType.UDP),
                EnumSet.of(ProtocolType.UDP), EnumSet.of(AddressType.IPV4), RoutingDomainCapabilities.PUBLIC_INTERNET,
                false).commit();
        management.run(now());
        assertThat(relayIds()).as("unconfirmed: no relays managed").isEmpty();
        a.routingTable.kickBuckets();
        assertThat(a.routingTable.lookupNodeId(relayId)).as("unpinned: the worse entry goes").isEmpty();
    }

    @Test
    void theOutboundRelayGoesFirstAndMakesUsReachableOnlyThroughItForOthers() {
        TestNode natted = net.node(7, RoutingDomainCapabilities.PUBLIC_INTERNET, DialInfoClass.PORT_RESTRICTED_NAT);
        PeerInfo nattedPeerInfo = natted.domains.detail(PI).currentPeerInfo();
        ContactMethod before = ContactMethods.publicInternet(a.publishedPeerInfo(), nattedPeerInfo, DialInfoFilter.all(),
                Sequencing.NO_PREFERENCE, Optional.empty(), RoutingDomains.DEFAULT_IP6_PREFIX_SIZE);
        assertThat(before).isInstanceOf(ContactMethod.Unreachable.class);

        a.knows(r1);
        a.knows(r2);
        management(Optional.of(r2.id)).run(now());

        assertThat(relayIds()).as("it covers UDP/IPv4, so r1 is not needed").containsExactly(r2.id);
        assertThat(publishedRelays()).singleElement().satisfies(r -> {
            assertThat(r.nodeIds()).containsExactly(r2.id);
            assertThat(r.relayKind()).isEqualTo(RelayKind.OUTBOUND);
        });
        assertThat(a.counter(RoutingTaskMeters.RELAYS_SELECTED, "kind", "outbound")).isOne();
        ContactMethod after = ContactMethods.publicInternet(a.publishedPeerInfo(), nattedPeerInfo, DialInfoFilter.all(),
                Sequencing.NO_PREFERENCE, Optional.empty(), RoutingDomains.DEFAULT_IP6_PREFIX_SIZE);
        assertThat(after).isEqualTo(new ContactMethod.OutboundRelay(r2.id));
    }

    @Test
    void anOutboundRelayIsKeptEvenWhenOurDialInfoWantsNoRelay() {
        a.domains.edit(PI).setInterfaceAddresses(List.of(InterfaceAddress.parse("127.0.0.2/8"))).commit();
        assertThat(a.domains.detail(PI).isNetworkTranslated()).isFalse();
        a.knows(r1);
        a.knows(r2);
        management.run(now());
        assertThat(relayIds()).as("our UDP/IPv4 is direct").isEmpty();

        management(Optional.of(r2.id)).run(now());
        assertThat(relayIds()).containsExactly(r2.id);
        assertThat(publishedRelays()).singleElement().satisfies(r -> {
            assertThat(r.relayKind()).isEqualTo(RelayKind.OUTBOUND);
            assertThat(r.dialInfoDetailList()).as("nobody is to reach us through it").isEmpty();
        });
    }

    @Test
    void theConfiguredOutboundRelayIsNeitherFilteredNorRankedAway() {
        TestNode noRelayCapability = net.node(8, List.of(Capability.SGNL));
        a.knows(noRelayCapability);
        a.knows(r1);
        long t = now();
        at(r1).statsAnswerRcvd(t, t + 1_000, SequenceOrdering.UNORDERED);
        at(noRelayCapability).statsAnswerRcvd(t, t + 90_000, SequenceOrdering.UNORDERED);
        RelayManagement withOutbound = management(Optional.of(noRelayCapability.id));
        withOutbound.run(now());
        assertThat(relayIds()).containsExactly(noRelayCapability.id);

        net.clock.advanceTimeBy(Duration.ofSeconds(11));
        withOutbound.run(now());
        assertThat(relayIds()).containsExactly(noRelayCapability.id);
        assertThat(dropped("filter") + dropped("optimized") + dropped("unmeasured")).isZero();
    }

    @Test
    void anOutboundRelayThatDiesIsDroppedAndTakenAgainOnceAlive() {
        a.knows(r1);
        a.knows(r2);
        RelayManagement withOutbound = management(Optional.of(r2.id));
        withOutbound.run(now());
        for (int i = 0; i < 3; i++) {
            at(r2).statsFailedToSend(now(), false);
        }
        withOutbound.run(now());
        assertThat(relayIds()).containsExactly(r1.id);
        assertThat(a.domains.detail(PI).relays().get(0).relayKind()).isEqualTo(RelayKind.INBOUND);
        assertThat(dropped("dead")).isOne();

        at(r2).statsQuestionSent(now(), true);
        withOutbound.run(now());
        assertThat(relayIds()).containsExactly(r2.id);
        assertThat(a.domains.detail(PI).relays().get(0).relayKind()).isEqualTo(RelayKind.OUTBOUND);
    }

    @Test
    void anOutboundRelayWeDoNotKnowIsNotUsed() {
        a.knows(r1);
        management(Optional.of(r2.id)).run(now());
        assertThat(a.domains.detail(PI).relays()).extracting(RoutingDomainRelay::relayKind)
                .containsExactly(RelayKind.INBOUND);
    }
}
