package io.veilflux.routing;

import static io.veilflux.routing.Nodes.did;
import static io.veilflux.routing.Nodes.direct;
import static io.veilflux.routing.Nodes.id;
import static io.veilflux.routing.Nodes.inboundRelay;
import static io.veilflux.routing.Nodes.node;
import static io.veilflux.routing.Nodes.relay;
import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.Sequencing;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Veilid's queries on node infos and relay infos. */
class NodeInfoTest {

    @Test
    void equivalenceIgnoresTimestampsOfTheNodeAndItsRelays() {
        NodeInfo a = node(1).timestamp(1).dial("udp|1.2.3.4:5150").relay(inboundRelay(2, direct("tcp|5.6.7.8:5150")))
                .nodeInfo();
        RelayInfo laterRelay = new RelayInfo(99, List.of(id(2)), EnumSet.allOf(ProtocolType.class),
                EnumSet.allOf(AddressType.class), List.of(direct("tcp|5.6.7.8:5150")), RelayKind.INBOUND);
        NodeInfo b = node(1).timestamp(2).dial("udp|1.2.3.4:5150").relay(laterRelay).nodeInfo();
        assertThat(a).isNotEqualTo(b);
        assertThat(a.equivalent(b)).isTrue();
        assertThat(b.equivalent(a)).isTrue();
    }

    @Test
    void equivalenceNoticesEveryOtherField() {
        NodeInfo base = node(1).capabilities(Capability.RLAY).dial("udp|1.2.3.4:5150")
                .relay(inboundRelay(2, direct("tcp|5.6.7.8:5150"))).nodeInfo();
        List<NodeInfo> different = List.of(
                node(9).capabilities(Capability.RLAY).dial("udp|1.2.3.4:5150").relay(inboundRelay(2, direct("tcp|5.6.7.8:5150"))).nodeInfo(),
                node(1).capabilities(Capability.APPM).dial("udp|1.2.3.4:5150").relay(inboundRelay(2, direct("tcp|5.6.7.8:5150"))).nodeInfo(),
                node(1).capabilities(Capability.RLAY).outbound(ProtocolType.UDP).dial("udp|1.2.3.4:5150")
                        .relay(inboundRelay(2, direct("tcp|5.6.7.8:5150"))).nodeInfo(),
                node(1).capabilities(Capability.RLAY).addressTypes(AddressType.IPV4).dial("udp|1.2.3.4:5150")
                        .relay(inboundRelay(2, direct("tcp|5.6.7.8:5150"))).nodeInfo(),
                node(1).capabilities(Capability.RLAY).dial("udp|1.2.3.4:5151").relay(inboundRelay(2, direct("tcp|5.6.7.8:5150"))).nodeInfo(),
                node(1).capabilities(Capability.RLAY).dial("udp|1.2.3.4:5150").relay(inboundRelay(3, direct("tcp|5.6.7.8:5150"))).nodeInfo(),
                node(1).capabilities(Capability.RLAY).dial("udp|1.2.3.4:5150").relay(inboundRelay(2, direct("tcp|5.6.7.9:5150"))).nodeInfo(),
                node(1).capabilities(Capability.RLAY).dial("udp|1.2.3.4:5150").nodeInfo(),
                node(1).capabilities(Capability.RLAY).dial("udp|1.2.3.4:5150")
                        .relay(relay(RelayKind.OUTBOUND, List.of(id(2)), direct("tcp|5.6.7.8:5150"))).nodeInfo());
        for (NodeInfo other : different) {
            assertThat(base.equivalent(other)).as("%s", other).isFalse();
        }
        NodeInfo otherEnvelopes = new NodeInfo(base.timestamp(), List.of(FourCc.of("ENV1")), base.cryptoInfoList(),
                base.capabilities(), base.outboundProtocols(), base.addressTypes(), base.dialInfoDetailList(),
                base.relayInfoList());
        assertThat(base.equivalent(otherEnvelopes)).isFalse();
    }

    @Test
    void capabilityQueriesTreatAnEmptyRequestAsSatisfied() {
        NodeInfo n = node(1).capabilities(Capability.RLAY, Capability.SGNL).nodeInfo();
        assertThat(n.hasCapability(Capability.RLAY)).isTrue();
        assertThat(n.hasAllCapabilities(List.of())).isTrue();
        assertThat(n.hasAnyCapabilities(List.of())).isTrue();
        assertThat(n.hasAllCapabilities(List.of(Capability.RLAY, Capability.SGNL))).isTrue();
        assertThat(n.hasAllCapabilities(Capability.CONNECTIVITY)).isFalse();
        assertThat(n.hasAnyCapabilities(Capability.CONNECTIVITY)).isTrue();
        assertThat(n.hasAnyCapabilities(Capability.DISTANCE_METRIC)).isFalse();
        assertThat(node(1).nodeInfo().hasAnyCapabilities(List.of())).isTrue();
    }

