package io.veilflux.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.net.Address;
import io.veilflux.net.DialInfo;
import io.veilflux.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.scheduler.VirtualTimeScheduler;

class AddressFilterTest {
    private static final Address HOST = Address.parse("198.51.100.1");
    private static final Address OTHER_HOST = Address.parse("198.51.100.2");
    private static final DialInfo DIAL_INFO = new DialInfo.Udp(SocketAddress.parse("198.51.100.1:5150"));
    private static final long MINUTE = TimeUnit.MINUTES.toMicros(1);

    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    private final RecordingListener listener = new RecordingListener();
    private final AddressFilter filter = new AddressFilter(AddressFilterConfig.defaults(), clock, listener);

    @AfterEach
    void disposeClock() {
        clock.dispose();
    }

    static NodeId nodeId(int n) {
        return NodeId.of(CryptoKind.VLD0, ByteBuffer.allocate(32).putInt(n).array());
    }

    private long now() {
        return clock.now(TimeUnit.MICROSECONDS);
    }

    private void advance(Duration duration) {
        clock.advanceTimeBy(duration);
    }

    // ---- connection limits ----

    @Test
    void the33rdConnectionFromOneIpv4AddressIsRefusedAndAnotherAddressIsNot() {
        for (int i = 0; i < 32; i++) {
            assertThat(filter.addConnection(HOST)).isEqualTo(AddConnectionResult.ACCEPTED);
        }
        assertThat(filter.addConnection(HOST)).isEqualTo(AddConnectionResult.COUNT_EXCEEDED);
        assertThat(filter.connectionCount(HOST)).isEqualTo(32);
        assertThat(filter.addConnection(OTHER_HOST)).isEqualTo(AddConnectionResult.ACCEPTED);

        assertThat(filter.removeConnection(HOST)).isEqualTo(RemoveConnectionResult.REMOVED);
        assertThat(filter.connectionCount(HOST)).isEqualTo(31);
        assertThat(filter.addConnection(HOST)).isEqualTo(AddConnectionResult.ACCEPTED);
    }

    @Test
    void ipv6AddressesInOneSlash56ShareTheLimit() {
        for (int i = 1; i <= 32; i++) {
            Address address = Address.parse(String.format("2001:db8:1:23%02x::%x", i, i));
            assertThat(filter.addConnection(address)).as("connection %d", i).isEqualTo(AddConnectionResult.ACCEPTED);
        }
        assertThat(filter.addConnection(Address.parse("2001:db8:1:23ff:ffff::9")))
                .isEqualTo(AddConnectionResult.COUNT_EXCEEDED);
        assertThat(filter.connectionCount(Address.parse("2001:db8:1:2300::"))).isEqualTo(32);
        assertThat(filter.addConnection(Address.parse("2001:db8:1:2400::1"))).isEqualTo(AddConnectionResult.ACCEPTED);
    }

    @Test
    void the129thConnectionWithinAMinuteIsRefusedUntilTheOldestIsAMinuteOld() {
        for (int i = 0; i < 64; i++) {
            openAndClose(HOST);
        }
        advance(Duration.ofSeconds(30));
        for (int i = 0; i < 64; i++) {
            openAndClose(HOST);
        }
        assertThat(filter.connectionCount(HOST)).isZero();
        assertThat(filter.addConnection(HOST)).isEqualTo(AddConnectionResult.RATE_EXCEEDED);
        assertThat(filter.addConnection(OTHER_HOST)).isEqualTo(AddConnectionResult.ACCEPTED);

        advance(Duration.ofSeconds(30).minusNanos(1000));
        assertThat(filter.addConnection(HOST)).as("59.999999 s after the first 64").isEqualTo(AddConnectionResult.RATE_EXCEEDED);
        advance(Duration.ofNanos(1000));
        // The first 64 are now exactly 60 s old and no longer count.
        for (int i = 0; i < 64; i++) {
            assertThat(filter.addConnection(HOST)).isEqualTo(AddConnectionResult.ACCEPTED);
            assertThat(filter.removeConnection(HOST)).isEqualTo(RemoveConnectionResult.REMOVED);
        }
        assertThat(filter.addConnection(HOST)).isEqualTo(AddConnectionResult.RATE_EXCEEDED);
    }

