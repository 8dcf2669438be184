package io.veilflux.routing;

import static io.veilflux.routing.Nodes.direct;
import static io.veilflux.routing.Nodes.id;
import static io.veilflux.routing.Nodes.inboundRelay;
import static io.veilflux.routing.Nodes.node;
import static io.veilflux.routing.Nodes.relay;
import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.Sequencing;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Veilid's contact-method algorithm, every variant and branch (spec routing-rpc §3.5). Node A
 * (seed 1) is us, node B (seed 2) the target; relays R (seed 3) and R2 (seed 4).
 *
 * <p>The hairpin IP comparisons inside Veilid's direct method can only fail when A and B share an
 * IP, and then they share an IP block too, so the same-IP-block path (relays first, no reverse
 * connect) has already answered; the tests show hairpin avoidance through that path.
 */
class ContactMethodsTest {
    private static final DialInfoFilter ALL = DialInfoFilter.all();
    private static final Optional<Comparator<DialInfoDetail>> NO_SORT = Optional.empty();
    private static final RelayInfo R_TCP = inboundRelay(3, direct("tcp|3.3.3.3:5150"));

    private static DialInfo di(String text) {
        return DialInfo.parse(text);
    }

    private static ContactMethod pub(Nodes.Builder a, Nodes.Builder b) {
        return pub(a, b, Sequencing.NO_PREFERENCE);
    }

    private static ContactMethod pub(Nodes.Builder a, Nodes.Builder b, Sequencing sequencing) {
        return ContactMethods.publicInternet(a.peerInfo(), b.peerInfo(), ALL, sequencing, NO_SORT, 56);
    }

    private static Optional<DialInfo> best(Nodes.Builder from, Nodes.Builder to, DialInfoFilter filter, Sequencing s,
            Optional<Comparator<DialInfoDetail>> sort) {
        return ContactMethods.bestDialInfoDetailBetweenNodes(from.nodeInfo(), to.nodeInfo(), filter, s, sort)
                .map(DialInfoDetail::dialInfo);
    }

    @Nested
    class BestDialInfoBetweenNodes {
        private final Nodes.Builder a = node(1);

        @Test
        void aDeadFilterFindsNothing() {
            DialInfoFilter dead = new DialInfoFilter(Set.of(), EnumSet.allOf(AddressType.class));
            assertThat(best(a, node(2).dial("udp|2.2.2.2:5150"), dead, Sequencing.NO_PREFERENCE, NO_SORT)).isEmpty();
        }

        @Test
        void noPreferenceKeepsTheNodesOrder() {
            assertThat(best(a, node(2).dial("udp|2.2.2.2:5150").dial("tcp|2.2.2.2:5150"), ALL, Sequencing.NO_PREFERENCE, NO_SORT))
                    .contains(di("udp|2.2.2.2:5150"));
            assertThat(best(a, node(2).dial("tcp|2.2.2.2:5150").dial("udp|2.2.2.2:5150"), ALL, Sequencing.NO_PREFERENCE, NO_SORT))
                    .contains(di("tcp|2.2.2.2:5150"));
        }

        @Test
        void orderedSequencingPrefersTcpThenWebSocketsAndOnlyTheBestOrderingClass() {
            Nodes.Builder b = node(2).dial("udp|2.2.2.2:5150").dial("ws|2.2.2.2:80/ws").dial("tcp|2.2.2.2:5150");
            assertThat(best(a, b, ALL, Sequencing.PREFER_ORDERED, NO_SORT)).contains(di("tcp|2.2.2.2:5150"));
            assertThat(best(a, b, ALL, Sequencing.ENSURE_ORDERED, NO_SORT)).contains(di("tcp|2.2.2.2:5150"));
            Nodes.Builder udpOnly = node(2).dial("udp|2.2.2.2:5150");
            assertThat(best(a, udpOnly, ALL, Sequencing.PREFER_ORDERED, NO_SORT)).contains(di("udp|2.2.2.2:5150"));
            assertThat(best(a, udpOnly, ALL, Sequencing.ENSURE_ORDERED, NO_SORT)).isEmpty();
        }

