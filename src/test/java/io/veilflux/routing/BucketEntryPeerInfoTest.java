package io.veilflux.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.filter.PunishmentReason;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.Flow;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SequenceOrdering;
import io.veilflux.net.SocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an entry keeps besides its state: peer info update rules, envelope versions, flows, sender info. */
class BucketEntryPeerInfoTest {
    private static final long S = 1_000_000L;
    private static final long T0 = 1_000 * S;
    private static final RoutingDomain PI = RoutingDomain.PUBLIC_INTERNET;

    private final Crypto crypto = RoutingTableFixture.CRYPTO;
    private final KeyPair key = crypto.best().generateKeyPair();
    private final BucketEntry entry = new BucketEntry(CryptoKindOrder.DEFAULT, key.nodeId(), T0);

    private PeerInfo signed(long ts, String dialInfo) {
        return TestPeers.signed(crypto, key, ts, List.of(Capability.RLAY), dialInfo);
    }

    @Test
    void anOlderSignedPeerInfoIsIgnoredANewerOneTaken() {
        PeerInfo first = signed(100, "udp|1.2.3.4:5150");
        assertThat(entry.updatePeerInfo(PI, first, T0)).as("nothing to change").isFalse();
        assertThat(entry.peerInfo(PI)).contains(first);
        assertThat(entry.peerInfo(RoutingDomain.LOCAL_NETWORK)).isEmpty();

        assertThat(entry.updatePeerInfo(PI, signed(99, "udp|5.6.7.8:5150"), T0)).isFalse();
        assertThat(entry.peerInfo(PI)).contains(first);

        PeerInfo sameButNewer = signed(101, "udp|1.2.3.4:5150");
        assertThat(entry.updatePeerInfo(PI, sameButNewer, T0)).as("equivalent: only the timestamp moved").isFalse();
        assertThat(entry.peerInfo(PI)).contains(sameButNewer);

        PeerInfo moved = signed(102, "udp|5.6.7.8:5150");
        assertThat(entry.updatePeerInfo(PI, moved, T0)).isTrue();
        assertThat(entry.peerInfo(PI)).contains(moved);
    }

    @Test
    void anEquallyOldPeerInfoRevivesADeadEntryOnceAfterANetworkChange() {
        PeerInfo info = signed(100, "udp|1.2.3.4:5150");
        entry.updatePeerInfo(PI, info, T0);
        kill();
        assertThat(entry.updatePeerInfo(PI, info, T0)).isFalse();
        assertThat(entry.state(T0)).as("already updated since the last network change").isEqualTo(BucketEntryState.DEAD);

        entry.resetUpdatedSinceLastNetworkChange();
        assertThat(entry.updatePeerInfo(PI, info, T0)).isFalse();
        assertThat(entry.state(T0)).isEqualTo(BucketEntryState.UNRELIABLE);
        assertThat(entry.updatedSinceLastNetworkChange()).isTrue();
    }

    @Test
    void takingAPeerInfoRevivesADeadEntry() {
        kill();
        entry.updatePeerInfo(PI, signed(100, "udp|1.2.3.4:5150"), T0);
        assertThat(entry.state(T0)).isEqualTo(BucketEntryState.UNRELIABLE);
    }

    @Test
    void anUnsignedPeerInfoIsAlwaysOverwritten() {
        PeerInfo bootstrap = TestPeers.unsigned(key.nodeId(), 500, List.of(), "udp|1.2.3.4:5150");
        entry.updatePeerInfo(PI, bootstrap, T0);
        PeerInfo older = signed(100, "udp|1.2.3.4:5150");
        assertThat(entry.updatePeerInfo(PI, older, T0)).as("no previous signed node info").isFalse();
        assertThat(entry.peerInfo(PI)).contains(older);
    }

    @Test
    void aChangedNodeInfoKeepsOnlyTheNewestFlow() {
        entry.updatePeerInfo(PI, signed(100, "udp|1.2.3.4:5150"), T0);
        Flow udp = TestPeers.flow(ProtocolType.UDP, "1.2.3.4:5150");
        Flow tcp = TestPeers.flow(ProtocolType.TCP, "1.2.3.4:5150");
        Flow ws = TestPeers.flow(ProtocolType.WS, "1.2.3.4:5151");
        entry.setLastFlow(udp, T0 + 3 * S);
        entry.setLastFlow(tcp, T0 + 5 * S);
        entry.setLastFlow(ws, T0 + 4 * S);
        entry.updatePeerInfo(PI, signed(101, "udp|1.2.3.4:5150"), T0);
        assertThat(entry.lastFlows(DialInfoFilter.all())).hasSize(3);
        entry.updatePeerInfo(PI, signed(102, "udp|9.9.9.9:5150"), T0);
        assertThat(entry.lastFlows(DialInfoFilter.all())).extracting(BucketEntry.TimestampedFlow::flow).containsExactly(tcp);
    }

