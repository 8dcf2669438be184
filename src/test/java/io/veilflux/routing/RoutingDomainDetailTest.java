package io.veilflux.routing;

import static io.veilflux.routing.Nodes.did;
import static io.veilflux.routing.Nodes.direct;
import static io.veilflux.routing.Nodes.id;
import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.Sequencing;
import io.veilflux.rpc.codec.PeerInfoSigner;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/** A routing domain's state, editor, current peer info and publication (spec routing-rpc §3.2, §3.4). */
class RoutingDomainDetailTest {
    private static final RoutingDomain PUBLIC = RoutingDomain.PUBLIC_INTERNET;
    private static final RoutingDomain LOCAL = RoutingDomain.LOCAL_NETWORK;
    private static final Set<ProtocolType> UDP_TCP = EnumSet.of(ProtocolType.UDP, ProtocolType.TCP);
    private static final Set<AddressType> V4 = EnumSet.of(AddressType.IPV4);
    private static final long START_MICROS = 1_700_000_000_000_000L;

    private final Crypto crypto = Crypto.standard();
    private final KeyPair me = crypto.best().generateKeyPair();
    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    private final List<PeerInfoChangeEvent> events = new CopyOnWriteArrayList<>();

    private RoutingDomains domains(Scheduler scheduler, Consumer<PeerInfoChangeEvent> listener) {
        return new RoutingDomains(AddressClassifier.standard(), List.of(me.key()),
                ni -> PeerInfoSigner.sign(crypto, ni, List.of(me)), scheduler, listener, RoutingDomains.DEFAULT_IP6_PREFIX_SIZE);
    }

    private RoutingDomains domains() {
        clock.advanceTimeTo(Instant.EPOCH.plus(START_MICROS, ChronoUnit.MICROS));
        return domains(clock, events::add);
    }

    private final RoutingDomains domains = domains();
    private final RoutingDomainDetail pub = domains.detail(PUBLIC);

    private static RoutingDomainEditor network(RoutingDomainEditor editor, boolean confirmed) {
        return editor.setupNetwork(UDP_TCP, UDP_TCP, V4, RoutingDomainCapabilities.PUBLIC_INTERNET, confirmed);
    }

    private void makeReady() {
        network(pub.edit(), true).addDialInfo(DialInfo.parse("udp|1.2.3.4:5150"), DialInfoClass.DIRECT)
                .addDialInfo(DialInfo.parse("tcp|1.2.3.4:5150"), DialInfoClass.DIRECT).commit();
    }

    private static PeerInfo relayPeer(long timestamp, ProtocolType... outbound) {
        return Nodes.node(3).timestamp(timestamp).outbound(outbound).addressTypes(AddressType.IPV4)
                .dial("tcp|3.3.3.3:5150").dial("udp|3.3.3.3:5150").peerInfo();
    }

    private static RoutingDomainRelay relay(PeerInfo peer) {
        return new RoutingDomainRelay(List.of(id(3)), peer, RelayKind.INBOUND, List.of(direct("tcp|3.3.3.3:5150")),
                List.of(DialInfo.parse("tcp|3.3.3.3:5150")));
    }

    @Test
    void stateWalksFromInvalidToReadyToPublish() {
        assertThat(pub.state()).isInstanceOf(RoutingDomainState.Invalid.class);
        network(pub.edit(), false).commit();
        assertThat(pub.state()).isInstanceOf(RoutingDomainState.NeedsDialInfoConfirmation.class);
        pub.edit().setupNetwork(Set.of(), UDP_TCP, V4, List.of(), false).commit();
        assertThat(pub.state()).isInstanceOf(RoutingDomainState.Invalid.class);
        pub.edit().setupNetwork(UDP_TCP, UDP_TCP, Set.of(), List.of(), true).commit();
        assertThat(pub.state()).isInstanceOf(RoutingDomainState.Unusable.class);

        network(pub.edit(), true).addDialInfo(DialInfo.parse("udp|1.2.3.4:5150"), DialInfoClass.PORT_RESTRICTED_NAT).commit();
        assertThat(pub.state()).isInstanceOfSatisfying(RoutingDomainState.NeedsRelays.class,
                s -> assertThat(s.relayStatus().needsMoreRelays()).isTrue());
        pub.edit().setRelays(List.of(relay(relayPeer(5, ProtocolType.TCP)))).commit();
        assertThat(pub.state()).isInstanceOf(RoutingDomainState.ReadyToPublish.class);

        pub.edit().setRelays(List.of()).clearDialInfoDetails(Optional.empty(), Optional.empty())
                .addDialInfo(DialInfo.parse("udp|1.2.3.4:5150"), DialInfoClass.DIRECT)
                .addDialInfo(DialInfo.parse("tcp|1.2.3.4:5150"), DialInfoClass.MAPPED).commit();
        assertThat(pub.state()).isInstanceOfSatisfying(RoutingDomainState.ReadyToPublish.class,
                s -> assertThat(s.relayStatus().wantsMoreRelays()).isTrue());
        pub.edit().clearDialInfoDetails(Optional.empty(), Optional.of(ProtocolType.TCP)).commit();
        assertThat(pub.state()).as("ordered delivery uncovered").isInstanceOf(RoutingDomainState.NeedsRelays.class);
    }

