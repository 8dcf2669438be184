package io.veilflux.rpc;

import io.micrometer.core.instrument.MeterRegistry;
import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.NodeId;
import io.veilflux.net.DialInfo;
import io.veilflux.net.Flow;
import io.veilflux.net.NetworkResult;
import io.veilflux.net.SocketAddress;
import io.veilflux.routing.FourCc;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.NodeStatus;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingDomains;
import io.veilflux.routing.RoutingTable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Veilid's RPC processor for direct operations: received envelope bodies are queued
 * ({@code rpc.queue_size}) and processed by {@code rpc.concurrency} workers; the {@code rpcCall*}
 * methods send questions and statements and resolve to the answer, a {@link NetworkResult} saying
 * why there is none, or an error for a bug or a stopped processor. It talks to the network manager
 * only through {@link RpcNetwork}.
 */
public final class RpcProcessor {
    /** Veilid's limit on AppMessage and AppCall payloads. */
    public static final int MAX_APP_MESSAGE_LENGTH = 32768;
    /** Veilid's {@code MAX_FIND_NODE_A_PEERS_LEN}. */
    public static final int MAX_FIND_NODE_A_PEERS = 20;

    private record Inbound(RpcMessageHeader header, byte[] body) {
    }

    private final RpcConfig config;
    private final RpcNetwork network;
    private final RpcListener listener;
    private final RpcMeters meters;
    private final RpcSender sender;
    private final OperationWaiter<Bytes, Boolean> appCalls;
    private final WorkerPool<Inbound> workers;
    private volatile boolean started;

    /**
     * @param work where sends continue, and where received operations that had to queue are
     *             processed; the others are processed on the thread that enqueues them, when a worker
     *             is free (see {@link WorkerPool}). Bounded; never a Netty event loop.
     */
    public RpcProcessor(RpcConfig config, Crypto crypto, RoutingTable routingTable, RoutingDomains domains,
                        RpcNetwork network, RpcListener listener, MeterRegistry registry, Scheduler clock,
                        Scheduler work) {
        this.config = Objects.requireNonNull(config, "config");
        this.network = Objects.requireNonNull(network, "network");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.meters = new RpcMeters(registry);
        OperationWaiter<RpcMessage, Operation.QuestionDetail> answers = new OperationWaiter<>(clock);
        this.appCalls = new OperationWaiter<>(clock);
        this.sender = new RpcSender(config, domains, network, answers, meters, clock, work);
        RpcReceiver receiver = new RpcReceiver(config, crypto, routingTable, domains, network, listener, sender, answers,
                appCalls, meters, work);
        this.workers = new WorkerPool<>("veilflux.rpc.worker", config.queueSize(), config.concurrency(),
                in -> receiver.process(in.header(), in.body()), registry, clock, work);
    }

    public RpcConfig config() {
        return config;
    }

    public synchronized void start() {
        workers.start();
        started = true;
    }

    /** Stops the workers; queued operations are dropped and waiting questions end as their timeouts say. */
    public synchronized void stop() {
        started = false;
        workers.stop();
    }

    public boolean isStarted() {
        return started;
    }

    /**
     * Veilid's {@code enqueue_direct_message}: queues a decrypted envelope body without waiting.
     *
     * @return false when the processor is stopped or its queue is full (the message is dropped and counted)
     */
    public boolean enqueueDirectMessage(RpcMessageHeader header, byte[] body) {
        if (!started) {
            meters.dropped("stopped");
            return false;
        }
        if (!workers.offer(new Inbound(header, body))) {
            meters.dropped("queue_full");
            return false;
        }
        return true;
    }

    /** Messages waiting for a worker. */
    public int queued() {
        return workers.queued();
    }

    /**
     * Asks {@code dest} for its status. Besides the answer, this is Veilid's ping: it refreshes both
     * sides' view of each other, and a direct answer tells us the address the target sees us at.
     */
    public Mono<NetworkResult<Answer<StatusResult>>> rpcCallStatus(Destination dest) {
        return guarded(() -> {
            Optional<RoutingDomain> rd = sender.routingDomain(dest);
            if (rd.isEmpty()) {
                sender.failedToSend(dest.target(), true, "status_q", "no_connection");
                return Mono.just(new NetworkResult.NoConnection<>("no routing domain for target " + dest.target()));
            }
            return sender.question(dest, new Operation.StatusQ()).map(result -> {
                if (!(result instanceof NetworkResult.Value<RpcSender.Reply> v)) {
                    return result.withoutValue();
                }
                if (!(RpcReceiver.detail(v.value().answer().operation()) instanceof Operation.StatusA status)) {
                    return new NetworkResult.InvalidMessage<>("not a status answer");
                }
                NodeRef target = dest.target();
                target.updateNodeStatus(rd.get(), new NodeStatus());
                Optional<SocketAddress> previous = Optional.empty();
                if (dest instanceof Destination.Direct && status.senderInfo().isPresent()) {
                    SocketAddress seen = status.senderInfo().get();
                    Flow flow = v.value().sent().uniqueFlow().flow();
                    if (v.value().sent().isDirect()) {
                        previous = target.reportSenderInfo(rd.get(), flow.protocol(), flow.addressType(), seen);
                    }
                    listener.socketAddressChanged(new SocketAddressChangeEvent(rd.get(), seen, previous, flow, target));
                }
                return NetworkResult.value(new Answer<>(v.value().latencyMicros(),
                        new StatusResult(status.senderInfo(), previous)));
            });
        });
    }