    @Test
    void envelopeVersionsComeFromThePeerInfoOrFromReceivedEnvelopes() {
        assertThat(entry.bestEnvelopeVersion()).isEmpty();
        entry.addEnvelopeVersion(FourCc.ENV0);
        entry.addEnvelopeVersion(FourCc.ENV0);
        assertThat(entry.envelopeSupport()).containsExactly(FourCc.ENV0);
        assertThat(entry.bestEnvelopeVersion()).contains(FourCc.ENV0);
        assertThatThrownBy(() -> entry.addEnvelopeVersion(FourCc.of("ENV9"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ENV9");

        NodeInfo ni = TestPeers.nodeInfo(100, List.of(key.key()), List.of(), List.of(TestPeers.direct("udp|1.2.3.4:5150")),
                List.of());
        NodeInfo futureFirst = new NodeInfo(ni.timestamp(), List.of(FourCc.of("ENV9"), FourCc.ENV0, FourCc.of("ENV9")),
                ni.cryptoInfoList(), ni.capabilities(), ni.outboundProtocols(), ni.addressTypes(),
                ni.dialInfoDetailList(), ni.relayInfoList());
        entry.updatePeerInfo(PI, TestPeers.signed(crypto, key, futureFirst), T0);
        assertThat(entry.envelopeSupport()).as("sorted, without duplicates").containsExactly(FourCc.ENV0, FourCc.of("ENV9"));
        assertThat(entry.bestEnvelopeVersion()).contains(FourCc.ENV0);
    }

    @Test
    void oneLastFlowPerProtocolAndAddressType() {
        Flow a = TestPeers.flow(ProtocolType.UDP, "1.2.3.4:5150");
        Flow b = TestPeers.flow(ProtocolType.UDP, "1.2.3.4:6000");
        Flow v6 = TestPeers.flow(ProtocolType.UDP, "[2001:4860::1]:5150");
        Flow tcp = TestPeers.flow(ProtocolType.TCP, "1.2.3.4:5150");
        entry.setLastFlow(a, T0);
        entry.setLastFlow(b, T0 + S);
        entry.setLastFlow(v6, T0);
        entry.setLastFlow(tcp, T0);
        assertThat(entry.lastFlows(DialInfoFilter.all())).extracting(BucketEntry.TimestampedFlow::flow)
                .as("Veilid's key order: protocol, then IPv6 before IPv4").containsExactly(v6, b, tcp);
        assertThat(entry.lastFlows(DialInfoFilter.of(ProtocolType.UDP, AddressType.IPV4)))
                .containsExactly(new BucketEntry.TimestampedFlow(b, T0 + S));

        entry.clearLastFlows(DialInfoFilter.of(ProtocolType.UDP, AddressType.IPV6));
        assertThat(entry.lastFlows(DialInfoFilter.all())).extracting(BucketEntry.TimestampedFlow::flow)
                .containsExactly(b, tcp);
        entry.removeLastFlow(a);
        assertThat(entry.lastFlows(DialInfoFilter.all())).extracting(BucketEntry.TimestampedFlow::flow)
                .as("the slot of a's protocol and address type").containsExactly(tcp);
    }

    @Test
    void aPunishedEntryForgetsItsFlowsAndRecordsNoNewOnes() {
        Flow udp = TestPeers.flow(ProtocolType.UDP, "1.2.3.4:5150");
        entry.setLastFlow(udp, T0);
        entry.setPunished(PunishmentReason.FAILED_TO_DECODE_OPERATION);
        assertThat(entry.lastFlows(DialInfoFilter.all())).isEmpty();
        entry.setLastFlow(udp, T0 + S);
        assertThat(entry.lastFlows(DialInfoFilter.all())).isEmpty();
        assertThat(entry.punishment()).contains(PunishmentReason.FAILED_TO_DECODE_OPERATION);
        entry.setPunished(null);
        entry.setLastFlow(udp, T0 + 2 * S);
        assertThat(entry.lastFlows(DialInfoFilter.all())).hasSize(1);
    }

    @Test
    void senderInfoReportsThePreviousAddressOnlyWhenItChanged() {
        SocketAddress first = SocketAddress.parse("9.9.9.9:1000");
        SocketAddress second = SocketAddress.parse("9.9.9.9:2000");
        assertThat(entry.reportSenderInfo(PI, ProtocolType.UDP, AddressType.IPV4, first)).isEmpty();
        assertThat(entry.reportSenderInfo(PI, ProtocolType.UDP, AddressType.IPV4, first)).isEmpty();
        assertThat(entry.reportSenderInfo(PI, ProtocolType.TCP, AddressType.IPV4, second)).as("another slot").isEmpty();
        assertThat(entry.reportSenderInfo(PI, ProtocolType.UDP, AddressType.IPV4, second)).contains(first);
    }

    @Test
    void seenNodeInfoTimestampsAndNodeStatusArePerDomain() {
        assertThat(entry.hasSeenOurNodeInfoTs(PI, 0)).isTrue();
        assertThat(entry.setSeenOurNodeInfoTs(PI, 42)).hasValue(0);
        assertThat(entry.setSeenOurNodeInfoTs(PI, 42)).isEmpty();
        assertThat(entry.hasSeenOurNodeInfoTs(PI, 42)).isTrue();
        assertThat(entry.hasSeenOurNodeInfoTs(RoutingDomain.LOCAL_NETWORK, 42)).isFalse();
        entry.updateNodeStatus(PI, new NodeStatus());
        assertThat(entry.nodeStatus(PI)).isPresent();
        assertThat(entry.nodeStatus(RoutingDomain.LOCAL_NETWORK)).isEmpty();
    }

    private void kill() {
        for (int i = 0; i < 3; i++) {
            entry.lostAnswer(SequenceOrdering.UNORDERED);
        }
        assertThat(entry.state(T0)).isEqualTo(BucketEntryState.DEAD);
    }
}