    private void openAndClose(Address address) {
        assertThat(filter.addConnection(address)).isEqualTo(AddConnectionResult.ACCEPTED);
        assertThat(filter.removeConnection(address)).isEqualTo(RemoveConnectionResult.REMOVED);
    }

    @Test
    void theCountIsCheckedBeforeTheRate() {
        AddressFilterConfig d = AddressFilterConfig.defaults();
        AddressFilter tight = new AddressFilter(new AddressFilterConfig(2, 2, 56, 2, d.punishmentDuration(),
                d.dialInfoFailureDuration(), d.maxPunishmentsByNodeId(), d.maxDialInfoFailures(), d.taskInterval()), clock);
        tight.addConnection(HOST);
        tight.addConnection(HOST);
        // Both limits are reached; Veilid reports the count.
        assertThat(tight.addConnection(HOST)).isEqualTo(AddConnectionResult.COUNT_EXCEEDED);
        tight.removeConnection(HOST);
        assertThat(tight.addConnection(HOST)).isEqualTo(AddConnectionResult.RATE_EXCEEDED);
    }

    @Test
    void removingAnAddressThatHasNoOpenConnectionIsReported() {
        assertThat(filter.removeConnection(HOST)).isEqualTo(RemoveConnectionResult.ADDRESS_NOT_IN_TABLE);
        openAndClose(HOST);
        assertThat(filter.removeConnection(HOST)).isEqualTo(RemoveConnectionResult.ADDRESS_NOT_IN_TABLE);

        // A refused connection is not counted, so it cannot be removed either.
        filter.punishIpAddr(OTHER_HOST, PunishmentReason.MANUAL);
        assertThat(filter.addConnection(OTHER_HOST)).isEqualTo(AddConnectionResult.PUNISHED);
        assertThat(filter.removeConnection(OTHER_HOST)).isEqualTo(RemoveConnectionResult.ADDRESS_NOT_IN_TABLE);
        Address busy = Address.parse("198.51.100.3");
        for (int i = 0; i < 128; i++) {
            openAndClose(busy);
        }
        assertThat(filter.addConnection(busy)).isEqualTo(AddConnectionResult.RATE_EXCEEDED);
        assertThat(filter.removeConnection(busy)).isEqualTo(RemoveConnectionResult.ADDRESS_NOT_IN_TABLE);
    }

    // ---- punishments ----

    @Test
    void punishingAnAddressPunishesItsBlockUntilForgiven() {
        advance(Duration.ofSeconds(5));
        filter.punishIpAddr(HOST, PunishmentReason.SHORT_PACKET);
        assertThat(filter.isIpAddrPunished(HOST)).isTrue();
        assertThat(filter.ipAddrPunishment(HOST)).contains(new Punishment(PunishmentReason.SHORT_PACKET, 5_000_000));
        assertThat(filter.addConnection(HOST)).isEqualTo(AddConnectionResult.PUNISHED);
        assertThat(filter.isIpAddrPunished(OTHER_HOST)).isFalse();

        filter.punishIpAddr(Address.parse("2001:db8:1:2345::1"), PunishmentReason.INVALID_FRAMING);
        assertThat(filter.isIpAddrPunished(Address.parse("2001:db8:1:23aa::7"))).isTrue();
        assertThat(filter.addConnection(Address.parse("2001:db8:1:2300::"))).isEqualTo(AddConnectionResult.PUNISHED);
        assertThat(filter.isIpAddrPunished(Address.parse("2001:db8:1:2400::1"))).isFalse();

        filter.forgiveIpAddr(HOST);
        filter.forgiveIpAddr(Address.parse("2001:db8:1:23ff::"));
        assertThat(filter.isIpAddrPunished(HOST)).isFalse();
        assertThat(filter.isIpAddrPunished(Address.parse("2001:db8:1:2345::1"))).isFalse();
        assertThat(filter.addConnection(HOST)).isEqualTo(AddConnectionResult.ACCEPTED);
    }