    @Test
    void commitSaysWhetherThePeerInfoWouldChange() {
        assertThat(pub.edit().commit()).as("nothing queued").isFalse();
        assertThat(network(pub.edit(), false).commit()).isTrue();
        assertThat(network(pub.edit(), false).commit()).as("same network").isFalse();
        assertThat(pub.edit().addDialInfo(DialInfo.parse("udp|1.2.3.4:5150"), DialInfoClass.DIRECT).commit()).isTrue();
        assertThat(pub.edit().addDialInfo(DialInfo.parse("udp|1.2.3.4:5150"), DialInfoClass.DIRECT).commit()).isFalse();
        assertThat(pub.edit().addDialInfo(DialInfo.parse("udp|192.168.1.4:5150"), DialInfoClass.DIRECT).commit())
                .as("a local address is not valid in PublicInternet").isFalse();
        assertThat(pub.edit().addDialInfo(DialInfo.parse("udp|1.2.3.4:0"), DialInfoClass.DIRECT).commit()).isFalse();
        assertThat(pub.dialInfoDetails()).containsExactly(direct("udp|1.2.3.4:5150"));
        assertThat(pub.edit().clearDialInfoDetails(Optional.empty(), Optional.of(ProtocolType.TCP)).commit()).isFalse();
        assertThat(pub.edit().clearDialInfoDetails(Optional.of(AddressType.IPV4), Optional.empty()).commit()).isTrue();

        assertThat(pub.edit().setupNetwork(UDP_TCP, UDP_TCP, V4, List.of(Capability.APPM), false).commit())
                .as("capabilities").isTrue();
        assertThat(pub.edit().setupNetwork(UDP_TCP, EnumSet.of(ProtocolType.UDP), V4, List.of(Capability.APPM), false).commit())
                .as("inbound protocols").isTrue();
        assertThat(pub.edit().setupNetwork(EnumSet.of(ProtocolType.UDP), EnumSet.of(ProtocolType.UDP), V4,
                List.of(Capability.APPM), false).commit()).as("outbound protocols").isTrue();
        assertThat(pub.edit().setupNetwork(EnumSet.of(ProtocolType.UDP), EnumSet.of(ProtocolType.UDP),
                EnumSet.allOf(AddressType.class), List.of(Capability.APPM), false).commit()).as("address types").isTrue();
        assertThat(pub.edit().setupNetwork(EnumSet.of(ProtocolType.UDP), EnumSet.of(ProtocolType.UDP),
                EnumSet.allOf(AddressType.class), List.of(Capability.APPM), true).commit()).as("confirmation").isTrue();

        assertThat(pub.edit().setInterfaceAddresses(List.of(InterfaceAddress.parse("1.2.3.4/24"))).commit())
                .as("interfaces are not in the peer info").isFalse();
        assertThat(pub.interfaceAddresses()).containsExactly(InterfaceAddress.parse("1.2.3.4/24"));
    }

