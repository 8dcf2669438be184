package io.veilflux.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.net.Address;
import io.veilflux.net.DialInfo;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class ConnectionManagerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SocketAddress LOOPBACK = SocketAddress.parse("127.0.0.1:0");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TransportMeters meters = new TransportMeters(registry);
    private final TransportLoops loops = TransportLoops.create("test");
    private final List<ConnectionManager> managers = new ArrayList<>();
    private final Random random = new Random(3);

    private record Node(ConnectionManager manager, InboundChannel inbound, SocketAddress address, RecordingGate gate,
                        ReceivedPackets received) {
        InboundPacket next() throws InterruptedException {
            return received.next();
        }
    }

    private Node node(ConnectionConfig config, reactor.core.scheduler.Scheduler timer) {
        InboundChannel inbound = new InboundChannel(256, meters);
        RecordingGate gate = new RecordingGate();
        ConnectionManager manager = new ConnectionManager(config, loops, inbound, meters, gate, timer);
        managers.add(manager);
        SocketAddress address = manager.listen(LOOPBACK).block(WAIT);
        return new Node(manager, inbound, address, gate, ReceivedPackets.of(inbound.packets()));
    }

    private Node node() {
        return node(ConnectionConfig.defaults(), Schedulers.parallel());
    }

    @AfterEach
    void stop() {
        managers.forEach(m -> m.shutdown().block(WAIT));
        loops.disposeLater().block(WAIT);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static DialInfo tcp(SocketAddress address) {
        return DialInfo.tcp(address);
    }

    private static DialInfo ws(SocketAddress address) {
        return DialInfo.ws(address, "ws://" + address + "/ws");
    }

    @Test
    void tcpAndWsRoundTripFromTheListeningPort() throws InterruptedException {
        Node a = node();
        for (boolean webSocket : List.of(false, true)) {
            // a fresh peer each time: a second connection between the same two ports could not
            // leave from the listening port while the first one's tuple lingers
            Node b = node();
            DialInfo target = webSocket ? ws(b.address()) : tcp(b.address());
            byte[] hello = bytes(1000);
            byte[] largest = bytes(UdpTransport.MAX_MESSAGE_SIZE);
            byte[] empty = new byte[0];
            NetworkConnection out = a.manager().getOrCreate(target).block(WAIT);
            assertThat(out.flow().local()).contains(a.address());
            assertThat(out.send(hello)).isTrue();
            assertThat(out.send(largest)).isTrue();
            assertThat(out.send(empty)).isTrue();
            InboundPacket first = b.next();
            assertThat(first.data()).isEqualTo(hello);
            assertThat(first.flow().protocol()).isEqualTo(target.protocol());
            assertThat(first.flow().remote().socketAddress()).as("the dialler leaves from its listening port")
                    .isEqualTo(a.address());
            assertThat(b.next().data()).isEqualTo(largest);
            assertThat(b.next().data()).isEmpty();
            assertThat(b.manager().connection(first.flow()).orElseThrow().send(new byte[] {42})).isTrue();
            assertThat(a.next().data()).containsExactly(42);
            assertThat(a.manager().getOrCreate(target).block(WAIT)).as("an open connection is reused").isSameAs(out);
            out.close();
            out.onClose().block(WAIT);
        }
    }

    @Test
    void anOversizeMessageIsTheCallersError() {
        Node a = node();
        Node b = node();
        NetworkConnection out = a.manager().getOrCreate(tcp(b.address())).block(WAIT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> out.send(new byte[UdpTransport.MAX_MESSAGE_SIZE + 1]))
                .hasMessageContaining("exceeds the maximum of 65507");
    }

    private static Socket connect(SocketAddress to) throws IOException {
        return new Socket(to.address().inet(), to.port());
    }

    @Test
    void aBadFrameHeaderClosesAndReportsTheAddress() throws IOException, InterruptedException {
        Node b = node();
        try (Socket socket = connect(b.address())) {
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {'V', 'L', 2, 0, 1, 2});
            out.write(new byte[] {'X', 'Y', 0, 0});
            out.flush();
            assertThat(b.next().data()).containsExactly(1, 2);
            TestSockets.awaitClosedByPeer(socket);
        }
        assertThat(b.gate().invalidFraming).containsExactly(Address.parse("127.0.0.1"));
        assertThat(registry.get(TransportMeters.DROPPED).tag("reason", "invalid_framing").counter().count()).isEqualTo(1);
    }

    @Test
    void aLengthAboveTheMaximumIsInvalidFraming() throws IOException {
        Node b = node();
        try (Socket socket = connect(b.address())) {
            socket.getOutputStream().write(new byte[] {'V', 'L', (byte) 0xE4, (byte) 0xFF});
            TestSockets.awaitClosedByPeer(socket);
        }
        assertThat(b.gate().invalidFraming).hasSize(1);
    }

    @Test
    void strangersAreClosedSilently() throws IOException {
        Node b = node();
        try (Socket socket = connect(b.address())) {
            socket.getOutputStream().write("HELLO THERE\r\n\r\n".getBytes());
            TestSockets.awaitClosedByPeer(socket);
        }
        try (Socket socket = connect(b.address())) {
            socket.getOutputStream().write("GET /other HTTP/1.1\r\n\r\n".getBytes());
            TestSockets.awaitClosedByPeer(socket);
        }
        assertThat(b.gate().invalidFraming).isEmpty();
        assertThat(b.manager().table().size()).isZero();
    }

    @Test
    void aPunishedAddressIsRefusedBeforeAByteIsRead() throws IOException {
        Node b = node();
        b.gate().punished.add(Address.parse("127.0.0.1"));
        try (Socket socket = connect(b.address())) {
            TestSockets.awaitClosedByPeer(socket);
        }
        assertThat(registry.get(TransportMeters.DROPPED).tag("reason", "punished").counter().count()).isEqualTo(1);
    }

    @Test
    void theFirstConnectionPastThePerIpLimitIsRefused() throws IOException, InterruptedException {
        Node b = node();
        b.gate().perIpLimit = 2;
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket socket = connect(b.address());
                sockets.add(socket);
                socket.getOutputStream().write(new byte[] {'V', 'L', 1, 0, (byte) i});
                if (i < 2) {
                    assertThat(b.next().data()).containsExactly(i);
                }
            }
            TestSockets.awaitClosedByPeer(sockets.get(2));
            assertThat(b.manager().table().size()).isEqualTo(2);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void aFullTableEvictsTheLeastRecentlyUsedConnection() throws IOException, InterruptedException {
        Node b = node(ConnectionConfig.defaults().withMaxConnections(ProtocolType.TCP, 2), Schedulers.parallel());
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Socket socket = connect(b.address());
                sockets.add(socket);
                socket.getOutputStream().write(new byte[] {'V', 'L', 1, 0, (byte) i});
            }
            b.next();
            b.next();
            // the first connection speaks again: the second is now the least recently used
            sockets.get(0).getOutputStream().write(new byte[] {'V', 'L', 1, 0, 9});
            b.next();
            Socket third = connect(b.address());
            sockets.add(third);
            third.getOutputStream().write(new byte[] {'V', 'L', 1, 0, 3});
            assertThat(b.next().data()).containsExactly(3);
            TestSockets.awaitClosedByPeer(sockets.get(1));
            assertThat(b.manager().table().connections(ProtocolType.TCP)).hasSize(2)
                    .extracting(c -> c.flow().remote().socketAddress().port())
                    .containsExactly(sockets.get(0).getLocalPort(), third.getLocalPort());
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void connectionsInUseAreNotEvictedSoTheNewcomerIsRefused() throws Exception {
        Node b = node(ConnectionConfig.defaults().withMaxConnections(ProtocolType.TCP, 1), Schedulers.parallel());
        try (Socket first = connect(b.address()); Socket second = connect(b.address())) {
            first.getOutputStream().write(new byte[] {'V', 'L', 1, 0, 1});
            b.next();
            try (AutoCloseable inUse = b.manager().table().connections(ProtocolType.TCP).get(0).use()) {
                second.getOutputStream().write(new byte[] {'V', 'L', 1, 0, 2});
                TestSockets.awaitClosedByPeer(second);
            }
            assertThat(b.manager().table().size()).isEqualTo(1);
            assertThat(registry.get(TransportMeters.DROPPED).tag("reason", "connection_table_full").counter().count()).isEqualTo(1);
        }
    }

    @Test
    void connectionsToRelaysAreProtected() throws InterruptedException {
        Node a = node();
        Node b = node();
        Node c = node();
        a.manager().updateProtections(Set.of(b.address()));
        NetworkConnection toRelay = a.manager().getOrCreate(tcp(b.address())).block(WAIT);
        NetworkConnection toOther = a.manager().getOrCreate(tcp(c.address())).block(WAIT);
        assertThat(toRelay.isProtected()).isTrue();
        assertThat(toOther.isProtected()).isFalse();
        a.manager().updateProtections(Set.of(c.address()));
        assertThat(toRelay.isProtected()).isFalse();
        assertThat(toOther.isProtected()).isTrue();
    }

    @Test
    void anIdleConnectionClosesAfterTheInactivityTimeout() throws IOException, InterruptedException {
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        Node b = node(ConnectionConfig.defaults(), clock);
        try (Socket socket = connect(b.address())) {
            socket.getOutputStream().write(new byte[] {'V', 'L', 1, 0, 1});
            b.next();
            clock.advanceTimeBy(Duration.ofSeconds(59));
            assertThat(b.manager().table().size()).isEqualTo(1);
            clock.advanceTimeBy(Duration.ofSeconds(1));
            TestSockets.awaitClosedByPeer(socket);
            assertThat(b.manager().table().size()).isZero();
        }
    }

    @Test
    void shutdownReleasesThePortForARestart() throws InterruptedException {
        Node a = node();
        Node b = node();
        a.manager().getOrCreate(tcp(b.address())).block(WAIT).send(new byte[] {1});
        b.next();
        SocketAddress port = b.address();
        b.manager().shutdown().block(WAIT);
        ConnectionManager again = new ConnectionManager(ConnectionConfig.defaults(), loops, b.inbound(), meters,
                ConnectionGate.OPEN, Schedulers.parallel());
        managers.add(again);
        assertThat(again.listen(port).block(WAIT)).isEqualTo(port);
    }

    @Test
    void dialingANonListeningPortFailsWithAConnectError() {
        Node a = node();
        Node b = node();
        SocketAddress gone = b.address();
        b.manager().shutdown().block(WAIT);
        StepVerifier.create(a.manager().getOrCreate(tcp(gone)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ConnectException.class)
                        .hasMessageContaining("no connection to tcp|" + gone))
                .verify(WAIT);
    }
}