        @Test
        void theBestOrderingClassIsChosenBeforeTheCallersFilter() {
            Nodes.Builder b = node(2).dial("udp|2.2.2.2:5150").dial("tcp|2.2.2.2:5150");
            DialInfoFilter udp = ALL.filtered(new DialInfoFilter(Set.of(ProtocolType.UDP), EnumSet.allOf(AddressType.class)));
            assertThat(best(a, b, udp, Sequencing.PREFER_ORDERED, NO_SORT)).isEmpty();
            assertThat(best(a, b, udp, Sequencing.NO_PREFERENCE, NO_SORT)).contains(di("udp|2.2.2.2:5150"));
        }

        @Test
        void theSendersOutboundProtocolsAndAddressTypesLimitTheChoice() {
            Nodes.Builder b = node(2).dial("udp|2.2.2.2:5150").dial("tcp|2.2.2.2:5150");
            assertThat(best(node(1).outbound(ProtocolType.TCP), b, ALL, Sequencing.NO_PREFERENCE, NO_SORT))
                    .contains(di("tcp|2.2.2.2:5150"));
            assertThat(best(node(1).addressTypes(AddressType.IPV6), b, ALL, Sequencing.NO_PREFERENCE, NO_SORT)).isEmpty();
        }

        @Test
        void theContextSortReordersTheRemainingCandidates() {
            Nodes.Builder b = node(2).dial("udp|2.2.2.2:5150").dial("udp|2.2.2.2:5151");
            Comparator<DialInfoDetail> recentlyFailedLast = Comparator.comparingInt(
                    d -> d.dialInfo().socketAddress().port() == 5150 ? 1 : 0);
            assertThat(best(a, b, ALL, Sequencing.NO_PREFERENCE, Optional.of(recentlyFailedLast)))
                    .contains(di("udp|2.2.2.2:5151"));
        }
    }

    @Nested
    class LocalNetwork {
        private ContactMethod local(Nodes.Builder a, Nodes.Builder b) {
            return ContactMethods.localNetwork(a.peerInfo(), b.peerInfo(), ALL, Sequencing.NO_PREFERENCE, NO_SORT);
        }

        @Test
        void directDialInfoIsDialledDirectly() {
            assertThat(local(node(1).dial("udp|192.168.1.1:5150"), node(2).dial("udp|192.168.1.2:5150")))
                    .isEqualTo(new ContactMethod.Direct(di("udp|192.168.1.2:5150")));
        }

        @Test
        void anythingButDirectIsUnreachable() {
            assertThat(local(node(1), node(2).dial("udp|192.168.1.2:5150", DialInfoClass.MAPPED)))
                    .isEqualTo(new ContactMethod.Unreachable());
            assertThat(local(node(1), node(2).dial("udp|192.168.1.2:5150", DialInfoClass.BLOCKED)
                    .relay(inboundRelay(3, direct("udp|192.168.1.3:5150"))))).isEqualTo(new ContactMethod.Unreachable());
            assertThat(local(node(1), node(2))).isEqualTo(new ContactMethod.Unreachable());
        }

        @Test
        void noCommonCryptoKindIsUnreachable() {
            assertThat(local(node(1), node(Nodes.key(CryptoKind.VLD1, 2)).dial("udp|192.168.1.2:5150")))
                    .isEqualTo(new ContactMethod.Unreachable());
        }
    }

    @Nested
    class PublicInternet {
        @Test
        void noCommonCryptoKindIsUnreachable() {
            assertThat(pub(node(1), node(Nodes.key(CryptoKind.VLD1, 2)).dial("udp|2.2.2.2:5150")))
                    .isEqualTo(new ContactMethod.Unreachable());
        }

        @Test
        void dialInfoNeedingNoSignalIsDialledDirectly() {
            for (DialInfoClass c : List.of(DialInfoClass.DIRECT, DialInfoClass.MAPPED, DialInfoClass.FULL_CONE_NAT)) {
                assertThat(pub(node(1), node(2).dial("udp|2.2.2.2:5150", c).relay(R_TCP)))
                        .as("%s", c).isEqualTo(new ContactMethod.Direct(di("udp|2.2.2.2:5150")));
            }
        }

