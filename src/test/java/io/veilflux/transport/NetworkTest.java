package io.veilflux.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.net.Address;
import io.veilflux.net.DialInfo;
import io.veilflux.net.SocketAddress;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class NetworkTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SocketAddress LOOPBACK = SocketAddress.parse("127.0.0.1:0");

    private final TransportMeters meters = new TransportMeters(new SimpleMeterRegistry());
    private final List<Network> networks = new ArrayList<>();

    private record Node(Network network, RecordingGate gate, ReceivedPackets received) {
        InboundPacket next() throws InterruptedException {
            return received.next();
        }

        SocketAddress udp() {
            return network.udpAddresses().get(0);
        }

        SocketAddress tcp() {
            return network.tcpAddresses().get(0);
        }

        List<DialInfo> dialInfos() {
            return List.of(DialInfo.udp(udp()), DialInfo.tcp(tcp()), DialInfo.ws(tcp(), "ws://" + tcp() + "/ws"));
        }
    }

    private Node start(NetworkConfig config, boolean echo) {
        RecordingGate gate = new RecordingGate();
        Network network = Network.start(config, meters, gate, Schedulers.parallel()).block(WAIT);
        networks.add(network);
        ReceivedPackets received = ReceivedPackets.of(network.inbound()
                .concatMap(p -> echo
                        ? network.sendDataToExistingFlow(p.flow(), p.data()).thenReturn(p)
                        : Mono.just(p)));
        return new Node(network, gate, received);
    }

    private Node start(boolean echo) {
        return start(NetworkConfig.on(LOOPBACK), echo);
    }

    @AfterEach
    void stop() {
        networks.forEach(n -> n.stop().block(WAIT));
    }

    @Test
    void everyProtocolSendsToADialInfoAndRepliesOnTheFlow() throws InterruptedException {
        Node a = start(false);
        Node b = start(true);
        for (DialInfo target : b.dialInfos()) {
            byte[] message = ("to " + target).getBytes();
            UniqueFlowAssert.sentOn(a.network().sendDataToDialInfo(target, message).block(WAIT), target);
            InboundPacket atB = b.next();
            assertThat(atB.data()).isEqualTo(message);
            assertThat(atB.flow().protocol()).isEqualTo(target.protocol());
            InboundPacket echoed = a.next();
            assertThat(echoed.data()).isEqualTo(message);
            assertThat(echoed.flow().remote()).isEqualTo(target.peerAddress());
        }
    }

    @Test
    void aClosedConnectionFlowIsNotSent() {
        Node a = start(false);
        Node b = start(false);
        var flow = a.network().sendDataToDialInfo(DialInfo.tcp(b.tcp()), new byte[] {1}).block(WAIT);
        NetworkConnection connection = a.network().connections().connection(flow.flow()).orElseThrow();
        connection.close();
        connection.onClose().block(WAIT);
        StepVerifier.create(a.network().sendDataToExistingFlow(flow.flow(), new byte[] {2}))
                .expectNext(new SendResult.NotSent())
                .verifyComplete();
    }

    @Test
    void unboundSendAndReceiveWorksOnEveryProtocol() {
        Node a = start(false);
        Node b = start(true);
        for (DialInfo target : b.dialInfos()) {
            byte[] question = ("BOOT via " + target).getBytes();
            assertThat(a.network().sendRecvDataUnboundToDialInfo(target, question, WAIT).block(WAIT))
                    .as(target.toString()).isEqualTo(question);
        }
    }

    @Test
    void anUnboundReplyFromAnotherAddressIsRefused() throws IOException {
        Node a = start(false);
        try (DatagramSocket target = new DatagramSocket(0, Address.parse("127.0.0.1").inet());
             DatagramSocket impostor = new DatagramSocket(0, Address.parse("127.0.0.1").inet())) {
            SocketAddress targetAddress = SocketAddress.parse("127.0.0.1:" + target.getLocalPort());
            StepVerifier.create(a.network().sendRecvDataUnboundToDialInfo(DialInfo.udp(targetAddress), new byte[] {1}, WAIT))
                    .then(() -> {
                        try {
                            DatagramPacket question = new DatagramPacket(new byte[64], 64);
                            target.setSoTimeout((int) WAIT.toMillis());
                            target.receive(question);
                            byte[] reply = {1, 0, 0, 0, 0, 0, 0, 1, 5};
                            impostor.send(new DatagramPacket(reply, reply.length, question.getSocketAddress()));
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("wrong address"))
                    .verify(WAIT);
        }
    }

    @Test
    void anUnansweredExchangeTimesOut() throws IOException {
        Node a = start(false);
        try (DatagramSocket silent = new DatagramSocket(0, Address.parse("127.0.0.1").inet())) {
            DialInfo target = DialInfo.udp(SocketAddress.parse("127.0.0.1:" + silent.getLocalPort()));
            StepVerifier.create(a.network().sendRecvDataUnboundToDialInfo(target, new byte[] {1}, Duration.ofMillis(300)))
                    .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("no reply from"))
                    .verify(WAIT);
        }
    }

    @Test
    void aHolePunchReachesTheTargetAsAnEmptyMessage() throws InterruptedException {
        Node a = start(false);
        Node b = start(false);
        a.network().sendHolePunch(DialInfo.udp(b.udp())).block(WAIT);
        InboundPacket punch = b.next();
        assertThat(punch.data()).isEmpty();
        assertThat(punch.flow().remote().socketAddress()).isEqualTo(a.udp());
        StepVerifier.create(a.network().sendHolePunch(DialInfo.tcp(b.tcp())))
                .expectError(UnsupportedOperationException.class)
                .verify(WAIT);
    }

    @Test
    void aFailedDialIsRecordedAsADialInfoFailure() {
        Node a = start(false);
        Node b = start(false);
        DialInfo gone = DialInfo.tcp(b.tcp());
        b.network().stop().block(WAIT);
        networks.remove(b.network());
        StepVerifier.create(a.network().sendDataToDialInfo(gone, new byte[] {1}))
                .expectError(ConnectException.class)
                .verify(WAIT);
        assertThat(a.gate().failedDialInfo).containsExactly(gone);
    }

    @Test
    void aTakenPortFailsStartupWithBindRetryAndReleasesWhatItBound() {
        Node a = start(false);
        SocketAddress freeUdp;
        try (DatagramSocket probe = new DatagramSocket(0, Address.parse("127.0.0.1").inet())) {
            freeUdp = SocketAddress.parse("127.0.0.1:" + probe.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        NetworkConfig clash = new NetworkConfig(List.of(freeUdp), List.of(a.tcp()), ConnectionConfig.defaults(), 16);
        StepVerifier.create(Network.start(clash, meters, ConnectionGate.OPEN, Schedulers.parallel()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(BindException.class).hasMessageContaining(a.tcp().toString()))
                .verify(WAIT);
        // the UDP port bound before the failure was released again
        Node b = start(new NetworkConfig(List.of(freeUdp), List.of(LOOPBACK), ConnectionConfig.defaults(), 16), false);
        assertThat(b.udp()).isEqualTo(freeUdp);
    }

    @Test
    void aStoppedNetworkRestartsOnTheSamePorts() throws InterruptedException {
        Node a = start(false);
        Node b = start(false);
        a.network().sendDataToDialInfo(DialInfo.tcp(b.tcp()), new byte[] {1}).block(WAIT);
        b.next();
        NetworkConfig same = new NetworkConfig(List.of(b.udp()), List.of(b.tcp()), ConnectionConfig.defaults(), 16);
        b.network().stop().block(WAIT);
        networks.remove(b.network());
        Node again = start(same, false);
        assertThat(again.udp()).isEqualTo(b.udp());
        assertThat(again.tcp()).isEqualTo(b.tcp());
        a.network().sendDataToDialInfo(DialInfo.udp(again.udp()), new byte[] {7}).block(WAIT);
        assertThat(again.next().data()).containsExactly(7);
    }

    /** Checks a send's flow against the dial info it went to. */
    private static final class UniqueFlowAssert {
        static void sentOn(io.veilflux.net.UniqueFlow flow, DialInfo target) {
            assertThat(flow.flow().remote()).isEqualTo(target.peerAddress());
            assertThat(flow.connectionId().isPresent()).isEqualTo(target.protocol().isOrdered());
        }
    }
}
