package io.veilflux.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.net.Address;
import io.veilflux.net.DialInfo;
import io.veilflux.net.Flow;
import io.veilflux.net.PeerAddress;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The table's bookkeeping alone, with links that never touch a socket. */
class ConnectionTableTest {
    private static final SocketAddress LOCAL = SocketAddress.parse("10.0.0.1:5150");

    private final RecordingGate gate = new RecordingGate();
    private final ConnectionTable table = new ConnectionTable(Map.of(ProtocolType.TCP, 2, ProtocolType.WS, 4), gate);
    private long ids;

    private static final class IdleLink implements MessageLink {
        @Override
        public Flux<byte[]> receive() {
            return Flux.never();
        }

        @Override
        public Mono<Void> send(Publisher<byte[]> messages) {
            return Mono.never();
        }

        @Override
        public void close() {
        }

        @Override
        public Mono<Void> onClose() {
            return Mono.never();
        }
    }

    private NetworkConnection connection(ProtocolType protocol, String remote) {
        Flow flow = Flow.of(new PeerAddress(protocol, SocketAddress.parse(remote)), LOCAL);
        return new NetworkConnection(ids++, flow, Optional.empty(), new IdleLink(), 16);
    }

    private static Optional<NetworkConnection> evicted(ConnectionTable.AddResult result) {
        assertThat(result).isInstanceOf(ConnectionTable.AddResult.Added.class);
        return ((ConnectionTable.AddResult.Added) result).evicted();
    }

    private static ConnectionTable.Refusal refusal(ConnectionTable.AddResult result) {
        assertThat(result).isInstanceOf(ConnectionTable.AddResult.Refused.class);
        return ((ConnectionTable.AddResult.Refused) result).refusal();
    }

    @Test
    void theLeastRecentlyUsedGoesFirst() {
        NetworkConnection first = connection(ProtocolType.TCP, "1.1.1.1:1");
        NetworkConnection second = connection(ProtocolType.TCP, "1.1.1.2:1");
        assertThat(evicted(table.add(first))).isEmpty();
        assertThat(evicted(table.add(second))).isEmpty();
        table.touch(first);
        assertThat(evicted(table.add(connection(ProtocolType.TCP, "1.1.1.3:1")))).containsSame(second);
        assertThat(table.connections(ProtocolType.TCP)).extracting(c -> c.flow().remote().socketAddress().toString())
                .containsExactly("1.1.1.1:1", "1.1.1.3:1");
        assertThat(gate.open).doesNotContainKey(Address.parse("1.1.1.2"));
    }

    @Test
    void protectedInUseAndPriorityConnectionsAreSpared() throws Exception {
        // WS: 4 connections, 25 % of them (1) priority flows
        NetworkConnection relay = connection(ProtocolType.WS, "1.1.1.1:1");
        NetworkConnection relaying = connection(ProtocolType.WS, "1.1.1.2:1");
        NetworkConnection busy = connection(ProtocolType.WS, "1.1.1.3:1");
        NetworkConnection idle = connection(ProtocolType.WS, "1.1.1.4:1");
        relay.setProtected(true);
        for (NetworkConnection c : new NetworkConnection[] {relay, relaying, busy, idle}) {
            table.add(c);
        }
        table.addPriorityFlow(relaying.flow());
        NetworkConnection fifth = connection(ProtocolType.WS, "1.1.1.5:1");
        try (AutoCloseable scope = busy.use(); AutoCloseable alsoBusy = fifth.use()) {
            assertThat(evicted(table.add(fifth))).containsSame(idle);
            NetworkConnection newcomer = connection(ProtocolType.WS, "1.1.1.6:1");
            assertThat(refusal(table.add(newcomer))).isEqualTo(ConnectionTable.Refusal.TABLE_FULL);
            assertThat(gate.open).as("a refused connection gives its slot back").doesNotContainKey(Address.parse("1.1.1.6"));
        }
        assertThat(evicted(table.add(connection(ProtocolType.WS, "1.1.1.7:1")))).as("the least recently used, now idle")
                .containsSame(busy);
    }

    @Test
    void aTinyTableHasNoPriorityFlows() {
        NetworkConnection first = connection(ProtocolType.TCP, "1.1.1.1:1");
        table.add(first);
        table.add(connection(ProtocolType.TCP, "1.1.1.2:1"));
        table.addPriorityFlow(first.flow());
        assertThat(evicted(table.add(connection(ProtocolType.TCP, "1.1.1.3:1")))).as("2 × 25 % rounds to none").containsSame(first);
    }

    @Test
    void aFullOutboundQueueIsNotSent() {
        NetworkConnection connection = connection(ProtocolType.TCP, "1.1.1.1:1");
        for (int i = 0; i < 16; i++) {
            assertThat(connection.send(new byte[] {(byte) i})).isTrue();
        }
        assertThat(connection.send(new byte[] {16})).as("the 17th waits on a queue of 16").isFalse();
    }

    @Test
    void aKnownFlowOrAFilteredAddressIsRefused() {
        NetworkConnection one = connection(ProtocolType.WS, "1.1.1.1:1");
        table.add(one);
        NetworkConnection sameFlow = new NetworkConnection(ids++, one.flow(), Optional.empty(), new IdleLink(), 16);
        assertThat(refusal(table.add(sameFlow))).isEqualTo(ConnectionTable.Refusal.ALREADY_EXISTS);
        gate.perIpLimit = 1;
        assertThat(refusal(table.add(connection(ProtocolType.WS, "1.1.1.1:2")))).isEqualTo(ConnectionTable.Refusal.ADDRESS_FILTER);
    }

    @Test
    void theBestConnectionPrefersOurListeningPortThenTheNewest() {
        PeerAddress remote = new PeerAddress(ProtocolType.WS, SocketAddress.parse("2.2.2.2:5150"));
        NetworkConnection fromListener = new NetworkConnection(ids++, Flow.of(remote, LOCAL), Optional.empty(), new IdleLink(), 16);
        NetworkConnection ephemeral = new NetworkConnection(ids++, Flow.of(remote, SocketAddress.parse("10.0.0.1:40000")),
                Optional.empty(), new IdleLink(), 16);
        table.add(fromListener);
        table.add(ephemeral);
        assertThat(table.bestByRemote(5150, remote)).containsSame(fromListener);
        assertThat(table.bestByRemote(1, remote)).containsSame(ephemeral);
        assertThat(table.hasCollidingConnection(DialInfo.tcp(remote.socketAddress()))).isTrue();
        assertThat(table.hasCollidingConnection(DialInfo.tcp(SocketAddress.parse("2.2.2.3:5150")))).isFalse();
        assertThat(table.remove(fromListener)).isTrue();
        assertThat(table.remove(fromListener)).isFalse();
    }
}
