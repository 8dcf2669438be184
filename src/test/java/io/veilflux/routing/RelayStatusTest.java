package io.veilflux.routing;

import static io.veilflux.routing.Nodes.did;
import static io.veilflux.routing.Nodes.direct;
import static io.veilflux.routing.Nodes.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.LowLevelProtocolType;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SequenceOrdering;
import io.veilflux.routing.RelayStatus.LowLevelProtocolPort;
import io.veilflux.routing.RelayStatus.OrderingAddressType;
import io.veilflux.routing.RelayStatus.ProtocolAddressType;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Veilid's relay status: wanted combinations, keepalives, applying relays and their order (spec §3.2). */
class RelayStatusTest {
    private static final Set<ProtocolType> UDP_TCP = EnumSet.of(ProtocolType.UDP, ProtocolType.TCP);
    private static final Set<AddressType> V4 = EnumSet.of(AddressType.IPV4);

    private static RelayStatus status(Set<ProtocolType> outbound, List<DialInfoDetail> details, boolean translated) {
        return RelayStatus.of(RoutingDomain.PUBLIC_INTERNET, outbound, V4, details, translated);
    }

    private static RoutingDomainRelay candidate(int seed, DialInfoDetail... details) {
        Nodes.Builder relay = Nodes.node(seed);
        for (DialInfoDetail d : details) {
            relay.dial(d.dialInfo().toString(), d.dialInfoClass());
        }
        return RoutingDomainRelay.candidate(List.of(id(seed)), relay.peerInfo(), RelayKind.INBOUND);
    }

    private static Set<ProtocolAddressType> combos(AddressType at, ProtocolType... protocols) {
        Set<ProtocolAddressType> set = new HashSet<>();
        for (ProtocolType p : protocols) {
            set.add(new ProtocolAddressType(p, at));
        }
        return set;
    }

    private static Set<ProtocolAddressType> union(Set<ProtocolAddressType> a, Set<ProtocolAddressType> b) {
        Set<ProtocolAddressType> set = new HashSet<>(a);
        set.addAll(b);
        return set;
    }

    @Test
    void directDialInfoCoversItsCombinationAndOrderingEveryAddressTypeIsConsidered() {
        RelayStatus s = status(UDP_TCP, List.of(direct("udp|1.2.3.4:5150"), direct("tcp|1.2.3.4:5150")), false);
        assertThat(s.canRelayProtocols()).isEqualTo(combos(AddressType.IPV4, ProtocolType.UDP, ProtocolType.TCP));
        assertThat(s.wantRelayProtocols()).isEqualTo(union(
                combos(AddressType.IPV6, ProtocolType.values()), combos(AddressType.IPV4, ProtocolType.WS, ProtocolType.WSS)));
        assertThat(s.wantRelayOrderings()).containsExactlyInAnyOrder(
                new OrderingAddressType(SequenceOrdering.UNORDERED, AddressType.IPV6),
                new OrderingAddressType(SequenceOrdering.ORDERED, AddressType.IPV6));
        assertThat(s.needsMoreRelays()).as("IPv4 has every ordering").isFalse();
        assertThat(s.wantsMoreRelays()).as("IPv6 and WS/WSS are still uncovered").isTrue();
        assertThat(s.wantsNatKeepalives()).isEmpty();
        assertThat(s.dialInfoFilter().protocols()).isEqualTo(UDP_TCP);
        assertThat(s.dialInfoFilter().addressTypes()).isEqualTo(V4);
    }

    @Test
    void onlyOrderingClassesWeSendWithAreWanted() {
        RelayStatus s = status(EnumSet.of(ProtocolType.UDP), List.of(did("udp|1.2.3.4:5150", DialInfoClass.BLOCKED)), false);
        assertThat(s.wantRelayProtocols()).isEqualTo(union(combos(AddressType.IPV4, ProtocolType.UDP),
                combos(AddressType.IPV6, ProtocolType.UDP)));
        assertThat(s.wantRelayOrderings()).extracting(OrderingAddressType::ordering).containsOnly(SequenceOrdering.UNORDERED);
        assertThat(s.canRelayProtocols()).isEmpty();
        assertThat(s.needsMoreRelays()).isTrue();
    }

    @Test
    void dialInfoThatNeedsASignalNeedsRelays() {
        for (DialInfoClass c : List.of(DialInfoClass.BLOCKED, DialInfoClass.ADDRESS_RESTRICTED_NAT,
                DialInfoClass.PORT_RESTRICTED_NAT)) {
            RelayStatus s = status(UDP_TCP, List.of(did("udp|1.2.3.4:5150", c), did("tcp|1.2.3.4:5150", c)), false);
            assertThat(s.needsMoreRelays()).as("%s", c).isTrue();
            assertThat(s.wantRelayProtocols()).as("%s", c).contains(new ProtocolAddressType(ProtocolType.UDP, AddressType.IPV4));
        }
        assertThat(status(UDP_TCP, List.of(), false).needsMoreRelays()).isTrue();
    }

