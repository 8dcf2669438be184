package io.veilflux.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.Bytes;
import io.veilflux.net.NetworkResult;
import io.veilflux.routing.FilteredNodeRef;
import io.veilflux.rpc.Destination;
import io.veilflux.rpc.InboundAppMessage;
import io.veilflux.rpc.SendDataResult;
import io.veilflux.rpc.StatusResult;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.net.DialInfo;
import io.veilflux.net.Flow;
import io.veilflux.net.PeerAddress;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import io.veilflux.routing.PeerInfo;
import io.veilflux.rpc.Operation;
import io.veilflux.rpc.SignedOperation;
import io.veilflux.rpc.codec.OperationCodec;
import io.veilflux.transport.AssemblyBuffer;
import io.veilflux.transport.InboundPacket;
import io.veilflux.transport.NetworkConfig;
import io.veilflux.wire.Envelope;
import io.veilflux.wire.EnvelopeCodec;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class NetworkManagerTest {
    private final LoopbackNodes nodes = new LoopbackNodes();

    @AfterEach
    void stop() {
        nodes.close();
    }

    @Test
    void anAppMessageTravelsDirectlyOverUdpBetweenTwoRealNodes() {
        NetworkManager a = nodes.start(2);
        NetworkManager b = nodes.start(3);
        FilteredNodeRef toB = LoopbackNodes.introduce(a, b);

        StepVerifier.create(b.appMessages().take(1))
                .then(() -> {
                    NetworkResult<SendDataResult> sent = a.rpc()
                            .rpcCallAppMessage(Destination.direct(toB), Bytes.of(new byte[] {7, 7})).block();
                    assertThat(sent).isInstanceOf(NetworkResult.Value.class);
                })
                .assertNext(m -> {
                    assertThat(m.sender()).isEqualTo(a.nodeId());
                    assertThat(m.message()).isEqualTo(Bytes.of(new byte[] {7, 7}));
                })
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(nodes.counter(a, ContactMethodCache.SENDS, "method", "direct", "outcome", "sent")).isEqualTo(1);
        assertThat(nodes.counter(b, NetworkManagerMeters.ENVELOPES)).isEqualTo(1);

        NetworkManagerSnapshot snapshot = a.snapshot();
        assertThat(snapshot.started()).isTrue();
        assertThat(snapshot.sendsByMethod()).containsEntry("direct", new NetworkManagerSnapshot.Outcomes(1, 0));
        assertThat(snapshot.cacheLookups()).isEqualTo(1);
        assertThat(snapshot.toString()).startsWith("Transfer stats:\n  down: ")
                .contains("Cache hits: 0/1 0.00%").contains("  direct: 1/1 100.00%");
    }

    @Test
    void aStatusQuestionIsAnsweredWithOurAddress() {
        NetworkManager a = nodes.start(2);
        NetworkManager b = nodes.start(3);
        FilteredNodeRef toB = LoopbackNodes.introduce(a, b);
        NetworkResult<io.veilflux.rpc.Answer<StatusResult>> answer = a.rpc().rpcCallStatus(Destination.direct(toB))
                .block(Duration.ofSeconds(10));
        assertThat(answer).isInstanceOf(NetworkResult.Value.class);
        StatusResult status = ((NetworkResult.Value<io.veilflux.rpc.Answer<StatusResult>>) answer).value().value();
        assertThat(status.senderInfo()).contains(a.network().orElseThrow().udpAddresses().get(0));
        assertThat(b.routingTable().lookupNodeId(a.nodeId())).as("B learned A from the question").isPresent();
    }

    @Test
    void nodesWithDifferentNetworkKeysCannotTalk() {
        NetworkManager a = nodes.start(2, c -> c.toBuilder().networkKeyPassword(Optional.of("red")).build());
        NetworkManager b = nodes.start(3, c -> c.toBuilder().networkKeyPassword(Optional.of("blue")).build());
        NetworkManager c = nodes.start(4, cfg -> cfg.toBuilder().networkKeyPassword(Optional.of("red")).build());
        List<InboundAppMessage> atB = new CopyOnWriteArrayList<>();
        b.appMessages().subscribe(atB::add);

        a.rpc().rpcCallAppMessage(Destination.direct(LoopbackNodes.introduce(a, b)), Bytes.of(new byte[] {1})).block();
        StepVerifier.create(c.appMessages().take(1))
                .then(() -> a.rpc().rpcCallAppMessage(Destination.direct(LoopbackNodes.introduce(a, c)),
                        Bytes.of(new byte[] {2})).block())
                .expectNextMatches(m -> m.sender().equals(a.nodeId()))
                .expectComplete()
                .verify(Duration.ofSeconds(10));

        Eventually.await("B drops A's envelope", Duration.ofSeconds(10),
                () -> nodes.counter(b, NetworkManagerMeters.DROPPED, "reason", "failed_to_decode_envelope") == 1);
        assertThat(atB).isEmpty();
        assertThat(nodes.counter(b, NetworkManagerMeters.PUNISHMENTS, "reason", "failed_to_decode_envelope")).isEqualTo(1);
    }

    @Test
    void replayedAndSkewedEnvelopesAreDroppedWithoutPunishment() throws Exception {
        NetworkManager b = nodes.start(3);
        KeyPair sender = LoopbackNodes.CRYPTO.best().generateKeyPair();
        EnvelopeCodec codec = new EnvelopeCodec(LoopbackNodes.CRYPTO);
        byte[] body = OperationCodec.encodeBody(SignedOperation.unsigned(OperationCodec.encode(new Operation(1,
                Optional.empty(), 0, new Operation.Statement(new Operation.AppMessage(Bytes.of(new byte[] {1})))))));
        long now = System.currentTimeMillis() * 1000;
        byte[] fresh = envelope(codec, sender, b.nodeId(), now, body);
        byte[] skewed = envelope(codec, sender, b.nodeId(), now + 3_600_000_000L, body);
        // Veilid logs a rejected timestamp too, so after the skewed one this sender's clock looks off:
        // the last packet comes from another sender.
        byte[] last = envelope(codec, LoopbackNodes.CRYPTO.best().generateKeyPair(), b.nodeId(), now, body);
        SocketAddress to = b.network().orElseThrow().udpAddresses().get(0);

        // One socket is one flow, and a flow's packets are processed in order: the last one's
        // message arriving means the ones before it were dealt with.
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
            StepVerifier.create(b.appMessages().take(2))
                    .then(() -> {
                        for (byte[] packet : List.of(fresh, fresh, skewed, last)) {
                            send(socket, packet, to);
                        }
                    })
                    .expectNextCount(2)
                    .expectComplete()
                    .verify(Duration.ofSeconds(10));
        }
        assertThat(nodes.counter(b, NetworkManagerMeters.DROPPED, "reason", "duplicate")).isEqualTo(1);
        assertThat(nodes.counter(b, NetworkManagerMeters.DROPPED, "reason", "too_far_ahead")).isEqualTo(1);
        assertThat(nodes.counter(b, NetworkManagerMeters.ENVELOPES)).isEqualTo(2);
        assertThat(nodes.counter(b, NetworkManagerMeters.PUNISHMENTS)).isZero();
    }

    @Test
    void theInboundHookRunsOnePacketThroughThePipelineWithoutSockets() {
        NetworkManager b = nodes.start(3);
        KeyPair sender = LoopbackNodes.CRYPTO.best().generateKeyPair();
        byte[] body = OperationCodec.encodeBody(SignedOperation.unsigned(OperationCodec.encode(new Operation(1,
                Optional.empty(), 0, new Operation.Statement(new Operation.AppMessage(Bytes.of(new byte[] {9})))))));
        byte[] packet = envelope(new EnvelopeCodec(LoopbackNodes.CRYPTO), sender, b.nodeId(),
                System.currentTimeMillis() * 1000, body);
        Flow flow = Flow.of(PeerAddress.parse("UDP:127.0.0.2:40000"), b.network().orElseThrow().udpAddresses().get(0));
        InboundPacket inbound = new InboundPacket(packet, flow);

        StepVerifier.create(b.appMessages().take(1))
                .then(() -> assertThat(b.onRecvEnvelope(inbound).block()).isTrue())
                .assertNext(m -> assertThat(m.message()).isEqualTo(Bytes.of(new byte[] {9})))
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertThat(b.routingTable().lookupNodeId(NodeId.fromPublicKey(sender.key())).orElseThrow().lastFlows())
                .as("the sender is registered with the packet's flow").contains(flow);

        assertThat(b.onRecvEnvelope(inbound).block()).as("a replay").isFalse();
        assertThat(nodes.counter(b, NetworkManagerMeters.DROPPED, "reason", "duplicate")).isEqualTo(1);
    }

    /** Sends {@code packet} as Veilid frames UDP messages: in assembly-buffer fragments. */
    private static void send(DatagramSocket socket, byte[] packet, SocketAddress to) {
        try {
            for (byte[] fragment : new AssemblyBuffer(() -> 0).split(packet)) {
                socket.send(new DatagramPacket(fragment, fragment.length, to.address().inet(), to.port()));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] envelope(EnvelopeCodec codec, KeyPair sender, NodeId to, long timestamp, byte[] body) {
        return codec.encode(new Envelope(to.kind(), timestamp, LoopbackNodes.CRYPTO.best().randomNonce(),
                NodeId.fromPublicKey(sender.key()), to), body, sender.secret());
    }

    @Test
    void aNodeRestartsOnTheSamePortsAndIsReachableAgain() {
        int port = TestPorts.freeUdpAndTcpPort("127.0.0.3");
        NetworkManager b = nodes.start(3, c -> c.toBuilder().network(NetworkConfig.on(
                SocketAddress.parse("127.0.0.3:" + port))).build());
        NetworkManager a = nodes.start(2);
        b.shutdown().block(Duration.ofSeconds(10));
        assertThat(b.isStarted()).isFalse();
        b.startup().block(Duration.ofSeconds(10));
        assertThat(b.network().orElseThrow().udpAddresses()).containsExactly(SocketAddress.parse("127.0.0.3:" + port));

        StepVerifier.create(b.appMessages().take(1))
                .then(() -> a.rpc().rpcCallAppMessage(Destination.direct(LoopbackNodes.introduce(a, b)),
                        Bytes.of(new byte[] {3})).block())
                .expectNextCount(1)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aNodeBootstrapsFromABootNodesDialInfo() {
        NetworkManager boot = nodes.start(2);
        DialInfo bootUdp = boot.dialInfos().stream().filter(d -> d.protocol() == ProtocolType.UDP).findFirst().orElseThrow();
        NetworkManager a = nodes.start(3, c -> c.toBuilder().bootstrap(List.of("udp://" + bootUdp.socketAddress()), List.of()).build());
        List<PeerInfo> peers = a.collectBootstrapPeers().block(Duration.ofSeconds(10));
        assertThat(peers).extracting(p -> p.nodeInfo().nodeIds().get(0)).containsExactly(boot.nodeId());
    }

    @Test
    void aStopWhileASignalWaitsForItsReceiptEndsTheSendAndTheStop() {
        NetworkManager relay = nodes.start(2);
        NetworkManager a = nodes.start(3);
        NetworkManager b = nodes.start(4, c -> c.toBuilder()
                .reachability(io.veilflux.net.DialInfoClass.PORT_RESTRICTED_NAT, true).build());
        ContactMethodsNetworkTest.useRelay(b, relay, io.veilflux.routing.RelayKind.INBOUND);
        FilteredNodeRef toB = LoopbackNodes.introduce(a, b);
        b.shutdown().block(Duration.ofSeconds(10));

        var sending = a.rpc().rpcCallAppMessage(Destination.direct(toB), Bytes.of(new byte[] {1})).toFuture();
        Eventually.await("a waits for b's receipt", Duration.ofSeconds(10),
                () -> nodes.counter(a, "veilflux.rpc.sent", "op", "reverse_connect") == 1);
        a.shutdown().block(Duration.ofSeconds(10));
        assertThat(sending).succeedsWithin(Duration.ofSeconds(5))
                .isInstanceOf(NetworkResult.ServiceUnavailable.class);
    }

    @Test
    void theRoutingTasksRunAgainAfterARestartAndASecondStopIsRefused() {
        NetworkManager a = nodes.start(2);
        a.shutdown().block(Duration.ofSeconds(10));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.shutdown().block(Duration.ofSeconds(10)))
                .isInstanceOf(IllegalStateException.class);
        a.startup().block(Duration.ofSeconds(10));
        double before = nodes.counter(a, "veilflux.routing.task.runs", "task", "relay_management", "outcome", "ok");
        Eventually.await("relay management runs after the restart", Duration.ofSeconds(10), () ->
                nodes.counter(a, "veilflux.routing.task.runs", "task", "relay_management", "outcome", "ok") > before);
    }
}