        @Test
        void whenWeAreTheTargetsRelayTheFlowAlreadyExists() {
            assertThat(pub(node(1).dial("udp|1.1.1.1:5150"),
                    node(2).dial("udp|2.2.2.2:5150", DialInfoClass.BLOCKED).relay(inboundRelay(1, direct("udp|1.1.1.1:5150")))))
                    .isEqualTo(new ContactMethod.Existing());
        }

        @Test
        void aRelayWithoutAnIdOfTheBestKindMakesTheTargetUnreachable() {
            RelayInfo otherKind = relay(RelayKind.INBOUND, List.of(NodeId.fromPublicKey(Nodes.key(CryptoKind.VLD1, 3))),
                    direct("tcp|3.3.3.3:5150"));
            assertThat(pub(node(1).dial("udp|1.1.1.1:5150"),
                    node(2).dial("udp|2.2.2.2:5150", DialInfoClass.BLOCKED).relay(otherKind).relay(R_TCP)))
                    .isEqualTo(new ContactMethod.Unreachable());
        }

        @Test
        void aTargetThatNeedsASignalIsAskedToConnectBackWhenWeAreDirectlyReachable() {
            assertThat(pub(node(1).dial("udp|1.1.1.1:5150"),
                    node(2).dial("udp|2.2.2.2:5150", DialInfoClass.PORT_RESTRICTED_NAT).relay(R_TCP)))
                    .isEqualTo(new ContactMethod.SignalReverse(di("tcp|3.3.3.3:5150")));
        }

        @Test
        void onlyOurBestDialInfoCountsForAReverseConnection() {
            Nodes.Builder a = node(1).dial("tcp|1.1.1.1:5150", DialInfoClass.ADDRESS_RESTRICTED_NAT).dial("udp|1.1.1.1:5150");
            assertThat(pub(a, node(2).dial("tcp|2.2.2.2:5150", DialInfoClass.BLOCKED).relay(R_TCP)))
                    .isEqualTo(new ContactMethod.InboundRelay(di("tcp|3.3.3.3:5150")));
        }

        @Test
        void whenNeitherCanBeReachedDirectlyBothUdpDialInfosArePunched() {
            Nodes.Builder a = node(1).dial("udp|1.1.1.1:5150", DialInfoClass.PORT_RESTRICTED_NAT);
            Nodes.Builder b = node(2).dial("udp|2.2.2.2:5150", DialInfoClass.ADDRESS_RESTRICTED_NAT).relay(R_TCP);
            assertThat(pub(a, b)).isEqualTo(new ContactMethod.SignalHolePunch(di("tcp|3.3.3.3:5150"),
                    di("udp|2.2.2.2:5150"), di("udp|1.1.1.1:5150")));
        }

        @Test
        void holePunchingTakesTheBestUdpDialInfoOfEachSide() {
            Nodes.Builder a = node(1).dial("udp|1.1.1.1:5150", DialInfoClass.BLOCKED)
                    .dial("udp|[2a01:4f8::1]:5150", DialInfoClass.BLOCKED).dial("tcp|1.1.1.1:5150", DialInfoClass.BLOCKED);
            Nodes.Builder b = node(2).dial("tcp|2.2.2.2:5150", DialInfoClass.BLOCKED)
                    .dial("udp|2.2.2.2:5150", DialInfoClass.BLOCKED).relay(R_TCP);
            assertThat(pub(a, b)).isEqualTo(new ContactMethod.SignalHolePunch(di("tcp|3.3.3.3:5150"),
                    di("udp|2.2.2.2:5150"), di("udp|1.1.1.1:5150")));
        }

        @Test
        void withoutUdpOnBothSidesTheInboundRelayIsUsed() {
            Nodes.Builder b = node(2).dial("udp|2.2.2.2:5150", DialInfoClass.BLOCKED).relay(R_TCP);
            assertThat(pub(node(1).dial("tcp|1.1.1.1:5150", DialInfoClass.BLOCKED), b))
                    .isEqualTo(new ContactMethod.InboundRelay(di("tcp|3.3.3.3:5150")));
            Nodes.Builder tcpOnlyTarget = node(2).dial("tcp|2.2.2.2:5150", DialInfoClass.BLOCKED).relay(R_TCP);
            assertThat(pub(node(1).dial("udp|1.1.1.1:5150", DialInfoClass.BLOCKED), tcpOnlyTarget))
                    .isEqualTo(new ContactMethod.InboundRelay(di("tcp|3.3.3.3:5150")));
        }