    @Test
    void punishingANodeIdTellsTheListenerAndForgivingClearsIt() {
        NodeId node = nodeId(1);
        filter.punishNodeId(node, PunishmentReason.WRONG_SENDER_PEER_INFO);
        assertThat(filter.isNodeIdPunished(node)).isTrue();
        assertThat(filter.isNodeIdPunished(nodeId(2))).isFalse();
        assertThat(filter.nodeIdPunishment(node)).contains(new Punishment(PunishmentReason.WRONG_SENDER_PEER_INFO, 0));

        filter.forgiveNodeId(node);
        assertThat(filter.isNodeIdPunished(node)).isFalse();
        assertThat(listener.events).containsExactly("punished " + node + " wrong_sender_peer_info", "forgiven " + node);
    }

    @Test
    void punishmentsLapseStrictlyAfterTheirDuration() {
        filter.punishIpAddr(HOST, PunishmentReason.MANUAL);
        filter.punishNodeId(nodeId(1), PunishmentReason.MANUAL);
        filter.purge(60 * MINUTE);
        assertThat(filter.isIpAddrPunished(HOST)).as("exactly 60 min old").isTrue();
        assertThat(filter.isNodeIdPunished(nodeId(1))).isTrue();
        filter.purge(60 * MINUTE + 1);
        assertThat(filter.isIpAddrPunished(HOST)).isFalse();
        assertThat(filter.isNodeIdPunished(nodeId(1))).isFalse();
        assertThat(listener.events).containsExactly("punished " + nodeId(1) + " manual", "forgiven " + nodeId(1));
    }

    @Test
    void thePurgeTaskLiftsPunishmentsUnderVirtualTimeAndStopsWhenDisposed() {
        NodeId node = nodeId(7);
        filter.punishIpAddr(HOST, PunishmentReason.FAILED_TO_DECODE_ENVELOPE);
        filter.punishNodeId(node, PunishmentReason.FAILED_TO_DECODE_OPERATION);
        Disposable task = filter.startPurgeTask(clock);

        advance(Duration.ofMinutes(30));
        filter.punishIpAddr(OTHER_HOST, PunishmentReason.MANUAL);
        advance(Duration.ofMinutes(30));
        assertThat(filter.isIpAddrPunished(HOST)).as("purged at exactly 60 min").isTrue();
        assertThat(filter.isNodeIdPunished(node)).isTrue();

        advance(Duration.ofMinutes(1));
        assertThat(filter.isIpAddrPunished(HOST)).isFalse();
        assertThat(filter.isNodeIdPunished(node)).isFalse();
        assertThat(listener.events).containsExactly("punished " + node + " failed_to_decode_operation", "forgiven " + node);
        assertThat(filter.isIpAddrPunished(OTHER_HOST)).as("punished 31 min ago").isTrue();

        advance(Duration.ofMinutes(30));
        assertThat(filter.isIpAddrPunished(OTHER_HOST)).isFalse();

        task.dispose();
        filter.punishIpAddr(HOST, PunishmentReason.MANUAL);
        advance(Duration.ofHours(3));
        assertThat(filter.isIpAddrPunished(HOST)).as("no purge after dispose").isTrue();
    }

    @Test
    void punishingAgainRestartsThePunishment() {
        filter.punishIpAddr(HOST, PunishmentReason.SHORT_PACKET);
        advance(Duration.ofMinutes(30));
        filter.punishIpAddr(HOST, PunishmentReason.INVALID_FRAMING);
        assertThat(filter.ipAddrPunishment(HOST)).contains(new Punishment(PunishmentReason.INVALID_FRAMING, 30 * MINUTE));
        filter.purge(61 * MINUTE);
        assertThat(filter.isIpAddrPunished(HOST)).isTrue();
        filter.purge(91 * MINUTE);
        assertThat(filter.isIpAddrPunished(HOST)).isFalse();
    }