    /**
     * Asks {@code dest} for the peers closest to {@code nodeId} that have all {@code capabilities}. An
     * answer naming a peer without them is refused whole, as Veilid does.
     *
     * @return the peers whose peer infos verified, each with its routing domain
     */
    public Mono<NetworkResult<Answer<List<ValidatedPeerInfo>>>> rpcCallFindNode(Destination dest, NodeId nodeId,
                                                                                List<FourCc> capabilities) {
        return guarded(() -> sender.question(dest, new Operation.FindNodeQ(nodeId, capabilities)).map(result -> {
            if (!(result instanceof NetworkResult.Value<RpcSender.Reply> v)) {
                return result.withoutValue();
            }
            if (!(RpcReceiver.detail(v.value().answer().operation()) instanceof Operation.FindNodeA found)) {
                return new NetworkResult.InvalidMessage<>("not a find_node answer");
            }
            boolean meets = found.peers().stream()
                    .allMatch(p -> p.nodeInfo().capabilities().containsAll(capabilities));
            if (!meets) {
                return new NetworkResult.InvalidMessage<>("find_node answer does not meet the capabilities asked for");
            }
            return NetworkResult.value(new Answer<>(v.value().latencyMicros(), v.value().answer().peers()));
        }));
    }

    /** Sends a ReverseConnect or HolePunch signal, normally to the target through its relay. */
    public Mono<NetworkResult<SendDataResult>> rpcCallSignal(Destination dest, Operation.Signal signal) {
        return guarded(() -> sender.statement(dest, signal));
    }

    public Mono<NetworkResult<SendDataResult>> rpcCallReturnReceipt(Destination dest, Bytes receipt) {
        return guarded(() -> sender.statement(dest, new Operation.ReturnReceipt(receipt)));
    }

    /**
     * Asks {@code peer} to send a receipt to {@code dialInfo} (from another node when {@code redirect}).
     *
     * @return true only when the receipt came back out of band within
     *     {@code dht.validate_dial_info_receipt_time_ms}
     */
    public Mono<Boolean> rpcCallValidateDialInfo(NodeRef peer, DialInfo dialInfo, boolean redirect) {
        return guarded(() -> {
            RpcNetwork.SingleShotReceipt receipt = network.generateSingleShotReceipt(config.validateDialInfoReceiptTime());
            return sender.statement(Destination.direct(peer.defaultFiltered()),
                            new Operation.ValidateDialInfo(dialInfo, receipt.receipt(), redirect))
                    .flatMap(sent -> sent.isValue() ? receipt.event() : Mono.empty())
                    .flatMap(event -> event instanceof ReceiptEvent.Cancelled
                            ? Mono.error(new IllegalStateException("the validate_dial_info receipt was dropped before it expired"))
                            : Mono.just(event instanceof ReceiptEvent.ReturnedOutOfBand))
                    .defaultIfEmpty(false);
        });
    }

    public Mono<NetworkResult<SendDataResult>> rpcCallAppMessage(Destination dest, Bytes message) {
        return guarded(() -> {
            requireAppMessageLength(message);
            return sender.statement(dest, new Operation.AppMessage(message));
        });
    }

    /** Asks {@code dest}'s application and waits up to {@code rpc.timeout_ms} for its reply. */
    public Mono<NetworkResult<Answer<Bytes>>> rpcCallAppCall(Destination dest, Bytes message) {
        return guarded(() -> {
            requireAppMessageLength(message);
            return sender.question(dest, new Operation.AppCallQ(message)).map(result -> {
                if (!(result instanceof NetworkResult.Value<RpcSender.Reply> v)) {
                    return result.withoutValue();
                }
                if (!(RpcReceiver.detail(v.value().answer().operation()) instanceof Operation.AppCallA answer)) {
                    return new NetworkResult.InvalidMessage<>("not an app_call answer");
                }
                return NetworkResult.value(new Answer<>(v.value().latencyMicros(), answer.message()));
            });
        });
    }

    /**
     * The application's reply to an {@link InboundAppCall}.
     *
     * @return false when the call is unknown or already timed out
     */
    public boolean appCallReply(long callId, Bytes message) {
        requireAppMessageLength(message);
        return appCalls.complete(callId, message);
    }

    private static void requireAppMessageLength(Bytes message) {
        if (message.length() > MAX_APP_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("an app message or call is at most " + MAX_APP_MESSAGE_LENGTH
                    + " bytes, this one is " + message.length() + "; split it or send it another way");
        }
    }

    private <T> Mono<T> guarded(Supplier<Mono<T>> call) {
        return Mono.defer(() -> started ? call.get()
                : Mono.error(new IllegalStateException("the RPC processor is not started; start the node first")));
    }
}