    @Test
    void relayChangesCountByNodeAndPosition() {
        RoutingDomainRelay r3 = relay(relayPeer(5, ProtocolType.TCP));
        RoutingDomainRelay r4 = new RoutingDomainRelay(List.of(id(4)), Nodes.node(4).dial("tcp|4.4.4.4:5150").peerInfo(),
                RelayKind.INBOUND, List.of(direct("tcp|4.4.4.4:5150")), List.of());
        assertThat(pub.edit().setRelays(List.of(r3, r4)).commit()).isTrue();
        assertThat(pub.edit().setRelays(List.of(r3, r4)).commit()).isFalse();
        RoutingDomainRelay r3OtherDialInfo = new RoutingDomainRelay(List.of(id(3)), r3.peerInfo(), RelayKind.INBOUND,
                List.of(direct("udp|3.3.3.3:5150")), List.of());
        assertThat(pub.edit().setRelays(List.of(r3OtherDialInfo, r4)).commit())
                .as("Veilid compares relay nodes only").isFalse();
        assertThat(pub.relays()).containsExactly(r3OtherDialInfo, r4);
        assertThat(pub.edit().setRelays(List.of(r4, r3OtherDialInfo)).commit()).isTrue();
        assertThat(pub.edit().setRelays(List.of(r4)).commit()).isTrue();
    }

    @Test
    void relayStateIsKeptForRelaysThatStayAndStartsNowForNewOnes() {
        RoutingDomainRelay r3 = relay(relayPeer(5, ProtocolType.TCP));
        pub.edit().setRelays(List.of(r3)).commit();
        assertThat(pub.relaysAndStates()).containsExactly(
                new RoutingDomainDetail.RelayAndState(r3, new RoutingDomainRelayState(START_MICROS, START_MICROS)));
        clock.advanceTimeBy(Duration.ofSeconds(10));
        RoutingDomainRelayState pinged = new RoutingDomainRelayState(START_MICROS + 7_000_000, START_MICROS);
        assertThat(pub.edit().setRelayState(r3, pinged).commit()).as("state is not peer info").isFalse();
        RoutingDomainRelay r4 = new RoutingDomainRelay(List.of(id(4)), Nodes.node(4).dial("tcp|4.4.4.4:5150").peerInfo(),
                RelayKind.INBOUND, List.of(direct("tcp|4.4.4.4:5150")), List.of());
        pub.edit().setRelays(List.of(r3, r4)).commit();
        long now = START_MICROS + 10_000_000;
        assertThat(pub.relaysAndStates()).containsExactly(new RoutingDomainDetail.RelayAndState(r3, pinged),
                new RoutingDomainDetail.RelayAndState(r4, new RoutingDomainRelayState(now, now)));
        RoutingDomainRelayState optimized = new RoutingDomainRelayState(now, now);
        pub.edit().setRelayState(r3.withPeerInfo(relayPeer(6, ProtocolType.UDP)), optimized).commit();
        assertThat(pub.relaysAndStates()).as("a relay is found whatever its peer info snapshot")
                .containsExactly(new RoutingDomainDetail.RelayAndState(r3, optimized),
                        new RoutingDomainDetail.RelayAndState(r4, new RoutingDomainRelayState(now, now)));
    }

    @Test
    void dialInfoIsKeptSortedWithoutDuplicatesAndClearedByTypeAndProtocol() {
        pub.edit().addDialInfo(DialInfo.parse("tcp|1.2.3.4:5150"), DialInfoClass.DIRECT)
                .addDialInfo(DialInfo.parse("udp|1.2.3.4:5150"), DialInfoClass.BLOCKED)
                .addDialInfo(DialInfo.parse("udp|1.2.3.4:5150"), DialInfoClass.DIRECT)
                .addDialInfo(DialInfo.parse("tcp|1.2.3.4:5150"), DialInfoClass.DIRECT)
                .addDialInfo(DialInfo.parse("udp|[2a01:4f8::1]:5150"), DialInfoClass.DIRECT).commit();
        assertThat(pub.dialInfoDetails()).containsExactly(direct("udp|[2a01:4f8::1]:5150"), direct("udp|1.2.3.4:5150"),
                direct("tcp|1.2.3.4:5150"), did("udp|1.2.3.4:5150", DialInfoClass.BLOCKED));
        pub.edit().clearDialInfoDetails(Optional.of(AddressType.IPV4), Optional.of(ProtocolType.UDP)).commit();
        assertThat(pub.dialInfoDetails()).containsExactly(direct("udp|[2a01:4f8::1]:5150"), direct("tcp|1.2.3.4:5150"));
        pub.edit().clearDialInfoDetails(Optional.empty(), Optional.of(ProtocolType.UDP)).commit();
        assertThat(pub.dialInfoDetails()).containsExactly(direct("tcp|1.2.3.4:5150"));
    }