    @Test
    void aFullNodeIdTableStoresNothingButTheListenerStillHears() {
        AddressFilter small = new AddressFilter(withCaps(3, 65536), clock, listener);
        for (int i = 0; i < 3; i++) {
            small.punishNodeId(nodeId(i), PunishmentReason.MANUAL);
        }
        assertThat(small.isNodeIdPunished(nodeId(2))).isTrue();

        advance(Duration.ofMinutes(1));
        listener.events.clear();
        small.punishNodeId(nodeId(3), PunishmentReason.WRONG_SENDER_PEER_INFO);
        assertThat(small.isNodeIdPunished(nodeId(3))).isFalse();
        assertThat(listener.events).containsExactly("punished " + nodeId(3) + " wrong_sender_peer_info");
        // Not even a refresh of an existing entry.
        small.punishNodeId(nodeId(0), PunishmentReason.WRONG_SENDER_PEER_INFO);
        assertThat(small.nodeIdPunishment(nodeId(0))).contains(new Punishment(PunishmentReason.MANUAL, 0));

        small.forgiveNodeId(nodeId(0));
        small.punishNodeId(nodeId(3), PunishmentReason.WRONG_SENDER_PEER_INFO);
        assertThat(small.isNodeIdPunished(nodeId(3))).isTrue();
    }

    private static AddressFilterConfig withCaps(int maxPunishmentsByNodeId, int maxDialInfoFailures) {
        AddressFilterConfig d = AddressFilterConfig.defaults();
        return new AddressFilterConfig(d.maxConnectionsPerIp4(), d.maxConnectionsPerIp6Prefix(),
                d.maxConnectionsPerIp6PrefixSize(), d.maxConnectionFrequencyPerMin(), d.punishmentDuration(),
                d.dialInfoFailureDuration(), maxPunishmentsByNodeId, maxDialInfoFailures, d.taskInterval());
    }

    @Test
    void clearingPunishmentsAlsoForgetsDialInfoFailuresButNotConnections() {
        filter.addConnection(OTHER_HOST);
        filter.punishIpAddr(HOST, PunishmentReason.MANUAL);
        filter.punishNodeId(nodeId(1), PunishmentReason.MANUAL);
        filter.setDialInfoFailed(DIAL_INFO);

        filter.clearPunishments();
        assertThat(filter.isIpAddrPunished(HOST)).isFalse();
        assertThat(filter.isNodeIdPunished(nodeId(1))).isFalse();
        assertThat(filter.getDialInfoFailedTs(DIAL_INFO)).isEmpty();
        assertThat(filter.connectionCount(OTHER_HOST)).isEqualTo(1);
        assertThat(listener.events).endsWith("cleared");
    }

    @Test
    void aFailingListenerDoesNotStopPunishmentsOrThePurge() {
        AddressFilter withBadListener = new AddressFilter(AddressFilterConfig.defaults(), clock, new PunishmentListener() {
            @Override
            public void onNodeIdPunished(NodeId nodeId, PunishmentReason reason) {
                throw new IllegalStateException("routing table is gone");
            }

            @Override
            public void onNodeIdForgiven(NodeId nodeId) {
                throw new IllegalStateException("routing table is gone");
            }
        });
        withBadListener.punishNodeId(nodeId(1), PunishmentReason.MANUAL);
        withBadListener.punishNodeId(nodeId(2), PunishmentReason.MANUAL);
        assertThat(withBadListener.isNodeIdPunished(nodeId(1))).isTrue();

        withBadListener.purge(61 * MINUTE);
        assertThat(withBadListener.isNodeIdPunished(nodeId(1))).isFalse();
        assertThat(withBadListener.isNodeIdPunished(nodeId(2))).isFalse();
    }

    // ---- dial-info failures ----

