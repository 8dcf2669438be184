package io.veilflux.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.crypto.Bytes;
import io.veilflux.manager.AddressCheckOutcome.Consistent;
import io.veilflux.manager.AddressCheckOutcome.Counted;
import io.veilflux.manager.AddressCheckOutcome.DetectionAction;
import io.veilflux.manager.AddressCheckOutcome.Detected;
import io.veilflux.manager.AddressCheckOutcome.IgnoreReason;
import io.veilflux.manager.AddressCheckOutcome.Ignored;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.Flow;
import io.veilflux.net.PeerAddress;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.routing.FourCc;
import io.veilflux.routing.NodeInfo;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RoutingDomain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AddressCheckTest {
    private static final RoutingDomain PUBLIC = RoutingDomain.PUBLIC_INTERNET;
    private static final int LISTEN_PORT = 5150;
    /** Our published IPv4 and IPv6 addresses. */
    private static final SocketAddress OURS_V4 = sa("203.0.113.7:5150");
    private static final SocketAddress OURS_V6 = sa("[2001:db8:7::7]:5150");
    /** Where a NAT maps an outbound connection from our listener: same IP, another port. */
    private static final SocketAddress OURS_V4_MAPPED = sa("203.0.113.7:40001");
    /** Our address after it changed. */
    private static final SocketAddress MOVED_V4 = sa("192.0.2.99:5150");
    private static final SocketAddress MOVED_V6 = sa("[2001:db8:99::99]:5150");

    private static final BiFunction<ProtocolType, AddressType, Optional<SocketAddress>> LISTENING_ON_ALL =
            (protocol, addressType) -> Optional.of(local(addressType));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<RoutingDomain> dialInfoUpdates = Collections.synchronizedList(new ArrayList<>());

    private static SocketAddress sa(String text) {
        return SocketAddress.parse(text);
    }

    private static SocketAddress local(AddressType addressType) {
        return addressType == AddressType.IPV4 ? sa("10.0.0.2:" + LISTEN_PORT) : sa("[fd00::2]:" + LISTEN_PORT);
    }

    private static DialInfo dialInfo(ProtocolType protocol, SocketAddress address) {
        return switch (protocol) {
            case UDP -> new DialInfo.Udp(address);
            case TCP -> new DialInfo.Tcp(address);
            case WS -> new DialInfo.Ws(address, address + "/ws");
            case WSS -> new DialInfo.Wss(address, "node.example.com:" + address.port() + "/ws");
        };
    }

    private static NodeInfo nodeInfo(DialInfoDetail... dialInfo) {
        return new NodeInfo(1_700_000_000_000_000L, List.of(FourCc.ENV0), List.of(), List.of(),
                EnumSet.allOf(ProtocolType.class), EnumSet.allOf(AddressType.class), Arrays.asList(dialInfo), List.of());
    }

    private static Optional<PeerInfo> peerInfo(DialInfoDetail... dialInfo) {
        return Optional.of(new PeerInfo(Bytes.EMPTY, nodeInfo(dialInfo), List.of()));
    }

    private static Optional<PeerInfo> inboundCapable(DialInfoClass dialInfoClass) {
        List<DialInfoDetail> details = new ArrayList<>();
        for (ProtocolType protocol : ProtocolType.values()) {
            details.add(new DialInfoDetail(dialInfo(protocol, OURS_V4), dialInfoClass));
            details.add(new DialInfoDetail(dialInfo(protocol, OURS_V6), dialInfoClass));
        }
        return peerInfo(details.toArray(DialInfoDetail[]::new));
    }

    private static Optional<PeerInfo> outboundOnly() {
        return peerInfo();
    }

    /** A reporter that publishes dial info, so its reports are trusted. */
    private static final Optional<NodeInfo> DIALABLE_REPORTER =
            Optional.of(nodeInfo(new DialInfoDetail(dialInfo(ProtocolType.UDP, sa("198.51.100.200:5150")), DialInfoClass.DIRECT)));

    /** A flow from our listener to the reporter {@code 198.51.100.<n>} (or {@code 2001:db8:100:<n>::1}). */
    private static Flow flowFrom(int reporter, ProtocolType protocol, AddressType addressType) {
        SocketAddress remote = addressType == AddressType.IPV4
                ? sa("198.51.100." + reporter + ":5150")
                : sa("[2001:db8:100:" + Integer.toHexString(reporter) + "00::1]:5150");
        return Flow.of(new PeerAddress(protocol, remote), local(addressType));
    }

    private static Flow flowFrom(int reporter) {
        return flowFrom(reporter, ProtocolType.UDP, AddressType.IPV4);
    }

    private AddressCheck check(AddressCheckConfig config,
                               BiFunction<ProtocolType, AddressType, Optional<SocketAddress>> preferredLocal) {
        return new AddressCheck(config, preferredLocal, dialInfoUpdates::add, registry);
    }

    private AddressCheck check(boolean detectAddressChanges, boolean requireInboundRelay) {
        return check(AddressCheckConfig.of(detectAddressChanges, requireInboundRelay), LISTENING_ON_ALL);
    }

    private AddressCheck detecting() {
        return check(true, false);
    }

    private static AddressCheckOutcome report(AddressCheck check, SocketAddress reported, Optional<SocketAddress> old,
                                              Flow flow) {
        return check.reportSocketAddressChange(PUBLIC, reported, old, flow, DIALABLE_REPORTER);
    }

    /** Reporter 1 says we moved away from our published IPv4 address. */
    private static AddressCheckOutcome movedAway(AddressCheck check) {
        return report(check, MOVED_V4, Optional.of(OURS_V4), flowFrom(1));
    }

    private double detections(RoutingDomain routingDomain) {
        return registry.get(AddressCheck.DETECTED).tag("routing_domain",
                routingDomain == PUBLIC ? "public_internet" : "local_network").counter().count();
    }

    private static Ignored ignored(IgnoreReason reason) {
        return new Ignored(reason);
    }

    private static final Detected UPDATE = new Detected(DetectionAction.UPDATE_DIAL_INFO);
    private static final Detected RESTART = new Detected(DetectionAction.RESTART_MAY_BE_REQUIRED);

    @Nested
    class IgnoreConditions {
        private final AddressCheck check = detecting();

        @BeforeEach
        void publish() {
            check.reportPeerInfoChange(PUBLIC, inboundCapable(DialInfoClass.DIRECT));
        }

        @Test
        void onlyPublicInternetReportsAreChecked() {
            check.reportPeerInfoChange(RoutingDomain.LOCAL_NETWORK, inboundCapable(DialInfoClass.DIRECT));
            assertThat(check.reportSocketAddressChange(RoutingDomain.LOCAL_NETWORK, MOVED_V4, Optional.of(OURS_V4),
                    flowFrom(1), DIALABLE_REPORTER)).isEqualTo(ignored(IgnoreReason.NOT_PUBLIC_INTERNET));
        }

        @Test
        void reportsNeedAPublishedPeerInfo() {
            AddressCheck unpublished = detecting();
            assertThat(movedAway(unpublished)).isEqualTo(ignored(IgnoreReason.NO_PUBLISHED_PEER_INFO));
            check.reportPeerInfoChange(PUBLIC, Optional.empty());
            assertThat(movedAway(check)).as("after unpublishing")
                    .isEqualTo(ignored(IgnoreReason.NO_PUBLISHED_PEER_INFO));
        }

        @Test
        void reportsNeedAListenerForTheFlowsProtocolAndAddressType() {
            AddressCheck v6Only = check(AddressCheckConfig.of(true, false), (protocol, addressType) ->
                    addressType == AddressType.IPV6 ? Optional.of(local(addressType)) : Optional.empty());
            v6Only.reportPeerInfoChange(PUBLIC, inboundCapable(DialInfoClass.DIRECT));
            assertThat(movedAway(v6Only)).isEqualTo(ignored(IgnoreReason.NOT_FROM_LISTENER_PORT));
        }

        @Test
        void reportsNeedAFlowWithAKnownLocalAddress() {
            Flow noLocal = new Flow(flowFrom(1).remote(), Optional.empty());
            assertThat(report(check, MOVED_V4, Optional.of(OURS_V4), noLocal))
                    .isEqualTo(ignored(IgnoreReason.NOT_FROM_LISTENER_PORT));
        }

        @Test
        void reportsOverFlowsFromAnotherPortThanTheListenerAreIgnored() {
            Flow ephemeral = Flow.of(flowFrom(1).remote(), sa("10.0.0.2:49152"));
            assertThat(report(check, MOVED_V4, Optional.of(OURS_V4), ephemeral))
                    .isEqualTo(ignored(IgnoreReason.NOT_FROM_LISTENER_PORT));
        }

        @Test
        void reportersWithoutNodeInfoOrDialInfoAreNotTrusted() {
            assertThat(check.reportSocketAddressChange(PUBLIC, MOVED_V4, Optional.of(OURS_V4), flowFrom(1),
                    Optional.empty())).isEqualTo(ignored(IgnoreReason.REPORTER_WITHOUT_DIAL_INFO));
            assertThat(check.reportSocketAddressChange(PUBLIC, MOVED_V4, Optional.of(OURS_V4), flowFrom(1),
                    Optional.of(nodeInfo()))).isEqualTo(ignored(IgnoreReason.REPORTER_WITHOUT_DIAL_INFO));
        }

        @Test
        void anAddressInTheReportersOwnBlockIsIgnored() {
            assertThat(report(check, sa("198.51.100.1:40000"), Optional.of(OURS_V4), flowFrom(1)))
                    .isEqualTo(ignored(IgnoreReason.REPORTER_IN_REPORTED_BLOCK));
            Flow v6 = flowFrom(1, ProtocolType.UDP, AddressType.IPV6);
            assertThat(report(check, sa("[2001:db8:100:1ff::5]:5150"), Optional.of(OURS_V6), v6))
                    .as("2001:db8:100:100::1 and 2001:db8:100:1ff::5 share a /56")
                    .isEqualTo(ignored(IgnoreReason.REPORTER_IN_REPORTED_BLOCK));
            assertThat(report(check, sa("[2001:db8:100:200::5]:5150"), Optional.of(OURS_V6), v6))
                    .as("the next /56").isEqualTo(new Counted(1));
        }

        @Test
        void aNodeThatRequiresAnInboundRelayIgnoresEveryReport() {
            for (boolean detectAddressChanges : new boolean[] {true, false}) {
                AddressCheck relayed = check(detectAddressChanges, true);
                relayed.reportPeerInfoChange(PUBLIC, inboundCapable(DialInfoClass.DIRECT));
                for (int i = 0; i < AddressCheck.ADDRESS_INCONSISTENCY_DETECTION_COUNT + 1; i++) {
                    assertThat(movedAway(relayed)).isEqualTo(ignored(IgnoreReason.INBOUND_RELAY_REQUIRED));
                }
                AddressCheck relayedOutbound = check(detectAddressChanges, true);
                relayedOutbound.reportPeerInfoChange(PUBLIC, outboundOnly());
                for (int reporter = 1; reporter <= AddressCheck.ADDRESS_CONSISTENCY_DETECTION_COUNT + 1; reporter++) {
                    assertThat(report(relayedOutbound, MOVED_V4, Optional.empty(), flowFrom(reporter)))
                            .isEqualTo(ignored(IgnoreReason.INBOUND_RELAY_REQUIRED));
                }
            }
            assertThat(dialInfoUpdates).isEmpty();
            assertThat(detections(PUBLIC)).isZero();
        }

        @Test
        void theConditionsAreCheckedInOrder() {
            AddressCheck relayed = check(AddressCheckConfig.of(true, true), (p, a) -> Optional.empty());
            Flow ephemeral = Flow.of(flowFrom(1).remote(), sa("10.0.0.2:49152"));
            SocketAddress fromReporterBlock = sa("198.51.100.1:40000");
            assertThat(relayed.reportSocketAddressChange(RoutingDomain.LOCAL_NETWORK, fromReporterBlock,
                    Optional.empty(), ephemeral, Optional.empty())).isEqualTo(ignored(IgnoreReason.NOT_PUBLIC_INTERNET));
            assertThat(relayed.reportSocketAddressChange(PUBLIC, fromReporterBlock, Optional.empty(), ephemeral,
                    Optional.empty())).isEqualTo(ignored(IgnoreReason.NO_PUBLISHED_PEER_INFO));
            relayed.reportPeerInfoChange(PUBLIC, inboundCapable(DialInfoClass.DIRECT));
            assertThat(relayed.reportSocketAddressChange(PUBLIC, fromReporterBlock, Optional.empty(), ephemeral,
                    Optional.empty())).isEqualTo(ignored(IgnoreReason.NOT_FROM_LISTENER_PORT));

            relayed = check(AddressCheckConfig.of(true, true), LISTENING_ON_ALL);
            relayed.reportPeerInfoChange(PUBLIC, inboundCapable(DialInfoClass.DIRECT));
            assertThat(relayed.reportSocketAddressChange(PUBLIC, fromReporterBlock, Optional.empty(), flowFrom(1),
                    Optional.empty())).isEqualTo(ignored(IgnoreReason.REPORTER_WITHOUT_DIAL_INFO));
            assertThat(report(relayed, fromReporterBlock, Optional.empty(), flowFrom(1)))
                    .isEqualTo(ignored(IgnoreReason.REPORTER_IN_REPORTED_BLOCK));
            assertThat(report(relayed, MOVED_V4, Optional.empty(), flowFrom(1)))
                    .isEqualTo(ignored(IgnoreReason.INBOUND_RELAY_REQUIRED));
        }
    }

    @Nested
    class InboundCapable {
        private final AddressCheck check = detecting();

        @BeforeEach
        void publish() {
            check.reportPeerInfoChange(PUBLIC, inboundCapable(DialInfoClass.DIRECT));
        }

        @Test
        void aDirectOrMappedAddressMatchesOnItsIpWhateverThePort() {
            for (DialInfoClass dialInfoClass : List.of(DialInfoClass.DIRECT, DialInfoClass.MAPPED)) {
                check.reportPeerInfoChange(PUBLIC, inboundCapable(dialInfoClass));
                assertThat(report(check, OURS_V4_MAPPED, Optional.empty(), flowFrom(1)))
                        .as(dialInfoClass.name()).isEqualTo(new Consistent());
            }
        }

        @Test
        void otherClassesMatchOnlyTheirExactAddress() {
            check.reportPeerInfoChange(PUBLIC, inboundCapable(DialInfoClass.FULL_CONE_NAT));
            assertThat(report(check, OURS_V4, Optional.empty(), flowFrom(1))).isEqualTo(new Consistent());
            assertThat(report(check, OURS_V4_MAPPED, Optional.of(OURS_V4), flowFrom(1)))
                    .as("another port is a move away").isEqualTo(new Counted(1));
        }

        @Test
        void movesAwayFromOurAddressAreCountedAndTheFifthDetects() {
            for (int count = 1; count < AddressCheck.ADDRESS_INCONSISTENCY_DETECTION_COUNT; count++) {
                assertThat(movedAway(check)).isEqualTo(new Counted(count));
            }
            assertThat(dialInfoUpdates).isEmpty();
            assertThat(movedAway(check)).isEqualTo(UPDATE);
            assertThat(dialInfoUpdates).containsExactly(PUBLIC);
            assertThat(detections(PUBLIC)).isEqualTo(1);
        }

        @Test
        void everyFurtherMoveAwayDetectsAgain() {
            for (int i = 0; i < AddressCheck.ADDRESS_INCONSISTENCY_DETECTION_COUNT; i++) {
                movedAway(check);
            }
            assertThat(movedAway(check)).isEqualTo(UPDATE);
            assertThat(movedAway(check)).isEqualTo(UPDATE);
            assertThat(dialInfoUpdates).containsExactly(PUBLIC, PUBLIC, PUBLIC);
            assertThat(detections(PUBLIC)).isEqualTo(3);
        }

        @Test
        void theOldAddressMayMatchOnItsIpOnly() {
            assertThat(report(check, MOVED_V4, Optional.of(OURS_V4_MAPPED), flowFrom(1))).isEqualTo(new Counted(1));
        }

        @Test
        void aReportMatchingOurAddressStartsTheCountOver() {
            for (int i = 0; i < AddressCheck.ADDRESS_INCONSISTENCY_DETECTION_COUNT - 1; i++) {
                movedAway(check);
            }
            assertThat(report(check, OURS_V4_MAPPED, Optional.of(MOVED_V4), flowFrom(2)))
                    .as("port-0 match").isEqualTo(new Consistent());
            assertThat(movedAway(check)).isEqualTo(new Counted(1));
        }

        @Test
        void onlyMovesAwayFromOurAddressCount() {
            assertThat(report(check, MOVED_V4, Optional.empty(), flowFrom(1)))
                    .isEqualTo(ignored(IgnoreReason.NOT_FROM_PUBLISHED_ADDRESS));
            assertThat(report(check, MOVED_V4, Optional.of(sa("192.0.2.50:5150")), flowFrom(1)))
                    .isEqualTo(ignored(IgnoreReason.NOT_FROM_PUBLISHED_ADDRESS));
            assertThat(movedAway(check)).as("the count was untouched").isEqualTo(new Counted(1));
        }

        @Test
        void eachProtocolAndAddressTypeCountsApart() {
            for (int i = 0; i < AddressCheck.ADDRESS_INCONSISTENCY_DETECTION_COUNT - 1; i++) {
                movedAway(check);
            }
            assertThat(report(check, MOVED_V4, Optional.of(OURS_V4), flowFrom(1, ProtocolType.TCP, AddressType.IPV4)))
                    .isEqualTo(new Counted(1));
            assertThat(report(check, MOVED_V6, Optional.of(OURS_V6), flowFrom(1, ProtocolType.UDP, AddressType.IPV6)))
                    .isEqualTo(new Counted(1));
        }

        @Test
        void aNewPeerInfoClearsTheCount() {
            for (int i = 0; i < AddressCheck.ADDRESS_INCONSISTENCY_DETECTION_COUNT; i++) {
                movedAway(check);
            }
            check.reportPeerInfoChange(PUBLIC, inboundCapable(DialInfoClass.DIRECT));
            assertThat(movedAway(check)).isEqualTo(new Counted(1));
        }

        @Test
        void aNewPeerInfoReplacesOurAddresses() {
            check.reportPeerInfoChange(PUBLIC, peerInfo(new DialInfoDetail(dialInfo(ProtocolType.UDP, MOVED_V4),
                    DialInfoClass.DIRECT)));
            assertThat(report(check, MOVED_V4, Optional.empty(), flowFrom(1))).isEqualTo(new Consistent());
            assertThat(report(check, sa("192.0.2.50:5150"), Optional.of(OURS_V4), flowFrom(1)))
                    .as("the old address is no longer ours").isEqualTo(ignored(IgnoreReason.NOT_FROM_PUBLISHED_ADDRESS));
        }
    }

    @Nested
    class OutboundOnly {
        private final AddressCheck check = detecting();

        @BeforeEach
        void publish() {
            check.reportPeerInfoChange(PUBLIC, outboundOnly());
        }

        private AddressCheckOutcome reportFrom(int reporter, SocketAddress reported) {
            return report(check, reported, Optional.empty(), flowFrom(reporter));
        }

        @Test
        void fiveReporterBlocksAgreeingOnOneAddressDetect() {
            for (int reporter = 1; reporter < AddressCheck.ADDRESS_CONSISTENCY_DETECTION_COUNT; reporter++) {
                assertThat(reportFrom(reporter, MOVED_V4)).isEqualTo(new Counted(reporter));
            }
            assertThat(dialInfoUpdates).isEmpty();
            assertThat(reportFrom(5, MOVED_V4)).isEqualTo(UPDATE);
            assertThat(dialInfoUpdates).containsExactly(PUBLIC);
            assertThat(detections(PUBLIC)).isEqualTo(1);
        }

        @Test
        void oneBlockCountsOnceHoweverOftenItReports() {
            for (int i = 0; i < AddressCheck.ADDRESS_CONSISTENCY_DETECTION_COUNT + 1; i++) {
                assertThat(reportFrom(1, MOVED_V4)).isEqualTo(new Counted(1));
            }
            for (int reporter = 0x10; reporter < 0x10 + AddressCheck.ADDRESS_CONSISTENCY_DETECTION_COUNT; reporter++) {
                Flow sameV6Block = Flow.of(new PeerAddress(ProtocolType.UDP,
                        sa("[2001:db8:100:1" + Integer.toHexString(reporter) + "::1]:5150")), local(AddressType.IPV6));
                assertThat(report(check, MOVED_V6, Optional.empty(), sameV6Block))
                        .as("2001:db8:100:1xx:: is one /56").isEqualTo(new Counted(1));
            }
        }

        @Test
        void aBlockThatChangesItsReportCountsForItsLatestAddress() {
            reportFrom(1, MOVED_V4);
            assertThat(reportFrom(1, sa("192.0.2.50:5150"))).isEqualTo(new Counted(1));
            assertThat(reportFrom(2, MOVED_V4)).isEqualTo(new Counted(1));
        }

        @Test
        void onlyTheTenMostRecentReporterBlocksAreRemembered() {
            for (int reporter = 1; reporter <= 4; reporter++) {
                reportFrom(reporter, MOVED_V4);
            }
            for (int reporter = 5; reporter <= AddressCheck.ADDRESS_CHECK_CACHE_SIZE; reporter++) {
                reportFrom(reporter, sa("192.0.2." + reporter + ":5150"));
            }
            assertThat(reportFrom(11, MOVED_V4)).as("reporter 1 was forgotten").isEqualTo(new Counted(4));
        }

        @Test
        void aReporterThatReportsAgainIsRememberedLonger() {
            reportFrom(1, MOVED_V4);
            for (int reporter = 2; reporter <= AddressCheck.ADDRESS_CHECK_CACHE_SIZE; reporter++) {
                reportFrom(reporter, sa("192.0.2." + reporter + ":5150"));
            }
            reportFrom(1, MOVED_V4);
            for (int reporter = 11; reporter <= 13; reporter++) {
                reportFrom(reporter, MOVED_V4);
            }
            assertThat(reportFrom(14, MOVED_V4)).as("reporters 2..5 were forgotten, not 1").isEqualTo(UPDATE);
        }

        @Test
        void whileFiveBlocksAgreeEveryReportDetects() {
            for (int reporter = 1; reporter <= AddressCheck.ADDRESS_CONSISTENCY_DETECTION_COUNT; reporter++) {
                reportFrom(reporter, MOVED_V4);
            }
            assertThat(reportFrom(6, sa("192.0.2.50:5150"))).isEqualTo(UPDATE);
            assertThat(dialInfoUpdates).containsExactly(PUBLIC, PUBLIC);
        }

        @Test
        void withoutAddressChangeDetectionNothingIsRecorded() {
            AddressCheck fixed = check(false, false);
            fixed.reportPeerInfoChange(PUBLIC, outboundOnly());
            for (int reporter = 1; reporter <= AddressCheck.ADDRESS_CONSISTENCY_DETECTION_COUNT + 1; reporter++) {
                assertThat(report(fixed, MOVED_V4, Optional.empty(), flowFrom(reporter)))
                        .isEqualTo(ignored(IgnoreReason.DETECTION_DISABLED));
            }
            assertThat(dialInfoUpdates).isEmpty();
            assertThat(detections(PUBLIC)).isZero();
        }

        @Test
        void aNewPeerInfoClearsTheReporters() {
            for (int reporter = 1; reporter < AddressCheck.ADDRESS_CONSISTENCY_DETECTION_COUNT; reporter++) {
                reportFrom(reporter, MOVED_V4);
            }
            check.reportPeerInfoChange(PUBLIC, outboundOnly());
            assertThat(reportFrom(5, MOVED_V4)).isEqualTo(new Counted(1));
        }
    }

    @Nested
    class PeerInfoChanges {
        private final AddressCheck check = detecting();

        private static SocketAddress ours(AddressType addressType) {
            return addressType == AddressType.IPV4 ? OURS_V4 : OURS_V6;
        }

        private static SocketAddress moved(AddressType addressType) {
            return addressType == AddressType.IPV4 ? MOVED_V4 : MOVED_V6;
        }

        private AddressCheckOutcome moveAway(ProtocolType protocol, AddressType addressType) {
            return report(check, moved(addressType), Optional.of(ours(addressType)), flowFrom(1, protocol, addressType));
        }

        private AddressCheckOutcome agree(int reporter, ProtocolType protocol, AddressType addressType) {
            return report(check, moved(addressType), Optional.empty(), flowFrom(reporter, protocol, addressType));
        }

        @Test
        void aNewPeerInfoClearsTheCountsOfEveryProtocolAndAddressType() {
            check.reportPeerInfoChange(PUBLIC, inboundCapable(DialInfoClass.DIRECT));
            for (ProtocolType protocol : ProtocolType.values()) {
                for (AddressType addressType : AddressType.values()) {
                    for (int i = 0; i < AddressCheck.ADDRESS_INCONSISTENCY_DETECTION_COUNT - 1; i++) {
                        moveAway(protocol, addressType);
                    }
                }
            }
            check.reportPeerInfoChange(PUBLIC, inboundCapable(DialInfoClass.DIRECT));
            for (ProtocolType protocol : ProtocolType.values()) {
                for (AddressType addressType : AddressType.values()) {
                    assertThat(moveAway(protocol, addressType)).as(protocol + " " + addressType)
                            .isEqualTo(new Counted(1));
                }
            }
        }

        @Test
        void aNewPeerInfoClearsTheReportersOfEveryProtocolAndAddressType() {
            check.reportPeerInfoChange(PUBLIC, outboundOnly());
            for (ProtocolType protocol : ProtocolType.values()) {
                for (AddressType addressType : AddressType.values()) {
                    for (int reporter = 1; reporter < AddressCheck.ADDRESS_CONSISTENCY_DETECTION_COUNT; reporter++) {
                        agree(reporter, protocol, addressType);
                    }
                }
            }
            check.reportPeerInfoChange(PUBLIC, outboundOnly());
            for (ProtocolType protocol : ProtocolType.values()) {
                for (AddressType addressType : AddressType.values()) {
                    assertThat(agree(5, protocol, addressType)).as(protocol + " " + addressType)
                            .isEqualTo(new Counted(1));
                }
            }
        }

        @Test
        void anotherDomainsPeerInfoLeavesPublicInternetAlone() {
            check.reportPeerInfoChange(PUBLIC, inboundCapable(DialInfoClass.DIRECT));
            movedAway(check);
            check.reportPeerInfoChange(RoutingDomain.LOCAL_NETWORK, inboundCapable(DialInfoClass.DIRECT));
            check.reportPeerInfoChange(RoutingDomain.LOCAL_NETWORK, Optional.empty());
            assertThat(movedAway(check)).isEqualTo(new Counted(2));
        }
    }

    @Nested
    class Detection {
        private final Logger logger = (Logger) LoggerFactory.getLogger(AddressCheck.class);
        private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
        private Level previousLevel;

        @BeforeEach
        void captureLogs() {
            previousLevel = logger.getLevel();
            logger.setLevel(Level.INFO);
            logs.start();
            logger.addAppender(logs);
        }

        @AfterEach
        void releaseLogs() {
            logger.detachAppender(logs);
            logger.setLevel(previousLevel);
        }

        private List<String> logged(Level level) {
            return logs.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
        }

        private AddressCheckOutcome detectInboundCapable(AddressCheck check) {
            check.reportPeerInfoChange(PUBLIC, inboundCapable(DialInfoClass.DIRECT));
            AddressCheckOutcome outcome = null;
            for (int i = 0; i < AddressCheck.ADDRESS_INCONSISTENCY_DETECTION_COUNT; i++) {
                outcome = movedAway(check);
            }
            return outcome;
        }

        @Test
        void withAddressChangeDetectionOurDialInfoIsRedetected() {
            assertThat(detectInboundCapable(check(true, false))).isEqualTo(UPDATE);
            assertThat(dialInfoUpdates).containsExactly(PUBLIC);
            assertThat(logged(Level.INFO)).containsExactly("PUBLIC_INTERNET address has changed, detecting dial info");
            assertThat(logged(Level.WARN)).isEmpty();
            assertThat(detections(PUBLIC)).isEqualTo(1);
            assertThat(detections(RoutingDomain.LOCAL_NETWORK)).isZero();
        }

        @Test
        void withoutAddressChangeDetectionOnlyAWarningIsLogged() {
            assertThat(detectInboundCapable(check(false, false))).isEqualTo(RESTART);
            assertThat(dialInfoUpdates).isEmpty();
            assertThat(logged(Level.WARN))
                    .containsExactly("PUBLIC_INTERNET address may have changed. Restarting the server may be required.");
            assertThat(logged(Level.INFO)).isEmpty();
            assertThat(detections(PUBLIC)).as("counted either way").isEqualTo(1);
        }

        @Test
        void aNodeThatRequiresAnInboundRelayNeverDetects() {
            for (boolean detectAddressChanges : new boolean[] {true, false}) {
                assertThat(detectInboundCapable(check(detectAddressChanges, true)))
                        .isEqualTo(ignored(IgnoreReason.INBOUND_RELAY_REQUIRED));
            }
            assertThat(dialInfoUpdates).isEmpty();
            assertThat(logs.list).isEmpty();
            assertThat(detections(PUBLIC)).isZero();
        }
    }

    @Test
    void concurrentReportsAreEachCountedOnce() throws Exception {
        AddressCheck check = detecting();
        int threads = 8;
        int reportsPerRound = 2;
        int rounds = 500;
        ConcurrentLinkedQueue<AddressCheckOutcome> outcomes = new ConcurrentLinkedQueue<>();
        // Each round starts from a fresh peer info, so that every round races through the counts 1..4.
        CyclicBarrier nextRound = new CyclicBarrier(threads,
                () -> check.reportPeerInfoChange(PUBLIC, inboundCapable(DialInfoClass.DIRECT)));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int round = 0; round < rounds; round++) {
                        nextRound.await();
                        for (int i = 0; i < reportsPerRound; i++) {
                            outcomes.add(movedAway(check));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int below = AddressCheck.ADDRESS_INCONSISTENCY_DETECTION_COUNT - 1;
        for (int count = 1; count <= below; count++) {
            assertThat(outcomes).as("Counted(%d) once per round", count)
                    .filteredOn(new Counted(count)::equals).hasSize(rounds);
        }
        int detectionsExpected = rounds * (threads * reportsPerRound - below);
        assertThat(detections(PUBLIC)).isEqualTo(detectionsExpected);
        assertThat(dialInfoUpdates).hasSize(detectionsExpected);
    }

    /** The Network may republish our peer info from within trigger_update_dial_info, on another thread. */
    @Test
    void theInjectedFunctionsAreCalledWithoutHoldingTheLock() {
        ExecutorService network = Executors.newSingleThreadExecutor();
        AtomicReference<AddressCheck> self = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        Runnable republishFromAnotherThread = () -> {
            calls.incrementAndGet();
            assertThat(network.submit(() -> self.get().reportPeerInfoChange(RoutingDomain.LOCAL_NETWORK,
                    Optional.empty()))).succeedsWithin(Duration.ofSeconds(5));
        };
        try {
            AddressCheck check = new AddressCheck(AddressCheckConfig.of(true, false), (protocol, addressType) -> {
                republishFromAnotherThread.run();
                return Optional.of(local(addressType));
            }, routingDomain -> republishFromAnotherThread.run(), registry);
            self.set(check);
            check.reportPeerInfoChange(PUBLIC, inboundCapable(DialInfoClass.DIRECT));
            AddressCheckOutcome outcome = null;
            for (int i = 0; i < AddressCheck.ADDRESS_INCONSISTENCY_DETECTION_COUNT; i++) {
                outcome = movedAway(check);
            }
            assertThat(outcome).isEqualTo(UPDATE);
            assertThat(calls).as("5 listener look-ups and 1 dial-info update").hasValue(6);
        } finally {
            network.shutdownNow();
        }
    }

    @Test
    void anIp6PrefixSizeOutside0To128IsRefused() {
        assertThatThrownBy(() -> new AddressCheckConfig(true, 129, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..128");
        assertThat(AddressCheckConfig.of(true, false).ip6PrefixSize()).isEqualTo(56);
    }
}