    @Test
    void currentPeerInfoIsSignedCachedAndBuiltFromTheDomain() {
        makeReady();
        PeerInfo relayPeer = relayPeer(START_MICROS - 9, ProtocolType.TCP);
        pub.edit().setRelays(List.of(relay(relayPeer))).commit();
        PeerInfo current = pub.currentPeerInfo();
        assertThat(pub.currentPeerInfo()).isSameAs(current);
        assertThat(PeerInfoValidation.validate(crypto, current))
                .isEqualTo(new PeerInfoValidation.Result.Valid(List.of(me.nodeId())));
        NodeInfo ni = current.nodeInfo();
        assertThat(ni.timestamp()).isEqualTo(START_MICROS);
        assertThat(ni.envelopeSupport()).containsExactly(FourCc.ENV0);
        assertThat(ni.publicKeys()).containsExactly(me.key());
        assertThat(ni.capabilities()).as("sorted").containsExactly(Capability.APPM, Capability.DHTV, Capability.DIAL,
                Capability.RLAY, Capability.ROUT, Capability.SGNL);
        assertThat(ni.outboundProtocols()).isEqualTo(UDP_TCP);
        assertThat(ni.addressTypes()).isEqualTo(V4);
        assertThat(ni.dialInfoDetailList()).containsExactly(direct("udp|1.2.3.4:5150"), direct("tcp|1.2.3.4:5150"));
        assertThat(ni.relayInfoList()).containsExactly(new RelayInfo(START_MICROS - 9, List.of(id(3)),
                Set.of(ProtocolType.TCP), V4, List.of(direct("tcp|3.3.3.3:5150")), RelayKind.INBOUND));

        pub.edit().setInterfaceAddresses(List.of(InterfaceAddress.parse("1.2.3.4/24"))).commit();
        assertThat(pub.currentPeerInfo()).as("interfaces do not change the peer info").isSameAs(current);
        pub.edit().addDialInfo(DialInfo.parse("udp|1.2.3.5:5150"), DialInfoClass.DIRECT).commit();
        assertThat(pub.currentPeerInfo()).isNotSameAs(current);
        pub.refresh();
        assertThat(pub.currentPeerInfo()).isNotSameAs(current);
    }

    @Test
    void publicationFollowsReadinessAndEquivalence() {
        assertThat(pub.edit().publish()).as("not ready, nothing published before").isFalse();
        assertThat(events).isEmpty();
        makeReady();
        assertThat(pub.edit().publish()).isTrue();
        PeerInfo first = pub.currentPeerInfo();
        assertThat(pub.publishedPeerInfo()).contains(first);
        assertThat(events).containsExactly(new PeerInfoChangeEvent(PUBLIC, Optional.empty(), Optional.of(first)));

        assertThat(pub.edit().publish()).isFalse();
        clock.advanceTimeBy(Duration.ofSeconds(30));
        pub.refresh();
        assertThat(pub.currentPeerInfo().nodeInfo().timestamp()).isGreaterThan(first.nodeInfo().timestamp());
        assertThat(pub.edit().publish()).as("equivalent: only the timestamp moved").isFalse();
        assertThat(pub.publishedPeerInfo()).contains(first);
        assertThat(events).hasSize(1);

        pub.edit().addDialInfo(DialInfo.parse("udp|1.2.3.5:5150"), DialInfoClass.DIRECT).commit();
        assertThat(pub.edit().publish()).isTrue();
        PeerInfo second = pub.currentPeerInfo();
        assertThat(events.get(1)).isEqualTo(new PeerInfoChangeEvent(PUBLIC, Optional.of(first), Optional.of(second)));

        network(pub.edit(), false).commit();
        assertThat(pub.edit().publish()).as("no longer ready: withdrawn").isTrue();
        assertThat(events.get(2)).isEqualTo(new PeerInfoChangeEvent(PUBLIC, Optional.of(second), Optional.empty()));
        assertThat(pub.publishedPeerInfo()).isEmpty();
        assertThat(pub.edit().publish()).isFalse();
        assertThat(events).hasSize(3);
    }

