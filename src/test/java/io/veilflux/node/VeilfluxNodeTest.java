package io.veilflux.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.NodeId;
import io.veilflux.net.NetworkResult;
import io.veilflux.net.ProtocolType;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RelayKind;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingDomainEditor;
import io.veilflux.routing.RoutingDomainRelay;
import io.veilflux.rpc.RpcProcessor;
import io.veilflux.rpc.SendDataResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Real nodes on 127.0.0.x talking over loopback through the public node API. */
class VeilfluxNodeTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private LoopbackNetwork network;
    private VeilfluxNode single;

    @AfterEach
    void close() {
        if (network != null) {
            network.close();
        }
        if (single != null) {
            single.close();
        }
    }

    private LoopbackNetwork connected(int nodes) {
        network = LoopbackNetwork.start(nodes).awaitConnected(WAIT);
        return network;
    }

    @Test
    void twoNodesExchangeAnAppMessage() {
        connected(2);
        VeilfluxNode a = network.node(0);
        VeilfluxNode b = network.node(1);

        StepVerifier.create(b.appMessages().take(1))
                .then(() -> {
                    SendDataResult sent = a.sendAppMessage(b.nodeId(), "hello".getBytes(UTF_8)).block(WAIT);
                    assertThat(sent.uniqueFlow().flow().remote().socketAddress().address().toString())
                            .isEqualTo(LoopbackNetwork.address(1));
                })
                .assertNext(m -> {
                    assertThat(m.sender()).isEqualTo(a.nodeId());
                    assertThat(m.message()).isEqualTo(Bytes.of("hello".getBytes(UTF_8)));
                })
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void anAppCallIsAnsweredWithTheReply() {
        connected(2);
        VeilfluxNode a = network.node(0);
        VeilfluxNode b = network.node(1);
        b.appCalls().subscribe(call -> call.reply(("re: " + new String(call.message().toByteArray(), UTF_8))
                .getBytes(UTF_8)).subscribe());

        Bytes answer = a.appCall(b.nodeId(), "ping".getBytes(UTF_8), WAIT).block(WAIT);

        assertThat(new String(answer.toByteArray(), UTF_8)).isEqualTo("re: ping");
    }

    @Test
    void anUnansweredAppCallTimesOutAfterTheCallersTimeout() {
        connected(2);
        VeilfluxNode a = network.node(0);
        VeilfluxNode b = network.node(1);
        b.appCalls().subscribe(call -> { });

        StepVerifier.create(a.appCall(b.nodeId(), new byte[] {1}, Duration.ofMillis(500)))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(SendFailedException.class)
                            .hasMessage("app call to " + b.nodeId() + " failed: timed out waiting for an answer");
                    assertThat(((SendFailedException) e).result()).isInstanceOf(NetworkResult.Timeout.class);
                    assertThat(((SendFailedException) e).target()).isEqualTo(b.nodeId());
                })
                .verify(WAIT);
    }

    @Test
    void anUnansweredAppCallTimesOutAfterRpcTimeoutWhenThatIsShorter() {
        network = LoopbackNetwork.start(2, (builder, i) -> builder.set("network.rpc.timeout_ms", "1000"))
                .awaitConnected(WAIT);
        VeilfluxNode a = network.node(0);
        VeilfluxNode b = network.node(1);

        long startedAt = System.nanoTime();
        StepVerifier.create(a.appCall(b.nodeId(), new byte[] {1}, WAIT))
                .expectErrorSatisfies(e -> assertThat(((SendFailedException) e).result())
                        .isInstanceOf(NetworkResult.Timeout.class))
                .verify(WAIT);
        assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anUnknownTargetIsNotFound() {
        connected(2);
        NodeId stranger = Crypto.standard().best().generateKeyPair().nodeId();

        StepVerifier.create(network.node(0).sendAppMessage(stranger, new byte[] {1}))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(NodeNotFoundException.class)
                            .hasMessageStartingWith("node " + stranger + " was not found");
                    assertThat(((NodeNotFoundException) e).nodeId()).isEqualTo(stranger);
                })
                .verify(WAIT);
    }

    @Test
    void aMessageOverVeilidsLimitIsRefusedBeforeAnythingIsSent() {
        connected(2);
        VeilfluxNode a = network.node(0);
        byte[] tooLong = new byte[RpcProcessor.MAX_APP_MESSAGE_LENGTH + 1];

        StepVerifier.create(a.sendAppMessage(network.node(1).nodeId(), tooLong))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("an app message is at most 32768 bytes (Veilid's limit), this one is 32769; split it"))
                .verify(WAIT);
        StepVerifier.create(a.appCall(network.node(1).nodeId(), tooLong))
                .expectErrorMessage("an app call is at most 32768 bytes (Veilid's limit), this one is 32769; split it")
                .verify(WAIT);
        assertThat(a.sendAppMessage(network.node(1).nodeId(), new byte[RpcProcessor.MAX_APP_MESSAGE_LENGTH]).block(WAIT))
                .as("exactly the limit is allowed").isNotNull();
    }

    @Test
    void aStoppedNodeRefusesToSendAndAClosedOneToStart() {
        single = VeilfluxNode.builder().listen("127.0.0.2:0").bootstrap().build();
        NodeId target = Crypto.standard().best().generateKeyPair().nodeId();

        StepVerifier.create(single.sendAppMessage(target, new byte[] {1}))
                .expectErrorMessage("node " + single.nodeId() + " is not started; start() it first")
                .verify(WAIT);
        single.close();
        StepVerifier.create(single.start())
                .expectErrorMessage("node " + single.nodeId() + " is closed; build a new one")
                .verify(WAIT);
    }

    @Test
    void eventsTellOfPublishingStartingWithdrawingAndStopping() {
        single = VeilfluxNode.builder().listen("127.0.0.2:0").addressProfile(AddressProfile.LOOPBACK_AS_PUBLIC)
                .bootstrap().build();

        StepVerifier.create(single.events().take(4))
                .then(() -> single.start().block(WAIT))
                .assertNext(e -> {
                    NodeEvent.PeerInfoChanged published = (NodeEvent.PeerInfoChanged) e;
                    assertThat(published.routingDomain()).isEqualTo(RoutingDomain.PUBLIC_INTERNET);
                    assertThat(published.oldPeerInfo()).isEmpty();
                    assertThat(published.newPeerInfo().orElseThrow().nodeInfo().dialInfoDetailList())
                            .extracting(d -> d.dialInfo().protocol())
                            .containsExactlyInAnyOrder(ProtocolType.UDP, ProtocolType.TCP);
                })
                .assertNext(e -> assertThat(e).isEqualTo(new NodeEvent.NetworkStarted(single.nodeId(), single.dialInfos())))
                .then(() -> single.stop().block(WAIT))
                .assertNext(e -> {
                    NodeEvent.PeerInfoChanged withdrawn = (NodeEvent.PeerInfoChanged) e;
                    assertThat(withdrawn.oldPeerInfo()).isPresent();
                    assertThat(withdrawn.newPeerInfo()).isEmpty();
                })
                .assertNext(e -> assertThat(e).isEqualTo(new NodeEvent.NetworkStopped(single.nodeId())))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void aNewRelayInOurPeerInfoIsAnnounced() {
        connected(2);
        VeilfluxNode a = network.node(0);
        VeilfluxNode b = network.node(1);
        PeerInfo relay = b.networkManager().routingDomains().detail(RoutingDomain.PUBLIC_INTERNET).publishedPeerInfo()
                .orElseThrow();

        StepVerifier.create(a.events().ofType(NodeEvent.RelayChanged.class).take(1))
                .then(() -> {
                    RoutingDomainEditor editor = a.networkManager().routingDomains().edit(RoutingDomain.PUBLIC_INTERNET);
                    editor.setRelays(List.of(RoutingDomainRelay.candidate(List.of(b.nodeId()), relay, RelayKind.INBOUND)));
                    editor.commit();
                    editor.publish();
                })
                .assertNext(e -> assertThat(e).isEqualTo(new NodeEvent.RelayChanged(RoutingDomain.PUBLIC_INTERNET,
                        List.of(), List.of(b.nodeId()))))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void aSlowAppMessageSubscriberLosesTheOldestMessagesCounted() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        network = LoopbackNetwork.start(2, (builder, i) -> {
            if (i == 1) {
                builder.meterRegistry(registry);
            }
        }).awaitConnected(WAIT);
        VeilfluxNode a = network.node(0);
        VeilfluxNode b = network.node(1);
        int sent = 600;

        StepVerifier.create(b.appMessages(), 0)
                .then(() -> {
                    for (int i = 0; i < sent; i++) {
                        a.sendAppMessage(b.nodeId(), new byte[] {(byte) (i >> 8), (byte) i}).block(WAIT);
                    }
                })
                .thenRequest(Long.MAX_VALUE)
                .thenConsumeWhile(m -> !m.message().equals(Bytes.of(new byte[] {(byte) ((sent - 1) >> 8), (byte) (sent - 1)})))
                .thenCancel()
                .verify(WAIT);
        double dropped = registry.get("veilflux.net.events.dropped").tag("stream", "app_messages").counter().count();
        assertThat(dropped).as("what the subscriber's buffers could not hold").isPositive();
    }

    @Test
    void aNodeBootstrapsFromAnotherNodesEntryAndThenReachesIt() {
        single = loopbackNode("127.0.0.2").bootstrap().build();
        single.start().block(WAIT);
        try (VeilfluxNode joiner = loopbackNode("127.0.0.3").bootstrap(single.bootstrapEntry()).build()) {
            joiner.start().block(WAIT);

            assertThat(single.bootstrapEntry()).startsWith("udp://127.0.0.2:");
            assertThat(joiner.bootstrap().block(WAIT)).containsExactly(single.nodeId());
            StepVerifier.create(single.appMessages().take(1))
                    .then(() -> joiner.sendAppMessage(single.nodeId(), new byte[] {42}).block(WAIT))
                    .assertNext(m -> assertThat(m.sender()).isEqualTo(joiner.nodeId()))
                    .expectComplete()
                    .verify(WAIT);
        }
    }

    private static VeilfluxNode.Builder loopbackNode(String address) {
        return VeilfluxNode.builder().listen(address + ":0").addressProfile(AddressProfile.LOOPBACK_AS_PUBLIC)
                .directAppMessages(true).bootstrapKeys();
    }
}