    @Test
    void fullConeNatWantsAKeepaliveForItsLowLevelPort() {
        RelayStatus s = status(UDP_TCP, List.of(did("udp|1.2.3.4:5150", DialInfoClass.FULL_CONE_NAT),
                direct("tcp|1.2.3.4:5150")), false);
        assertThat(s.wantsNatKeepalives()).containsExactly(
                new LowLevelProtocolPort(LowLevelProtocolType.UDP, AddressType.IPV4, 5150));
        assertThat(s.canRelayProtocols()).as("full cone needs no signal")
                .contains(new ProtocolAddressType(ProtocolType.UDP, AddressType.IPV4));
        assertThat(s.needsMoreRelays()).isTrue();
        assertThat(s.wantsMoreRelays()).isTrue();
    }

    @Test
    void aRelayOnlyPingedForAKeepaliveIsStillDroppedWhenItCoversNothing() {
        RelayStatus s = status(UDP_TCP, List.of(did("udp|1.2.3.4:5150", DialInfoClass.FULL_CONE_NAT),
                direct("tcp|1.2.3.4:5150")), false);
        assertThat(s.applyRelay(candidate(3, direct("udp|3.3.3.3:5150")))).isFalse();
        assertThat(s.wantsNatKeepalives()).as("Veilid consumes the keepalive anyway").isEmpty();
        assertThat(s.relays()).isEmpty();
    }

    @Test
    void aUsefulRelayCarriesTheKeepalivePingForOurNatPort() {
        RelayStatus s = status(UDP_TCP, List.of(did("udp|1.2.3.4:5150", DialInfoClass.FULL_CONE_NAT),
                direct("tcp|1.2.3.4:5150")), false);
        assertThat(s.applyRelay(candidate(3, direct("tcp|3.3.3.3:5150"), direct("tcp|[2a01:4f8::3]:5150")))).isTrue();
        assertThat(s.wantsNatKeepalives()).as("a TCP relay does not keep our UDP port open").hasSize(1);
        assertThat(s.relays().get(0).pings()).containsExactly(DialInfo.parse("tcp|3.3.3.3:5150"));

        assertThat(s.applyRelay(candidate(4, direct("udp|4.4.4.4:5150"), direct("udp|[2a01:4f8::4]:5150")))).isTrue();
        assertThat(s.wantsNatKeepalives()).isEmpty();
        RoutingDomainRelay second = s.relays().get(1);
        assertThat(second.dialInfoDetails()).as("only the uncovered IPv6 UDP is used")
                .containsExactly(direct("udp|[2a01:4f8::4]:5150"));
        assertThat(second.pings()).as("IPv6 is not ours to reach; IPv4 UDP pings for ordering and keepalive")
                .containsExactly(DialInfo.parse("udp|4.4.4.4:5150"));
        assertThat(s.needsMoreRelays()).isFalse();
    }

    @Test
    void networkTranslationWantsRelaysEvenForDirectCombinations() {
        RelayStatus s = status(UDP_TCP, List.of(direct("udp|1.2.3.4:5150"), direct("tcp|1.2.3.4:5150")), true);
        assertThat(s.wantRelayProtocols()).contains(new ProtocolAddressType(ProtocolType.UDP, AddressType.IPV4),
                new ProtocolAddressType(ProtocolType.TCP, AddressType.IPV4));
        assertThat(s.canRelayProtocols()).contains(new ProtocolAddressType(ProtocolType.UDP, AddressType.IPV4));
        assertThat(s.needsMoreRelays()).as("orderings are still covered by our own dial info").isFalse();
        assertThat(s.wantsMoreRelays()).isTrue();
    }

    @Test
    void relaysWeCannotReachDirectlyAreRefused() {
        RelayStatus s = status(UDP_TCP, List.of(did("udp|1.2.3.4:5150", DialInfoClass.BLOCKED)), false);
        assertThat(s.applyRelay(candidate(3, did("udp|3.3.3.3:5150", DialInfoClass.PORT_RESTRICTED_NAT)))).isFalse();
        assertThat(s.applyRelay(candidate(4, direct("udp|[2a01:4f8::4]:5150")))).as("IPv6 only, we are IPv4").isFalse();
        assertThat(s.applyRelay(candidate(5, direct("ws|5.5.5.5:80/ws")))).as("we do not send WS").isFalse();
        assertThat(s.relays()).isEmpty();
        assertThat(s.wantRelayProtocols()).hasSize(8);
    }

