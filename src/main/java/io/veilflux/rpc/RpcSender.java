package io.veilflux.rpc;

import io.veilflux.crypto.Randomness;
import io.veilflux.net.DialInfo;
import io.veilflux.net.NetworkResult;
import io.veilflux.net.Sequencing;
import io.veilflux.routing.FilteredNodeRef;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingDomains;
import io.veilflux.rpc.codec.OperationCodec;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The sending half of the RPC processor: renders operations for a destination (with our peer info
 * when the target has not seen it), hands them to the network manager, waits for answers, and keeps
 * the target's statistics as Veilid does (a failed send or a lost answer clears its last flows).
 */
final class RpcSender {
    private static final Logger LOG = LoggerFactory.getLogger(RpcSender.class);

    /** A question's answer with how it was sent. */
    record Reply(RpcMessage answer, long latencyMicros, SendDataResult sent) {
    }

    private record Rendered(long opId, byte[] body, FilteredNodeRef nodeRef, Optional<DialInfo> relayDialInfo) {
    }

    private enum Kind { QUESTION, STATEMENT, ANSWER }

    private final RpcConfig config;
    private final RoutingDomains domains;
    private final RpcNetwork network;
    private final OperationWaiter<RpcMessage, Operation.QuestionDetail> waiter;
    private final RpcMeters meters;
    private final Scheduler clock;
    private final Scheduler work;
    private final SecureRandom random = Randomness.nonBlocking();

    RpcSender(RpcConfig config, RoutingDomains domains, RpcNetwork network,
              OperationWaiter<RpcMessage, Operation.QuestionDetail> waiter, RpcMeters meters, Scheduler clock,
              Scheduler work) {
        this.config = config;
        this.domains = domains;
        this.network = network;
        this.waiter = waiter;
        this.meters = meters;
        this.clock = clock;
        this.work = work;
    }

    /** The routing domain an operation to {@code dest} travels in, if it can be told. */
    Optional<RoutingDomain> routingDomain(Destination dest) {
        if (dest instanceof Destination.Direct d) {
            return d.node().bestRoutingDomain();
        }
        return domains.forAddress(((Destination.Relay) dest).relayDialInfo().socketAddress().address());
    }

    /** Asks and waits up to {@code rpc.timeout_ms} for the answer. */
    Mono<NetworkResult<Reply>> question(Destination dest, Operation.QuestionDetail detail) {
        return Mono.defer(() -> {
            Rendered rendered = render(dest, new Operation.Question(detail), random.nextLong());
            OperationWaiter<RpcMessage, Operation.QuestionDetail>.Handle handle = waiter.add(rendered.opId(), detail);
            String op = RpcMeters.name(detail);
            return send(Kind.QUESTION, op, rendered)
                    .doOnCancel(handle::cancel)
                    .doOnError(e -> handle.cancel())
                    .flatMap(sent -> {
                        if (!(sent instanceof NetworkResult.Value<SendDataResult> v)) {
                            handle.cancel();
                            return Mono.just(sent.<Reply>withoutValue());
                        }
                        long sendTs = now();
                        return handle.await(config.timeout()).publishOn(work).map(waited -> {
                            NodeRef target = rendered.nodeRef().unfiltered();
                            if (waited instanceof NetworkResult.Value<OperationWaiter.Reply<RpcMessage>> got) {
                                target.statsAnswerRcvd(sendTs, now(), v.value().sequenceOrdering());
                                meters.answer(op, "answered");
                                return NetworkResult.value(new Reply(got.value().answer(), got.value().latencyMicros(),
                                        v.value()));
                            }
                            target.statsLostAnswer(v.value().sequenceOrdering());
                            target.clearLastFlows();
                            meters.answer(op, "timeout");
                            LOG.debug("no answer to {} from {} within {}", op, target, config.timeout());
                            return waited.<Reply>withoutValue();
                        });
                    });
        });
    }

