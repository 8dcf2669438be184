package io.veilflux.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.net.DialInfo;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.scheduler.Schedulers;

class WebSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SocketAddress LOOPBACK = SocketAddress.parse("127.0.0.1:0");

    private final TransportMeters meters = new TransportMeters(new SimpleMeterRegistry());
    private final List<Network> networks = new ArrayList<>();

    @TempDir
    Path dir;

    private record Started(Network network, ReceivedPackets received) {
    }

    private Started start(ConnectionConfig connections) {
        Network network = Network.start(NetworkConfig.on(LOOPBACK).withConnections(connections), meters, new RecordingGate(),
                Schedulers.parallel()).block(WAIT);
        networks.add(network);
        return new Started(network, ReceivedPackets.of(network.inbound()));
    }

    @AfterEach
    void stop() {
        networks.forEach(n -> n.stop().block(WAIT));
    }

    @Test
    void wssSharesThePortWithTcpAndWsAndRoundTrips() throws Exception {
        SelfSignedPem pem = SelfSignedPem.create(dir);
        ConnectionConfig tls = ConnectionConfig.defaults().withTls(
                Optional.of(TlsFiles.serverContext(pem.certificate(), pem.privateKey())),
                Optional.of(TlsFiles.clientContextTrusting(pem.certificate())));
        Started startedA = start(tls);
        Started startedB = start(tls);
        Network a = startedA.network();
        Network b = startedB.network();
        SocketAddress port = b.tcpAddresses().get(0);
        for (DialInfo target : List.of(DialInfo.wss(port, "wss://" + port + "/ws"), DialInfo.tcp(port),
                DialInfo.ws(port, "ws://" + port + "/ws"))) {
            byte[] message = ("over " + target).getBytes(StandardCharsets.UTF_8);
            a.sendDataToDialInfo(target, message).block(WAIT);
            InboundPacket received = startedB.received().next();
            assertThat(received.data()).isEqualTo(message);
            assertThat(received.flow().protocol()).isEqualTo(target.protocol());
            b.sendDataToExistingFlow(received.flow(), new byte[] {1, 2, 3}).block(WAIT);
            InboundPacket reply = startedA.received().next();
            assertThat(reply.data()).containsExactly(1, 2, 3);
            assertThat(reply.flow().protocol()).isEqualTo(target.protocol());
        }
        assertThat(b.connections().table().connections(ProtocolType.WSS)).hasSize(1);
    }

    @Test
    void badTlsFilesSayWhatIsWrong() {
        assertThatThrownBy(() -> TlsFiles.serverContext(dir.resolve("missing.pem"), dir.resolve("key.pem")))
                .hasMessageContaining("network.tls.certificate_path");
    }

    private static String upgrade(String path, int extraHeaders) {
        StringBuilder request = new StringBuilder("GET /" + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
        for (int i = 0; i < extraHeaders; i++) {
            request.append("X-Extra-").append(i).append(": x\r\n");
        }
        return request.append("\r\n").toString();
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        return head.toString();
    }

    @Test
    void tooManyHeadersGetA404() throws Exception {
        Network b = start(ConnectionConfig.defaults()).network();
        SocketAddress port = b.tcpAddresses().get(0);
        try (Socket socket = new Socket(port.address().inet(), port.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(upgrade("ws", 20).getBytes(StandardCharsets.US_ASCII));
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 404");
        }
        try (Socket socket = new Socket(port.address().inet(), port.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(upgrade("ws", 4).getBytes(StandardCharsets.US_ASCII));
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 101");
        }
    }

    @Test
    void aNonBinaryMessageEndsTheConnection() throws Exception {
        Started started = start(ConnectionConfig.defaults());
        Network b = started.network();
        SocketAddress port = b.tcpAddresses().get(0);
        try (Socket socket = new Socket(port.address().inet(), port.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(upgrade("ws", 0).getBytes(StandardCharsets.US_ASCII));
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 101");
            // a masked binary frame "hi", then a masked text frame "hi"
            out.write(new byte[] {(byte) 0x82, (byte) 0x82, 0, 0, 0, 0, 'h', 'i'});
            assertThat(started.received().next().data()).containsExactly('h', 'i');
            out.write(new byte[] {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, 'h', 'i'});
            TestSockets.awaitClosedByPeer(socket);
        }
        assertThat(b.connections().table().size()).isZero();
    }

    @Test
    void silenceAfterConnectingIsClosedAfterTheInitialTimeout() throws Exception {
        ConnectionConfig quick = new ConnectionConfig(Duration.ofMillis(200), Duration.ofMillis(200),
                ConnectionConfig.DEFAULT_INACTIVITY_TIMEOUT, ConnectionConfig.defaults().maxConnections(), "ws",
                Optional.empty(), Optional.empty());
        Network b = start(quick).network();
        SocketAddress port = b.tcpAddresses().get(0);
        try (Socket socket = new Socket(port.address().inet(), port.port())) {
            TestSockets.awaitClosedByPeer(socket);
        }
    }
}
