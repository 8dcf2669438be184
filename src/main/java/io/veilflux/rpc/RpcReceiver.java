package io.veilflux.rpc;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoException;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.filter.PunishmentReason;
import io.veilflux.net.DialInfo;
import io.veilflux.net.NetworkResult;
import io.veilflux.routing.Capability;
import io.veilflux.routing.FourCc;
import io.veilflux.routing.HashCoordinate;
import io.veilflux.routing.NodeInfo;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.NodeStatus;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.PeerInfoValidation;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingDomains;
import io.veilflux.routing.RoutingTable;
import io.veilflux.routing.RoutingTableException;
import io.veilflux.rpc.capnp.CapnpError;
import io.veilflux.rpc.capnp.CapnpException;
import io.veilflux.rpc.capnp.ReadLimits;
import io.veilflux.rpc.codec.OperationCodec;
import io.veilflux.wire.Receipt;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The receiving half of the RPC processor (Veilid's {@code process_rpc_message}, direct case):
 * decode and validate, punishing the sender's node id for what it could have avoided; take in the
 * sender's peer info; then answer questions, act on statements and hand answers to their waiters.
 */
final class RpcReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(RpcReceiver.class);
    /** A received RPC message is at most an envelope's body. */
    private static final ReadLimits LIMITS = new ReadLimits(1L << 20, 64, 16, 1 << 17);

    private final RpcConfig config;
    private final Crypto crypto;
    private final RoutingTable routingTable;
    private final RoutingDomains domains;
    private final RpcNetwork network;
    private final RpcListener listener;
    private final RpcSender sender;
    private final OperationWaiter<RpcMessage, Operation.QuestionDetail> answers;
    private final OperationWaiter<Bytes, Boolean> appCalls;
    private final RpcMeters meters;
    private final Scheduler work;

    RpcReceiver(RpcConfig config, Crypto crypto, RoutingTable routingTable, RoutingDomains domains,
                RpcNetwork network, RpcListener listener, RpcSender sender,
                OperationWaiter<RpcMessage, Operation.QuestionDetail> answers,
                OperationWaiter<Bytes, Boolean> appCalls, RpcMeters meters, Scheduler work) {
        this.config = config;
        this.crypto = crypto;
        this.routingTable = routingTable;
        this.domains = domains;
        this.network = network;
        this.listener = listener;
        this.sender = sender;
        this.answers = answers;
        this.appCalls = appCalls;
        this.meters = meters;
        this.work = work;
    }

    /** A received operation that was refused, and whether its sender is to blame. */
    private static final class Refused extends RuntimeException {
        private final String reason;
        private final Optional<PunishmentReason> punishment;

        Refused(String reason, Optional<PunishmentReason> punishment, String message) {
            super(message, null, false, false);
            this.reason = reason;
            this.punishment = punishment;
        }
    }

    private static Refused punished(PunishmentReason why, String message) {
        return new Refused(why.label(), Optional.of(why), message);
    }

    private static Refused dropped(String reason, String message) {
        return new Refused(reason, Optional.empty(), message);
    }

    /** Processes one received operation to the end; never fails, whatever the bytes. */
    Mono<Void> process(RpcMessageHeader header, byte[] body) {
        RpcMessage message;
        try {
            message = accept(header, body);
        } catch (Refused refused) {
            meters.dropped(refused.reason);
            refused.punishment.ifPresent(p -> network.punishNodeId(header.senderId(), p));
            LOG.debug("dropped RPC message from {}: {}", header.senderId(), refused.getMessage());
            return Mono.empty();
        }
        String op = opName(message.operation());
        meters.received(op);
        return dispatch(message)
                .doOnNext(result -> {
                    if (!result.isValue()) {
                        meters.failed(op, RpcMeters.outcome(result));
                        LOG.debug("{} from {} ended with {}", op, header.senderId(), result);
                    }
                })
                .onErrorResume(e -> {
                    meters.failed(op, "error");
                    LOG.debug("{} from {} failed", op, header.senderId(), e);
                    return Mono.empty();
                })
                .then();
    }

    private RpcMessage accept(RpcMessageHeader header, byte[] body) {
        Operation operation = decode(header, body);
        validate(operation);
        RoutingDomain origin = header.routingDomain();
        Optional<NodeRef> senderRef = senderPeerInfo(header, operation);
        if (senderRef.isEmpty()) {
            try {
                senderRef = routingTable.lookupNodeId(header.senderId());
            } catch (RoutingTableException e) {
                throw dropped("lookup", e.getMessage());
            }
        }
        senderRef.ifPresent(n -> n.setSeenOurNodeInfoTs(origin, operation.targetNodeInfoTs()));
        return new RpcMessage(header, operation, senderRef, carriedPeers(origin, operation));
    }

    private Operation decode(RpcMessageHeader header, byte[] body) {
        try {
            SignedOperation signed = OperationCodec.decodeBody(body, LIMITS);
            if (signed.signer().isPresent()) {
                verifySigner(header, signed);
            }
            return OperationCodec.decode(signed.operationData().toByteArray(), LIMITS);
        } catch (CapnpException e) {
            if (e.error() == CapnpError.UNSUPPORTED) {
                throw dropped("unsupported", e.getMessage());
            }
            throw punished(PunishmentReason.FAILED_TO_DECODE_OPERATION, e.getMessage());
        }
    }

    /** The signer's signature covers our public key of the envelope's kind, then the operation bytes. */
    private void verifySigner(RpcMessageHeader header, SignedOperation signed) {
        PublicKey signer = signed.signer().orElseThrow();
        PublicKey destination = routingTable.identity().publicKey(header.cryptoKind());
        byte[] data = signed.operationData().toByteArray();
        byte[] covered = new byte[destination.value().length() + data.length];
        System.arraycopy(destination.value().toByteArray(), 0, covered, 0, destination.value().length());
        System.arraycopy(data, 0, covered, destination.value().length(), data.length);
        boolean valid;
        try {
            valid = crypto.get(signer.kind()).map(s -> s.verify(signer, covered, signed.signature().orElseThrow()))
                    .orElse(false);
        } catch (CryptoException e) {
            valid = false;
        }
        if (!valid) {
            throw punished(PunishmentReason.FAILED_TO_DECODE_OPERATION, "the operation's signer signature does not verify");
        }
    }

    /** Veilid's per-operation limits, checked when decoding. */
    private static void validate(Operation operation) {
        Object detail = detail(operation);
        if (detail instanceof Operation.FindNodeQ f && f.capabilities().size() > Capability.MAX_CAPABILITIES) {
            throw invalid("find_node_q lists " + f.capabilities().size() + " capabilities, at most "
                    + Capability.MAX_CAPABILITIES);
        } else if (detail instanceof Operation.FindNodeA f && f.peers().size() > RpcProcessor.MAX_FIND_NODE_A_PEERS) {
            throw invalid("find_node_a carries " + f.peers().size() + " peers, at most " + RpcProcessor.MAX_FIND_NODE_A_PEERS);
        } else if (detail instanceof Operation.AppCallQ a) {
            appMessageLength(a.message());
        } else if (detail instanceof Operation.AppCallA a) {
            appMessageLength(a.message());
        } else if (detail instanceof Operation.AppMessage m) {
            appMessageLength(m.message());
        } else if (detail instanceof Operation.ValidateDialInfo v) {
            receiptLength(v.receipt());
        } else if (detail instanceof Operation.Signal signal) {
            receiptLength(signal.receipt());
        } else if (detail instanceof Operation.ReturnReceipt r) {
            receiptLength(r.receipt());
        }
    }

    /** The question's, statement's or answer's detail. */
    static Object detail(Operation operation) {
        if (operation.kind() instanceof Operation.Question q) {
            return q.detail();
        }
        if (operation.kind() instanceof Operation.Statement s) {
            return s.detail();
        }
        return ((Operation.Answer) operation.kind()).detail();
    }

    private static void receiptLength(Bytes receipt) {
        if (receipt.length() < Receipt.MIN_SIZE || receipt.length() > Receipt.MAX_SIZE) {
            throw invalid("a receipt is " + Receipt.MIN_SIZE + " to " + Receipt.MAX_SIZE
                    + " bytes, this one " + receipt.length());
        }
    }

    private static void appMessageLength(Bytes message) {
        if (message.length() > RpcProcessor.MAX_APP_MESSAGE_LENGTH) {
            throw invalid("an app message is at most " + RpcProcessor.MAX_APP_MESSAGE_LENGTH + " bytes, this one "
                    + message.length());
        }
    }

    private static Refused invalid(String message) {
        return punished(PunishmentReason.FAILED_TO_DECODE_OPERATION, message);
    }

    /**
     * Veilid's {@code process_sender_peer_info}: a sender peer info must describe the sender, and is
     * registered as a signed update of its entry.
     */
    private Optional<NodeRef> senderPeerInfo(RpcMessageHeader header, Operation operation) {
        if (operation.senderPeerInfo().isEmpty()) {
            return Optional.empty();
        }
        Optional<ValidatedPeerInfo> validated = validatePeer(header.routingDomain(), operation.senderPeerInfo().get());
        if (validated.isEmpty()) {
            return Optional.empty();
        }
        if (!validated.get().nodeIds().contains(header.senderId())) {
            throw punished(PunishmentReason.WRONG_SENDER_PEER_INFO,
                    "sender peer info describes " + validated.get().nodeIds() + ", not the sender " + header.senderId());
        }
        try {
            return Optional.of(routingTable.registerNodeWithPeerInfo(validated.get().peerInfo(),
                    validated.get().routingDomain(), false).nodeRef().unfiltered());
        } catch (RoutingTableException e) {
            throw punished(PunishmentReason.FAILED_TO_REGISTER_SENDER_PEER_INFO, e.getMessage());
        }
    }

    /**
     * A received peer info as Veilid decodes one: a failed signature refuses the whole operation; no
     * verifiable signature, or no routing domain that accepts it from {@code origin}, leaves it out.
     */
    private Optional<ValidatedPeerInfo> validatePeer(RoutingDomain origin, PeerInfo peerInfo) {
        PeerInfoValidation.Result result = PeerInfoValidation.validate(crypto, peerInfo);
        if (result instanceof PeerInfoValidation.Result.Invalid invalid) {
            throw punished(PunishmentReason.FAILED_TO_DECODE_OPERATION, "peer info refused: " + invalid.reason());
        }
        if (!(result instanceof PeerInfoValidation.Result.Valid valid)) {
            return Optional.empty();
        }
        return domains.bestNodeInfoDomain(origin, peerInfo.nodeInfo())
                .map(rd -> new ValidatedPeerInfo(peerInfo, rd, valid.nodeIds()));
    }

    private List<ValidatedPeerInfo> carriedPeers(RoutingDomain origin, Operation operation) {
        Object detail = detail(operation);
        List<PeerInfo> carried = List.of();
        if (detail instanceof Operation.FindNodeA f) {
            carried = f.peers();
        } else if (detail instanceof Operation.Signal signal) {
            carried = List.of(signal.peerInfo());
        }
        List<ValidatedPeerInfo> out = new ArrayList<>(carried.size());
        for (PeerInfo peerInfo : carried) {
            validatePeer(origin, peerInfo).ifPresent(out::add);
        }
        return out;
    }

    private Mono<? extends NetworkResult<?>> dispatch(RpcMessage message) {
        Object detail = detail(message.operation());
        if (!(message.operation().kind() instanceof Operation.Answer)) {
            message.sender().ifPresent(n -> n.statsQuestionRcvd(message.header().timestamp()));
        }
        if (detail instanceof Operation.StatusQ) {
            return statusQ(message);
        } else if (detail instanceof Operation.FindNodeQ f) {
            return findNodeQ(message, f);
        } else if (detail instanceof Operation.AppCallQ a) {
            return appCallQ(message, a);
        } else if (detail instanceof Operation.ValidateDialInfo v) {
            return validateDialInfo(message, v);
        } else if (detail instanceof Operation.Signal signal) {
            return signal(message, signal);
        } else if (detail instanceof Operation.ReturnReceipt r) {
            return network.handleInBandReceipt(r.receipt(), message.header().senderNodeRef());
        } else if (detail instanceof Operation.AppMessage m) {
            return Mono.just(appMessage(message, m));
        }
        return Mono.just(answer(message));
    }

    private Mono<NetworkResult<SendDataResult>> statusQ(RpcMessage message) {
        RpcMessageHeader header = message.header();
        message.sender().ifPresent(n -> n.updateNodeStatus(header.routingDomain(), new NodeStatus()));
        return sender.answer(message, new Operation.StatusA(Optional.of(header.flow().remote().socketAddress())));
    }

    private Mono<NetworkResult<SendDataResult>> findNodeQ(RpcMessage message, Operation.FindNodeQ question) {
        List<PeerInfo> closest = routingTable.findPreferredClosestPeers(message.header().routingDomain(),
                HashCoordinate.of(question.nodeId()), question.capabilities());
        return sender.answer(message, new Operation.FindNodeA(closest));
    }

    /** Whether our published peer info in the message's domain offers {@code capability}. */
    private boolean offers(RpcMessage message, FourCc capability) {
        return domains.detail(message.header().routingDomain()).publishedPeerInfo()
                .map(p -> p.nodeInfo().capabilities().contains(capability)).orElse(false);
    }

    /** Veilid without its {@code footgun} feature only takes app traffic over private routes, which veilflux lacks. */
    private Optional<String> refusesDirectAppTraffic(String what) {
        return config.directAppMessages() ? Optional.empty()
                : Optional.of("direct " + what + " is refused (network.rpc direct app messages are off, as in Veilid)");
    }

    private Mono<NetworkResult<SendDataResult>> appCallQ(RpcMessage message, Operation.AppCallQ question) {
        if (!offers(message, Capability.APPM)) {
            return Mono.just(new NetworkResult.ServiceUnavailable<>("app call is not available"));
        }
        Optional<String> refused = refusesDirectAppTraffic("app call");
        if (refused.isPresent()) {
            return Mono.just(new NetworkResult.InvalidMessage<>(refused.get()));
        }
        long callId = message.operation().opId();
        OperationWaiter<Bytes, Boolean>.Handle handle = appCalls.add(callId, Boolean.TRUE);
        listener.appCall(new InboundAppCall(message.header().senderId(), question.message(), callId));
        return handle.await(config.timeout()).publishOn(work).flatMap(reply -> reply instanceof NetworkResult.Value<OperationWaiter.Reply<Bytes>> v
                ? sender.answer(message, new Operation.AppCallA(v.value().answer()))
                : Mono.just(reply.<SendDataResult>withoutValue()));
    }

    private NetworkResult<NetworkResult.Done> appMessage(RpcMessage message, Operation.AppMessage statement) {
        if (!offers(message, Capability.APPM)) {
            return new NetworkResult.ServiceUnavailable<>("app message is not available");
        }
        Optional<String> refused = refusesDirectAppTraffic("app message");
        if (refused.isPresent()) {
            return new NetworkResult.InvalidMessage<>(refused.get());
        }
        listener.appMessage(new InboundAppMessage(message.header().senderId(), statement.message()));
        return NetworkResult.done();
    }

    private Mono<NetworkResult<NetworkResult.Done>> signal(RpcMessage message, Operation.Signal signal) {
        if (!offers(message, Capability.SGNL)) {
            return Mono.just(new NetworkResult.ServiceUnavailable<>("signal is not available"));
        }
        if (message.peers().isEmpty()) {
            return Mono.just(new NetworkResult.InvalidMessage<>("the signal's peer info could not be verified"));
        }
        return network.handleSignal(message.header().flow(), signal, message.peers().get(0));
    }

    private Mono<NetworkResult<?>> validateDialInfo(RpcMessage message, Operation.ValidateDialInfo statement) {
        RoutingDomain rd = message.header().routingDomain();
        boolean able = domains.detail(rd).publishedPeerInfo().map(p -> canValidateDialInfo(p.nodeInfo())).orElse(false);
        if (!able) {
            return Mono.just(new NetworkResult.ServiceUnavailable<>("validate dial info is not available"));
        }
        if (!statement.redirect()) {
            return network.sendOutOfBandReceipt(statement.dialInfo(), statement.receipt()).thenReturn(NetworkResult.done());
        }
        NodeId requester = message.header().senderId();
        DialInfo target = statement.dialInfo();
        List<NodeRef> peers = routingTable.findFastNonLocalNodesFiltered(rd, config.maxFindNodeCount(),
                n -> n.nodeInfo(rd).map(ni -> canDial(ni, target) && canValidateDialInfo(ni)).orElse(false));
        Operation.ValidateDialInfo forwarded = new Operation.ValidateDialInfo(target, statement.receipt(), false);
        return Flux.fromIterable(peers)
                .filter(peer -> !peer.nodeIds().contains(requester))
                .concatMap(peer -> sender.statement(Destination.direct(peer.defaultFiltered()), forwarded))
                .filter(NetworkResult::isValue)
                .next()
                .<NetworkResult<?>>map(r -> r)
                .defaultIfEmpty(new NetworkResult.NoConnection<>(peers.isEmpty()
                        ? "no peers able to reach dial info " + target : "could not redirect, no peers were reachable"));
    }

    private static boolean canValidateDialInfo(NodeInfo nodeInfo) {
        return nodeInfo.capabilities().contains(Capability.DIAL) && nodeInfo.isFullyDirectInbound();
    }

    /** Veilid's outbound dial info entry filter: the node's outbound protocols and address types reach {@code target}. */
    private static boolean canDial(NodeInfo nodeInfo, DialInfo target) {
        return nodeInfo.outboundProtocols().contains(target.protocol()) && nodeInfo.addressTypes().contains(target.addressType());
    }

    private NetworkResult<NetworkResult.Done> answer(RpcMessage message) {
        long opId = message.operation().opId();
        if (!answers.complete(opId, message)) {
            return new NetworkResult.InvalidMessage<>("unmatched operation id " + Long.toUnsignedString(opId));
        }
        return NetworkResult.done();
    }

    private static String opName(Operation operation) {
        return RpcMeters.name(detail(operation));
    }
}
