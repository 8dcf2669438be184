package io.veilflux.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.Bytes;
import io.veilflux.filter.PunishmentReason;
import io.veilflux.net.Flow;
import io.veilflux.net.NetworkResult;
import io.veilflux.net.PeerAddress;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.Sequencing;
import io.veilflux.routing.BucketEntryState;
import io.veilflux.routing.Capability;
import io.veilflux.routing.FilteredNodeRef;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.rpc.capnp.CanonicalWriter;
import io.veilflux.rpc.capnp.StructBuilder;
import io.veilflux.rpc.codec.OperationCodec;
import io.veilflux.wire.Receipt;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class RpcProcessorTest {
    private final RpcTestNetwork net = new RpcTestNetwork(RpcConfig.defaults().withDirectAppMessages(true));
    private final RpcTestNetwork.TestNode a = net.node(2);
    private final RpcTestNetwork.TestNode b = net.node(3);

    private static <T> T value(NetworkResult<T> result) {
        assertThat(result).isInstanceOf(NetworkResult.Value.class);
        return ((NetworkResult.Value<T>) result).value();
    }

    @Test
    void statusIsAnsweredWithTheAddressTheTargetSawAndIntroducesUs() {
        FilteredNodeRef toB = a.knows(b);
        StatusResult status = value(a.rpc.rpcCallStatus(Destination.direct(toB)).block()).value();

        assertThat(status.senderInfo()).contains(a.dialInfo.socketAddress());
        assertThat(status.previousSenderInfo()).isEmpty();
        assertThat(a.addressChanges).singleElement().satisfies(e -> {
            assertThat(e.socketAddress()).isEqualTo(a.dialInfo.socketAddress());
            assertThat(e.reportingPeer().sameEntry(toB)).isTrue();
        });
        NodeRef aAtB = b.routingTable.lookupNodeId(a.id).orElseThrow();
        assertThat(aAtB.peerInfo(RoutingDomain.PUBLIC_INTERNET)).as("our peer info went along").isPresent();
        assertThat(b.counter(RpcMeters.RECEIVED, "op", "status_q")).isEqualTo(1);
        assertThat(a.counter(RpcMeters.ANSWERS, "op", "status_q", "outcome", "answered")).isEqualTo(1);
    }

    @Test
    void ourPeerInfoStopsTravellingOnceTheTargetHasSeenIt() {
        FilteredNodeRef toB = a.knows(b);
        value(a.rpc.rpcCallStatus(Destination.direct(toB)).block());
        value(a.rpc.rpcCallStatus(Destination.direct(toB)).block());

        List<Operation> questions = a.sentOperations();
        assertThat(questions).hasSize(2);
        assertThat(questions.get(0).senderPeerInfo()).isPresent();
        assertThat(questions.get(0).targetNodeInfoTs()).isEqualTo(toB.nodeInfoTs(RoutingDomain.PUBLIC_INTERNET));
        assertThat(questions.get(1).senderPeerInfo()).as("B's answer acknowledged our timestamp").isEmpty();
        assertThat(b.sentOperations().get(0).senderPeerInfo()).as("B answers with its peer info, we had an older view")
                .isEmpty();
    }

    @Test
    void aQuestionWithoutAnAnswerTimesOutAndForgetsTheTargetsFlows() {
        FilteredNodeRef toB = a.knows(b);
        toB.unfiltered().setLastFlow(Flow.of(
                new PeerAddress(ProtocolType.UDP, b.dialInfo.socketAddress()),
                a.dialInfo.socketAddress()), net.clock.now(TimeUnit.MICROSECONDS));
        b.rpc.stop();

        StepVerifier.withVirtualTime(() -> a.rpc.rpcCallStatus(Destination.direct(toB)), () -> net.clock, 1)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(4999))
                .thenAwait(Duration.ofMillis(1))
                .expectNextMatches(r -> r instanceof NetworkResult.Timeout)
                .verifyComplete();
        assertThat(toB.lastFlows()).isEmpty();
        assertThat(toB.unfiltered().peerStats().rpcStats().recentLostAnswersUnordered()).isEqualTo(1);
        assertThat(b.counter(RpcMeters.DROPPED, "reason", "stopped")).isEqualTo(1);
    }

    @Test
    void aFailedSendIsCountedAgainstTheTarget() {
        FilteredNodeRef toB = a.knows(b);
        a.unreachable.add(b.id);
        assertThat(a.rpc.rpcCallStatus(Destination.direct(toB)).block()).isInstanceOf(NetworkResult.NoConnection.class);
        assertThat(toB.unfiltered().peerStats().rpcStats().failedToSend()).isEqualTo(1);
        assertThat(toB.unfiltered().state(net.clock.now(TimeUnit.MICROSECONDS))).isEqualTo(BucketEntryState.UNRELIABLE);
        assertThat(a.counter(RpcMeters.SENT, "op", "status_q", "outcome", "no_connection")).isEqualTo(1);
    }

    @Test
    void findNodeAnswersTheClosestPeersAndFindPeersRegistersThem() {
        RpcTestNetwork.TestNode c = net.node(4);
        b.knows(c);
        FilteredNodeRef toB = a.knows(b);

        List<NodeRef> found = value(a.findPeers.findNodesCloseToNodeId(toB, c.id, Capability.CONNECTIVITY).block());

        assertThat(found).extracting(n -> n.bestNodeId().orElseThrow()).contains(c.id);
        assertThat(a.routingTable.lookupNodeId(c.id)).isPresent();
        assertThat(a.routingTable.lookupNodeId(c.id).get().peerInfo(RoutingDomain.PUBLIC_INTERNET)).isPresent();
    }

    @Test
    void findNodeAnswersOnlyPeersWithTheCapabilitiesAskedFor() {
        RpcTestNetwork.TestNode plain = net.node(5, List.of(Capability.APPM));
        b.knows(plain);
        FilteredNodeRef toB = a.knows(b);
        var answer = a.rpc.rpcCallFindNode(Destination.direct(toB), plain.id, List.of(Capability.DHTV)).block();
        assertThat(value(answer).value()).extracting(p -> p.nodeIds().get(0)).contains(b.id).doesNotContain(plain.id);
    }

    @Test
    void resolveNodeSearchesThroughThePeersWeKnow() {
        RpcTestNetwork.TestNode c = net.node(4);
        RpcTestNetwork.TestNode d = net.node(6);
        c.knows(d);
        b.knows(c);
        a.knows(b);

        Optional<NodeRef> resolved = a.findPeers.resolveNode(d.id, Sequencing.NO_PREFERENCE).block();

        assertThat(resolved).hasValueSatisfying(n -> assertThat(n.bestNodeId()).contains(d.id));
        assertThatThrownBy(() -> a.findPeers.resolveNode(a.id, Sequencing.NO_PREFERENCE).block())
                .hasMessageContaining("our own node id");
    }

    @Test
    void appMessagesReachTheApplicationOnlyWhenDirectAppTrafficIsAllowed() {
        FilteredNodeRef toB = a.knows(b);
        value(a.rpc.rpcCallAppMessage(Destination.direct(toB), Bytes.of(new byte[] {1, 2, 3})).block());
        assertThat(b.appMessages).singleElement().satisfies(m -> {
            assertThat(m.sender()).isEqualTo(a.id);
            assertThat(m.message()).isEqualTo(Bytes.of(new byte[] {1, 2, 3}));
        });

        RpcTestNetwork strict = new RpcTestNetwork(RpcConfig.defaults());
        RpcTestNetwork.TestNode x = strict.node(2);
        RpcTestNetwork.TestNode y = strict.node(3);
        value(x.rpc.rpcCallAppMessage(Destination.direct(x.knows(y)), Bytes.of(new byte[] {1})).block());
        assertThat(y.appMessages).isEmpty();
        assertThat(y.counter(RpcMeters.FAILED, "op", "app_message", "outcome", "invalid_message")).isEqualTo(1);
    }

    @Test
    void appMessagesNeedTheAppmCapability() {
        RpcTestNetwork.TestNode noApps = net.node(7, List.of(Capability.ROUT));
        value(a.rpc.rpcCallAppMessage(Destination.direct(a.knows(noApps)), Bytes.of(new byte[] {1})).block());
        assertThat(noApps.appMessages).isEmpty();
        assertThat(noApps.counter(RpcMeters.FAILED, "op", "app_message", "outcome", "service_unavailable")).isEqualTo(1);
        assertThatThrownBy(() -> a.rpc.rpcCallAppMessage(Destination.direct(a.knows(b)),
                Bytes.of(new byte[RpcProcessor.MAX_APP_MESSAGE_LENGTH + 1])).block())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32768");
    }

    @Test
    void anAppCallIsAnsweredWithTheApplicationsReply() {
        FilteredNodeRef toB = a.knows(b);
        StepVerifier.withVirtualTime(() -> a.rpc.rpcCallAppCall(Destination.direct(toB), Bytes.of(new byte[] {9})),
                        () -> net.clock, 1)
                .expectSubscription()
                .then(() -> {
                    InboundAppCall call = b.appCalls.get(0);
                    assertThat(call.message()).isEqualTo(Bytes.of(new byte[] {9}));
                    assertThat(b.rpc.appCallReply(call.callId(), Bytes.of(new byte[] {4, 2}))).isTrue();
                })
                .expectNextMatches(r -> value(r).value().equals(Bytes.of(new byte[] {4, 2})))
                .verifyComplete();
    }

    @Test
    void anUnansweredAppCallTimesOutOnBothSides() {
        FilteredNodeRef toB = a.knows(b);
        StepVerifier.withVirtualTime(() -> a.rpc.rpcCallAppCall(Destination.direct(toB), Bytes.of(new byte[] {9})),
                        () -> net.clock, 1)
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(5))
                .expectNextMatches(r -> r instanceof NetworkResult.Timeout)
                .verifyComplete();
        assertThat(b.rpc.appCallReply(b.appCalls.get(0).callId(), Bytes.EMPTY)).as("too late").isFalse();
        assertThat(b.counter(RpcMeters.FAILED, "op", "app_call_q", "outcome", "timeout")).isEqualTo(1);
    }

    @Test
    void signalsGoToTheNetworkManagerWithTheVerifiedPeer() {
        PeerInfo ours = a.domains.detail(RoutingDomain.PUBLIC_INTERNET).publishedPeerInfo().orElseThrow();
        Bytes receipt = Bytes.of(new byte[Receipt.MIN_SIZE]);
        value(a.rpc.rpcCallSignal(Destination.relay(b.dialInfo, a.knows(b).unfiltered()),
                new Operation.ReverseConnect(receipt, ours)).block());
        assertThat(b.signals).singleElement().isInstanceOf(Operation.ReverseConnect.class);

        RpcTestNetwork.TestNode noSignals = net.node(8, List.of(Capability.APPM));
        value(a.rpc.rpcCallSignal(Destination.direct(a.knows(noSignals)), new Operation.ReverseConnect(receipt, ours))
                .block());
        assertThat(noSignals.signals).isEmpty();
        assertThat(noSignals.counter(RpcMeters.FAILED, "op", "reverse_connect", "outcome", "service_unavailable"))
                .isEqualTo(1);
    }

    @Test
    void returnedReceiptsGoToTheNetworkManager() {
        Bytes receipt = Bytes.of(new byte[Receipt.MIN_SIZE]);
        value(a.rpc.rpcCallReturnReceipt(Destination.direct(a.knows(b)), receipt).block());
        assertThat(b.inBandReceipts).containsExactly(receipt);
    }

    @Test
    void validateDialInfoSucceedsOnlyWhenTheReceiptComesBackOutOfBand() {
        Sinks.One<ReceiptEvent> fate = Sinks.one();
        a.receipts = expiry -> {
            assertThat(expiry).isEqualTo(Duration.ofMillis(2000));
            return RpcTestNetwork.receipt(fate);
        };
        NodeRef bRef = a.knows(b).unfiltered();
        var validation = a.rpc.rpcCallValidateDialInfo(bRef, a.dialInfo, false).toFuture();
        assertThat(b.outOfBandReceipts).hasSize(1);
        fate.tryEmitValue(new ReceiptEvent.ReturnedOutOfBand());
        assertThat(validation.join()).isTrue();

        a.receipts = expiry -> RpcTestNetwork.receipt(Sinks.one());
        Sinks.One<ReceiptEvent> expired = Sinks.one();
        a.receipts = expiry -> RpcTestNetwork.receipt(expired);
        var failed = a.rpc.rpcCallValidateDialInfo(bRef, a.dialInfo, false).toFuture();
        expired.tryEmitValue(new ReceiptEvent.Expired());
        assertThat(failed.join()).isFalse();
    }

    @Test
    void undecodableOperationsPunishTheSenderAndUnsupportedOnesDoNot() {
        a.knows(b);
        b.deliver(a.id, flowFromA(), new byte[] {1, 2, 3});
        assertThat(b.punishments).containsExactly(PunishmentReason.FAILED_TO_DECODE_OPERATION);

        byte[] getValueQ = OperationCodec.encodeBody(SignedOperation.unsigned(CanonicalWriter.unpacked(
                new StructBuilder(3, 2).pointer(1, new StructBuilder(1, 2).u16(1, 3).build()).build())));
        b.deliver(a.id, flowFromA(), getValueQ);
        assertThat(b.punishments).as("not the sender's fault").hasSize(1);
        assertThat(b.counter(RpcMeters.DROPPED, "reason", "unsupported")).isEqualTo(1);
        assertThat(b.counter(RpcMeters.DROPPED, "reason", "failed_to_decode_operation")).isEqualTo(1);
    }

    @Test
    void aSenderPeerInfoOfAnotherNodeIsPunished() {
        RpcTestNetwork.TestNode c = net.node(4);
        PeerInfo cInfo = c.domains.detail(RoutingDomain.PUBLIC_INTERNET).publishedPeerInfo().orElseThrow();
        byte[] body = OperationCodec.encodeBody(SignedOperation.unsigned(OperationCodec.encode(
                new Operation(1, Optional.of(cInfo), 0, new Operation.Question(new Operation.StatusQ())))));
        b.deliver(a.id, flowFromA(), body);
        assertThat(b.punishments).containsExactly(PunishmentReason.WRONG_SENDER_PEER_INFO);
        assertThat(b.routingTable.lookupNodeId(c.id)).as("not registered").isEmpty();
    }

    @Test
    void aFullQueueDropsAndCounts() {
        RpcTestNetwork slow = new RpcTestNetwork(new RpcConfig(Duration.ofSeconds(5), 1, 1, 20, Duration.ofSeconds(10),
                1, 5, 20, Duration.ofSeconds(60), Duration.ofSeconds(2), true));
        RpcTestNetwork.TestNode x = slow.node(2);
        RpcTestNetwork.TestNode y = slow.node(3);
        y.rpc.stop();
        assertThat(y.deliver(x.id, flowFromA(), new byte[] {1})).isFalse();
        assertThat(y.counter(RpcMeters.DROPPED, "reason", "stopped")).isEqualTo(1);
    }

    private Flow flowFromA() {
        return Flow.of(new PeerAddress(ProtocolType.UDP,
                a.dialInfo.socketAddress()), b.dialInfo.socketAddress());
    }
}