    @Test
    void dialInfoFailuresAreRememberedForStrictlyTenMinutes() {
        advance(Duration.ofSeconds(1));
        filter.setDialInfoFailed(DIAL_INFO);
        assertThat(filter.getDialInfoFailedTs(DIAL_INFO)).isEqualTo(OptionalLong.of(1_000_000));
        assertThat(filter.getDialInfoFailedTs(new DialInfo.Tcp(DIAL_INFO.socketAddress()))).isEmpty();

        filter.purge(1_000_000 + 10 * MINUTE);
        assertThat(filter.getDialInfoFailedTs(DIAL_INFO)).isPresent();
        filter.purge(1_000_000 + 10 * MINUTE + 1);
        assertThat(filter.getDialInfoFailedTs(DIAL_INFO)).isEmpty();
    }

    @Test
    void thePurgeTaskForgetsDialInfoFailuresUnderVirtualTime() {
        Disposable task = filter.startPurgeTask(clock);
        advance(Duration.ofSeconds(1));
        filter.setDialInfoFailed(DIAL_INFO);
        advance(Duration.ofMinutes(10));
        assertThat(filter.getDialInfoFailedTs(DIAL_INFO)).as("9:59 old at the last purge").isPresent();
        advance(Duration.ofMinutes(1));
        assertThat(filter.getDialInfoFailedTs(DIAL_INFO)).isEmpty();
        task.dispose();
    }

    @Test
    void aFullDialInfoTableIgnoresNewFailuresAndRefreshes() {
        AddressFilter small = new AddressFilter(withCaps(65536, 2), clock);
        DialInfo second = new DialInfo.Tcp(SocketAddress.parse("198.51.100.1:5150"));
        DialInfo third = new DialInfo.Udp(SocketAddress.parse("198.51.100.2:5150"));
        small.setDialInfoFailed(DIAL_INFO);
        small.setDialInfoFailed(second);
        advance(Duration.ofMinutes(1));
        small.setDialInfoFailed(third);
        small.setDialInfoFailed(DIAL_INFO);
        assertThat(small.getDialInfoFailedTs(third)).isEmpty();
        assertThat(small.getDialInfoFailedTs(DIAL_INFO)).isEqualTo(OptionalLong.of(0));
    }

    // ---- restart ----

    @Test
    void restartForgetsConnectionCountsAndDialInfoFailuresOnly() {
        for (int i = 0; i < 96; i++) {
            openAndClose(HOST);
        }
        for (int i = 0; i < 32; i++) {
            filter.addConnection(HOST);
        }
        filter.punishIpAddr(OTHER_HOST, PunishmentReason.MANUAL);
        filter.punishNodeId(nodeId(1), PunishmentReason.MANUAL);
        filter.setDialInfoFailed(DIAL_INFO);

        filter.restart();
        assertThat(filter.connectionCount(HOST)).isZero();
        assertThat(filter.removeConnection(HOST)).isEqualTo(RemoveConnectionResult.ADDRESS_NOT_IN_TABLE);
        assertThat(filter.getDialInfoFailedTs(DIAL_INFO)).isEmpty();
        assertThat(filter.isIpAddrPunished(OTHER_HOST)).isTrue();
        assertThat(filter.isNodeIdPunished(nodeId(1))).isTrue();
        // 128 connections were opened in this minute: the rate limit survives the restart.
        assertThat(filter.addConnection(HOST)).isEqualTo(AddConnectionResult.RATE_EXCEEDED);
    }

    /** Records listener calls as short strings. */
    static final class RecordingListener implements PunishmentListener {
        final List<String> events = new ArrayList<>();

        @Override
        public synchronized void onNodeIdPunished(NodeId nodeId, PunishmentReason reason) {
            events.add("punished " + nodeId + " " + reason.label());
        }

        @Override
        public synchronized void onNodeIdForgiven(NodeId nodeId) {
            events.add("forgiven " + nodeId);
        }

        @Override
        public synchronized void onPunishmentsCleared() {
            events.add("cleared");
        }
    }
}