    /** Says something that expects no answer. */
    Mono<NetworkResult<SendDataResult>> statement(Destination dest, Operation.StatementDetail detail) {
        return Mono.defer(() -> send(Kind.STATEMENT, RpcMeters.name(detail),
                render(dest, new Operation.Statement(detail), random.nextLong())));
    }

    /** Answers {@code question} back to its sender, over the node ref its envelope came through. */
    Mono<NetworkResult<SendDataResult>> answer(RpcMessage question, Operation.AnswerDetail detail) {
        return Mono.defer(() -> send(Kind.ANSWER, RpcMeters.name(detail),
                render(Destination.direct(question.header().senderNodeRef()), new Operation.Answer(detail),
                        question.operation().opId())));
    }

    private Rendered render(Destination dest, Operation.Kind kind, long opId) {
        SenderPeerInfo spi = senderPeerInfo(dest);
        byte[] body = OperationCodec.encodeBody(SignedOperation.unsigned(
                OperationCodec.encode(new Operation(opId, spi.peerInfo(), spi.targetNodeInfoTs(), kind))));
        if (dest instanceof Destination.Direct d) {
            FilteredNodeRef node = d.sequencing().compareTo(d.node().sequencing()) > 0
                    ? d.node().withSequencing(d.sequencing()) : d.node();
            return new Rendered(opId, body, node, Optional.empty());
        }
        Destination.Relay r = (Destination.Relay) dest;
        Sequencing strict = r.relayDialInfo().protocol().isOrdered() ? Sequencing.ENSURE_ORDERED : Sequencing.NO_PREFERENCE;
        return new Rendered(opId, body, r.node().sequencingFiltered(strict), Optional.of(r.relayDialInfo()));
    }

    private record SenderPeerInfo(Optional<PeerInfo> peerInfo, long targetNodeInfoTs) {
    }

    /**
     * Veilid's {@code get_sender_peer_info}: the target's node-info timestamp as we know it, and our
     * published peer info only while the target has not acknowledged it.
     */
    private SenderPeerInfo senderPeerInfo(Destination dest) {
        Optional<RoutingDomain> rd = routingDomain(dest);
        if (rd.isEmpty()) {
            return new SenderPeerInfo(Optional.empty(), 0);
        }
        NodeRef target = dest.target();
        long targetTs = target.nodeInfoTs(rd.get());
        Optional<PeerInfo> published = domains.detail(rd.get()).publishedPeerInfo();
        if (published.isPresent() && !target.hasSeenOurNodeInfoTs(rd.get())) {
            return new SenderPeerInfo(published, targetTs);
        }
        return new SenderPeerInfo(Optional.empty(), targetTs);
    }

    private Mono<NetworkResult<SendDataResult>> send(Kind kind, String op, Rendered rendered) {
        NodeRef target = rendered.nodeRef().unfiltered();
        boolean question = kind == Kind.QUESTION;
        return network.sendEnvelope(rendered.nodeRef(), rendered.relayDialInfo(), rendered.body())
                .publishOn(work)
                .doOnError(e -> failedToSend(target, question, op, "error"))
                .doOnNext(result -> {
                    if (result instanceof NetworkResult.Value<SendDataResult> v) {
                        if (kind == Kind.ANSWER) {
                            target.statsAnswerSent();
                        } else {
                            target.statsQuestionSent(now(), question);
                        }
                        meters.sent(op, "sent");
                    } else {
                        LOG.debug("{} to {} not sent: {}", op, target, result);
                        failedToSend(target, question, op, RpcMeters.outcome(result));
                    }
                });
    }

    /** Veilid's {@code record_send_failure}: count it and forget the target's flows, so the next send dials anew. */
    void failedToSend(NodeRef target, boolean question, String op, String outcome) {
        target.statsFailedToSend(now(), question);
        target.clearLastFlows();
        meters.sent(op, outcome);
    }

    private long now() {
        return clock.now(TimeUnit.MICROSECONDS);
    }
}