        @Test
        void withoutAnyDialInfoOfOursNoSignalCanHelp() {
            assertThat(pub(node(1), node(2).dial("udp|2.2.2.2:5150", DialInfoClass.BLOCKED).relay(R_TCP)))
                    .isEqualTo(new ContactMethod.InboundRelay(di("tcp|3.3.3.3:5150")));
        }

        @Test
        void aRelayWeCannotReachIsSkippedForTheNext() {
            RelayInfo ipv6Relay = inboundRelay(4, direct("tcp|[2a01:4f8::4]:5150"));
            Nodes.Builder a = node(1).addressTypes(AddressType.IPV4).dial("udp|1.1.1.1:5150");
            assertThat(pub(a, node(2).dial("udp|2.2.2.2:5150", DialInfoClass.BLOCKED).relay(ipv6Relay).relay(R_TCP)))
                    .isEqualTo(new ContactMethod.SignalReverse(di("tcp|3.3.3.3:5150")));
            assertThat(pub(a, node(2).dial("udp|2.2.2.2:5150", DialInfoClass.BLOCKED).relay(ipv6Relay)))
                    .isEqualTo(new ContactMethod.Unreachable());
        }

        @Test
        void aTargetThatNeedsASignalAndHasNoRelayIsUnreachable() {
            assertThat(pub(node(1).dial("udp|1.1.1.1:5150"), node(2).dial("udp|2.2.2.2:5150", DialInfoClass.BLOCKED)))
                    .isEqualTo(new ContactMethod.Unreachable());
        }

        @Test
        void aTargetOnlyBehindRelaysIsReachedThroughThem() {
            Nodes.Builder b = node(2).relay(R_TCP);
            assertThat(pub(node(1).dial("udp|1.1.1.1:5150"), b))
                    .isEqualTo(new ContactMethod.SignalReverse(di("tcp|3.3.3.3:5150")));
            assertThat(pub(node(1).dial("udp|1.1.1.1:5150", DialInfoClass.BLOCKED), b))
                    .isEqualTo(new ContactMethod.InboundRelay(di("tcp|3.3.3.3:5150")));
            assertThat(pub(node(1), b)).isEqualTo(new ContactMethod.InboundRelay(di("tcp|3.3.3.3:5150")));
            assertThat(pub(node(1), node(2).relay(inboundRelay(1, direct("udp|1.1.1.1:5150")))))
                    .isEqualTo(new ContactMethod.Existing());
            RelayInfo otherKind = relay(RelayKind.INBOUND, List.of(NodeId.fromPublicKey(Nodes.key(CryptoKind.VLD1, 3))),
                    direct("tcp|3.3.3.3:5150"));
            assertThat(pub(node(1), node(2).relay(otherKind).relay(R_TCP))).isEqualTo(new ContactMethod.Unreachable());
        }

        @Test
        void sequencingAppliesToTheRelayAndTheReverseDialInfo() {
            Nodes.Builder b = node(2).dial("udp|2.2.2.2:5150").relay(R_TCP);
            assertThat(pub(node(1).dial("udp|1.1.1.1:5150"), b, Sequencing.ENSURE_ORDERED))
                    .isEqualTo(new ContactMethod.InboundRelay(di("tcp|3.3.3.3:5150")));
            assertThat(pub(node(1).dial("tcp|1.1.1.1:5150"), b, Sequencing.ENSURE_ORDERED))
                    .isEqualTo(new ContactMethod.SignalReverse(di("tcp|3.3.3.3:5150")));
        }
    }

    @Nested
    class SameIpBlock {
        @Test
        void onOneIpv4AddressTheRelayIsTriedBeforeAnyDirectDialInfo() {
            Nodes.Builder a = node(1).dial("udp|1.1.1.1:5150");
            assertThat(pub(a, node(2).dial("udp|1.1.1.1:5151").relay(R_TCP)))
                    .isEqualTo(new ContactMethod.InboundRelay(di("tcp|3.3.3.3:5150")));
            assertThat(pub(a, node(2).dial("udp|1.1.1.1:5151", DialInfoClass.BLOCKED).relay(R_TCP)))
                    .as("no reverse connection across one public IP")
                    .isEqualTo(new ContactMethod.InboundRelay(di("tcp|3.3.3.3:5150")));
            assertThat(pub(a, node(2).dial("udp|1.1.1.1:5151")))
                    .as("without relays the direct dial info is still used")
                    .isEqualTo(new ContactMethod.Direct(di("udp|1.1.1.1:5151")));
        }