    @Test
    void relayIdsDialInfoAndDirectness() {
        NodeInfo relayed = node(1).dial("udp|1.2.3.4:5150", DialInfoClass.PORT_RESTRICTED_NAT)
                .relay(relay(RelayKind.INBOUND, List.of(id(2), id(3)), direct("tcp|5.6.7.8:5150")))
                .relay(inboundRelay(4)).nodeInfo();
        assertThat(relayed.relayIds()).containsExactly(id(2), id(3), id(4));
        assertThat(relayed.hasDialInfo()).isTrue();
        assertThat(relayed.isFullyDirectInbound()).isFalse();

        NodeInfo onlyRelayed = node(1).relay(inboundRelay(2, direct("tcp|5.6.7.8:5150"))).nodeInfo();
        assertThat(onlyRelayed.hasDialInfo()).isFalse();
        assertThat(onlyRelayed.hasAnyDialInfo()).isTrue();
        assertThat(node(1).relay(inboundRelay(2)).nodeInfo().hasAnyDialInfo()).isFalse();

        assertThat(node(1).dial("udp|1.2.3.4:5150").dial("tcp|1.2.3.4:5150", DialInfoClass.FULL_CONE_NAT)
                .dial("tcp|1.2.3.4:5151", DialInfoClass.MAPPED).nodeInfo().isFullyDirectInbound()).isTrue();
        assertThat(node(1).nodeInfo().isFullyDirectInbound()).isTrue();
    }

    @Test
    void sequencingMatchesOwnOrRelayDialInfo() {
        NodeInfo udpOnly = node(1).dial("udp|1.2.3.4:5150").nodeInfo();
        assertThat(udpOnly.hasSequencingMatchedDialInfo(Sequencing.NO_PREFERENCE)).isTrue();
        assertThat(udpOnly.hasSequencingMatchedDialInfo(Sequencing.PREFER_ORDERED)).isTrue();
        assertThat(udpOnly.hasSequencingMatchedDialInfo(Sequencing.ENSURE_ORDERED)).isFalse();
        NodeInfo tcpRelay = node(1).dial("udp|1.2.3.4:5150").relay(inboundRelay(2, direct("ws|5.6.7.8:80/ws"))).nodeInfo();
        assertThat(tcpRelay.hasSequencingMatchedDialInfo(Sequencing.ENSURE_ORDERED)).isTrue();
        assertThat(node(1).nodeInfo().hasSequencingMatchedDialInfo(Sequencing.NO_PREFERENCE)).isFalse();
    }

    @Test
    void keysAndIdsComeFromTheCryptoInfo() {
        NodeInfo n = node(7).nodeInfo();
        assertThat(n.publicKeys()).containsExactly(Nodes.key(7));
        assertThat(n.nodeIds()).containsExactly(id(7));
    }

    @Test
    void ipBlocksAreOneIpv4AddressOrOneIpv6Prefix() {
        NodeInfo a = node(1).dial("udp|1.2.3.4:5150").dial("udp|[2a01:4f8:10:2000::1]:5150").nodeInfo();
        assertThat(a.isOnSameIpBlock(node(2).dial("tcp|1.2.3.4:6000").nodeInfo(), 56)).isTrue();
        assertThat(a.isOnSameIpBlock(node(2).dial("tcp|1.2.3.5:5150").nodeInfo(), 56)).isFalse();
        NodeInfo samePrefix = node(2).dial("tcp|[2a01:4f8:10:20ff::9]:5150").nodeInfo();
        NodeInfo otherPrefix = node(2).dial("tcp|[2a01:4f8:10:2100::1]:5150").nodeInfo();
        assertThat(a.isOnSameIpBlock(samePrefix, 56)).isTrue();
        assertThat(a.isOnSameIpBlock(otherPrefix, 56)).isFalse();
        assertThat(a.isOnSameIpBlock(samePrefix, 64)).isFalse();
        assertThat(a.isOnSameIpBlock(node(2).nodeInfo(), 56)).isFalse();
        RelayInfo relayOnOurIp = inboundRelay(3, did("tcp|1.2.3.4:7000", DialInfoClass.DIRECT));
        assertThat(relayOnOurIp.isOnSameIpBlock(a, 56)).isTrue();
    }
}