    @Test
    void unpublishAlwaysPostsAndDomainsPublishApart() {
        pub.edit().unpublish();
        assertThat(events).containsExactly(new PeerInfoChangeEvent(PUBLIC, Optional.empty(), Optional.empty()));
        RoutingDomainDetail local = domains.detail(LOCAL);
        local.edit().setInterfaceAddresses(List.of(InterfaceAddress.parse("192.168.1.20/24")))
                .setupNetwork(UDP_TCP, UDP_TCP, V4, RoutingDomainCapabilities.LOCAL_NETWORK, true)
                .addDialInfo(DialInfo.parse("udp|192.168.1.20:5150"), DialInfoClass.DIRECT)
                .addDialInfo(DialInfo.parse("tcp|192.168.1.20:5150"), DialInfoClass.DIRECT)
                .addDialInfo(DialInfo.parse("udp|1.2.3.4:5150"), DialInfoClass.DIRECT).commit();
        assertThat(local.dialInfoDetails()).hasSize(2);
        assertThat(local.edit().publish()).isTrue();
        assertThat(events.get(1).routingDomain()).isEqualTo(LOCAL);
        assertThat(local.publishedPeerInfo()).isPresent();
        assertThat(pub.publishedPeerInfo()).isEmpty();
        assertThat(local.currentPeerInfo().nodeInfo().capabilities()).containsExactly(Capability.APPM, Capability.RLAY);
    }

    @Test
    void shutdownDropsDialInfoAndRelaysAndUnpublishes() {
        makeReady();
        pub.edit().setRelays(List.of(relay(relayPeer(5, ProtocolType.TCP)))).commit();
        pub.edit().publish();
        PeerInfo published = pub.publishedPeerInfo().orElseThrow();
        pub.edit().shutdown();
        assertThat(pub.dialInfoDetails()).isEmpty();
        assertThat(pub.relays()).isEmpty();
        assertThat(pub.publishedPeerInfo()).isEmpty();
        assertThat(events.get(events.size() - 1))
                .isEqualTo(new PeerInfoChangeEvent(PUBLIC, Optional.of(published), Optional.empty()));
    }

    @Test
    void nodeInfoTimestampsNeverGoBackEvenWhenTheClockDoes() {
        AtomicLong micros = new AtomicLong(START_MICROS);
        Scheduler backwards = new Scheduler() {
            @Override
            public Disposable schedule(Runnable task) {
                return Schedulers.immediate().schedule(task);
            }

            @Override
            public Worker createWorker() {
                return Schedulers.immediate().createWorker();
            }

            @Override
            public long now(TimeUnit unit) {
                return unit.convert(micros.get(), TimeUnit.MICROSECONDS);
            }
        };
        RoutingDomains shared = domains(backwards, e -> { });
        RoutingDomainDetail p = shared.detail(PUBLIC);
        long first = p.currentPeerInfo().nodeInfo().timestamp();
        assertThat(first).isEqualTo(START_MICROS);
        micros.set(START_MICROS - 60_000_000);
        p.refresh();
        assertThat(p.currentPeerInfo().nodeInfo().timestamp()).isEqualTo(first);
        assertThat(shared.detail(LOCAL).currentPeerInfo().nodeInfo().timestamp()).as("one clock for both domains")
                .isEqualTo(first);
        micros.set(START_MICROS + 1);
        p.refresh();
        assertThat(p.currentPeerInfo().nodeInfo().timestamp()).isEqualTo(START_MICROS + 1);
    }

    @Test
    void nodeInfoTimestampsFollowVirtualTime() {
        long first = pub.currentPeerInfo().nodeInfo().timestamp();
        clock.advanceTimeBy(Duration.ofMillis(2500));
        assertThat(pub.currentPeerInfo().nodeInfo().timestamp()).as("cached until something changes").isEqualTo(first);
        pub.refresh();
        assertThat(pub.currentPeerInfo().nodeInfo().timestamp()).isEqualTo(first + 2_500_000);
    }