        @Test
        void oneIpv6PrefixOf56BitsIsOneBlock() {
            Nodes.Builder a = node(1).dial("udp|[2a01:4f8:10:2000::1]:5150");
            assertThat(pub(a, node(2).dial("udp|[2a01:4f8:10:20aa::2]:5150", DialInfoClass.BLOCKED).relay(R_TCP)))
                    .isEqualTo(new ContactMethod.InboundRelay(di("tcp|3.3.3.3:5150")));
            assertThat(pub(a, node(2).dial("udp|[2a01:4f8:10:2100::2]:5150", DialInfoClass.BLOCKED).relay(R_TCP)))
                    .isEqualTo(new ContactMethod.SignalReverse(di("tcp|3.3.3.3:5150")));
        }

        @Test
        void relaysAreTriedOnlyOnceAndTheirAnswersKept() {
            Nodes.Builder a = node(1).dial("udp|1.1.1.1:5150");
            assertThat(pub(a, node(2).dial("udp|1.1.1.1:5151").relay(inboundRelay(1, direct("udp|1.1.1.1:5150")))))
                    .isEqualTo(new ContactMethod.Existing());
            RelayInfo unreachable = inboundRelay(3, direct("tcp|[2a01:4f8::3]:5150"));
            Nodes.Builder ipv4Only = node(1).addressTypes(AddressType.IPV4).dial("udp|1.1.1.1:5150");
            assertThat(pub(ipv4Only, node(2).dial("udp|1.1.1.1:5151").relay(unreachable)))
                    .isEqualTo(new ContactMethod.Direct(di("udp|1.1.1.1:5151")));
        }
    }

    @Nested
    class OutboundRelay {
        private final RelayInfo outbound5 = relay(RelayKind.OUTBOUND, List.of(id(5)), direct("tcp|5.5.5.5:5150"));

        @Test
        void whenNothingElseWorksOurOutboundRelaySends() {
            assertThat(pub(node(1).relay(outbound5), node(2)))
                    .isEqualTo(new ContactMethod.OutboundRelay(id(5)));
            assertThat(pub(node(1).relay(outbound5), node(2).dial("udp|2.2.2.2:5150", DialInfoClass.BLOCKED)))
                    .isEqualTo(new ContactMethod.OutboundRelay(id(5)));
        }

        @Test
        void aDirectRouteWinsOverTheOutboundRelay() {
            assertThat(pub(node(1).relay(outbound5), node(2).dial("udp|2.2.2.2:5150")))
                    .isEqualTo(new ContactMethod.Direct(di("udp|2.2.2.2:5150")));
        }

        @Test
        void onlyOutboundRelaysThatAreNotTheTargetCount() {
            RelayInfo outboundToTarget = relay(RelayKind.OUTBOUND, List.of(id(2)), direct("tcp|2.2.2.2:5150"));
            assertThat(pub(node(1).relay(outboundToTarget), node(2))).isEqualTo(new ContactMethod.Unreachable());
            assertThat(pub(node(1).relay(outboundToTarget).relay(outbound5), node(2)))
                    .isEqualTo(new ContactMethod.OutboundRelay(id(5)));
            assertThat(pub(node(1).relay(inboundRelay(5, direct("tcp|5.5.5.5:5150"))), node(2)))
                    .isEqualTo(new ContactMethod.Unreachable());
            RelayInfo otherKind = relay(RelayKind.OUTBOUND, List.of(NodeId.fromPublicKey(Nodes.key(CryptoKind.VLD1, 5))),
                    direct("tcp|5.5.5.5:5150"));
            assertThat(pub(node(1).relay(otherKind), node(2))).isEqualTo(new ContactMethod.Unreachable());
        }
    }
}