    @Test
    void aRelayCoversWhatItCanAndPingsOncePerOrderingClass() {
        RelayStatus s = status(UDP_TCP, List.of(did("udp|1.2.3.4:5150", DialInfoClass.BLOCKED)), false);
        RoutingDomainRelay candidate = candidate(3, direct("udp|3.3.3.3:5150"), direct("tcp|3.3.3.3:5150"),
                direct("ws|3.3.3.3:80/ws"), did("tcp|3.3.3.3:6000", DialInfoClass.BLOCKED));
        assertThat(s.applyRelay(candidate)).isTrue();
        RoutingDomainRelay applied = s.relays().get(0);
        assertThat(applied.dialInfoDetails()).as("ordered first, signal-only dial info never")
                .containsExactly(direct("tcp|3.3.3.3:5150"), direct("ws|3.3.3.3:80/ws"), direct("udp|3.3.3.3:5150"));
        assertThat(applied.pings()).containsExactly(DialInfo.parse("tcp|3.3.3.3:5150"), DialInfo.parse("udp|3.3.3.3:5150"));
        assertThat(applied.nodeIds()).containsExactly(id(3));
        assertThat(s.needsMoreRelays()).isFalse();
        assertThat(s.wantRelayProtocols()).doesNotContain(new ProtocolAddressType(ProtocolType.UDP, AddressType.IPV4),
                new ProtocolAddressType(ProtocolType.TCP, AddressType.IPV4), new ProtocolAddressType(ProtocolType.WS, AddressType.IPV4));

        assertThat(s.applyRelay(candidate(4, direct("udp|4.4.4.4:5150")))).as("nothing left to cover").isFalse();
        assertThat(s.relays()).hasSize(1);
    }

    @Test
    void anOutboundRelayWeCanReachIsKeptEvenWhenItCoversNothing() {
        RelayStatus s = status(UDP_TCP, List.of(direct("udp|1.2.3.4:5150"), direct("tcp|1.2.3.4:5150")), false);
        RoutingDomainRelay outbound = RoutingDomainRelay.candidate(List.of(id(4)),
                Nodes.node(4).dial("udp|4.4.4.4:5150", DialInfoClass.DIRECT).peerInfo(), RelayKind.OUTBOUND);
        assertThat(s.applyRelay(outbound)).isTrue();
        RoutingDomainRelay kept = s.relays().get(0);
        assertThat(kept.relayKind()).isEqualTo(RelayKind.OUTBOUND);
        assertThat(kept.dialInfoDetails()).as("we publish none of its dial info").isEmpty();
        assertThat(kept.pings()).as("but keep it alive").containsExactly(DialInfo.parse("udp|4.4.4.4:5150"));

        RoutingDomainRelay unreachable = RoutingDomainRelay.candidate(List.of(id(5)),
                Nodes.node(5).dial("udp|5.5.5.5:5150", DialInfoClass.BLOCKED).peerInfo(), RelayKind.OUTBOUND);
        assertThat(s.applyRelay(unreachable)).as("one we cannot send to is of no use").isFalse();
        assertThat(s.relays()).hasSize(1);
    }

    @Test
    void relaysAreSortedLeastCapableFirstThenByNodeId() {
        RelayStatus s = RelayStatus.of(RoutingDomain.PUBLIC_INTERNET, EnumSet.allOf(ProtocolType.class),
                EnumSet.allOf(AddressType.class), List.of(), false);
        s.applyRelay(candidate(9, direct("udp|9.9.9.9:5150"), direct("udp|[2a01:4f8::9]:5150")));
        s.applyRelay(candidate(8, direct("tcp|8.8.8.8:5150"), direct("ws|8.8.8.8:80/ws")));
        s.applyRelay(candidate(7, direct("tcp|[2a01:4f8::7]:5150"), direct("wss|[2a01:4f8::7]:443/ws")));
        s.applyRelay(candidate(6, direct("wss|6.6.6.6:443/ws")));
        assertThat(s.applyRelay(candidate(5, direct("tcp|[2a01:4f8::5]:6000")))).isFalse();
        assertThat(s.relays()).extracting(r -> r.nodeIds().get(0)).containsExactly(id(9), id(8), id(7), id(6));
        assertThat(s.sortedRelays()).extracting(r -> r.nodeIds().get(0))
                .as("one address type first, IPv4-only before IPv6-only; then fewer protocols")
                .containsExactly(id(6), id(8), id(7), id(9));
    }

    @Test
    void protocolSetsCompareByMembershipInVeilidsOrderAndTiesByNodeIds() {
        RelayStatus s = status(EnumSet.allOf(ProtocolType.class), List.of(), false);
        s.applyRelay(candidate(9, direct("udp|9.9.9.9:5150")));
        s.applyRelay(candidate(2, direct("tcp|2.2.2.2:5150")));
        s.applyRelay(candidate(5, direct("ws|5.5.5.5:80/ws")));
        s.applyRelay(candidate(3, direct("wss|3.3.3.3:443/ws")));
        assertThat(s.sortedRelays()).extracting(r -> r.nodeIds().get(0)).containsExactly(id(3), id(5), id(2), id(9));

        RelayStatus tie = RelayStatus.of(RoutingDomain.PUBLIC_INTERNET, UDP_TCP, EnumSet.allOf(AddressType.class),
                List.of(), false);
        tie.applyRelay(candidate(9, direct("udp|9.9.9.9:5150"), direct("tcp|[2a01:4f8::9]:5150")));
        tie.applyRelay(candidate(2, direct("udp|[2a01:4f8::2]:5150"), direct("tcp|2.2.2.2:5150")));
        assertThat(tie.relays()).hasSize(2);
        assertThat(tie.sortedRelays()).extracting(r -> r.nodeIds().get(0)).containsExactly(id(2), id(9));
    }
}