    @Test
    void aRelaysNewPeerInfoRebuildsOursAndRepublishesOnlyWhatChanged() {
        makeReady();
        pub.edit().setRelays(List.of(relay(relayPeer(5, ProtocolType.TCP)))).commit();
        pub.edit().publish();
        assertThat(events).hasSize(1);

        assertThat(pub.relayPeerInfoUpdated(List.of(id(9)), relayPeer(6, ProtocolType.TCP))).isFalse();
        assertThat(pub.relayPeerInfoUpdated(List.of(id(3)), relayPeer(6, ProtocolType.TCP))).isTrue();
        assertThat(pub.currentPeerInfo().nodeInfo().relayInfoList().get(0).timestamp()).isEqualTo(6);
        assertThat(events).as("a relay timestamp alone is equivalent").hasSize(1);

        assertThat(pub.relayPeerInfoUpdated(List.of(id(3)), relayPeer(7, ProtocolType.TCP, ProtocolType.UDP))).isTrue();
        assertThat(events).hasSize(2);
        assertThat(events.get(1).newPeerInfo().orElseThrow().nodeInfo().relayInfoList().get(0).outboundProtocols())
                .isEqualTo(UDP_TCP);
        assertThat(pub.relays().get(0).peerInfo().nodeInfo().timestamp()).isEqualTo(7);
    }

    @Test
    void filtersAndNetworkTranslation() {
        pub.edit().setupNetwork(EnumSet.of(ProtocolType.TCP), UDP_TCP, V4, List.of(), true)
                .setInterfaceAddresses(List.of(InterfaceAddress.parse("1.2.3.4/24")))
                .addDialInfo(DialInfo.parse("udp|1.2.3.4:5150"), DialInfoClass.DIRECT).commit();
        assertThat(pub.outboundDialInfoFilter()).isEqualTo(new DialInfoFilter(EnumSet.of(ProtocolType.TCP), V4));
        assertThat(pub.inboundDialInfoFilter()).isEqualTo(new DialInfoFilter(UDP_TCP, V4));
        assertThat(pub.outboundNodeRefFilter()).isEqualTo(new NodeRefFilter(Set.of(PUBLIC),
                new DialInfoFilter(EnumSet.of(ProtocolType.TCP), V4)));
        assertThat(pub.isNetworkTranslated()).isFalse();
        pub.edit().addDialInfo(DialInfo.parse("tcp|5.6.7.8:5150"), DialInfoClass.DIRECT).commit();
        assertThat(pub.isNetworkTranslated()).as("5.6.7.8 is no interface of ours").isTrue();
        assertThat(pub.relayStatus().wantRelayProtocols())
                .contains(new RelayStatus.ProtocolAddressType(ProtocolType.TCP, AddressType.IPV4));
    }

    @Test
    void bootstrapPeersAreKeptOnceEachUntilCleared() {
        pub.addBootstrapPeer(id(5));
        pub.addBootstrapPeer(id(6));
        pub.addBootstrapPeer(id(5));
        assertThat(pub.bootstrapPeers()).containsExactly(id(5), id(6));
        assertThat(domains.detail(LOCAL).bootstrapPeers()).isEmpty();
        pub.clearBootstrapPeers();
        assertThat(pub.bootstrapPeers()).isEmpty();
    }

    @Test
    void aFailingListenerDoesNotStopLaterEvents() {
        List<PeerInfoChangeEvent> seen = new CopyOnWriteArrayList<>();
        RoutingDomains d = domains(clock, e -> {
            seen.add(e);
            if (seen.size() == 1) {
                throw new IllegalStateException("listener bug");
            }
        });
        d.edit(PUBLIC).unpublish();
        d.edit(PUBLIC).unpublish();
        assertThat(seen).hasSize(2);
    }

    @Test
    void contactMethodsUseTheDomainsAlgorithm() {
        PeerInfo a = Nodes.node(1).dial("udp|1.1.1.1:5150").peerInfo();
        PeerInfo b = Nodes.node(2).dial("udp|2.2.2.2:5150", DialInfoClass.MAPPED).peerInfo();
        assertThat(domains.contactMethod(PUBLIC, a, b, DialInfoFilter.all(), Sequencing.NO_PREFERENCE,
                Optional.empty())).isEqualTo(new ContactMethod.Direct(DialInfo.parse("udp|2.2.2.2:5150")));
        assertThat(domains.contactMethod(LOCAL, a, b, DialInfoFilter.all(), Sequencing.NO_PREFERENCE,
                Optional.empty())).isEqualTo(new ContactMethod.Unreachable());
    }
}
