package io.veilflux.rpc;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.filter.PunishmentReason;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.Flow;
import io.veilflux.net.NetworkResult;
import io.veilflux.net.PeerAddress;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.UniqueFlow;
import io.veilflux.routing.AddressClassifier;
import io.veilflux.routing.ContactMethod;
import io.veilflux.routing.FilteredNodeRef;
import io.veilflux.routing.FourCc;
import io.veilflux.routing.NodeRefFilter;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.PeerInfoChangeEvent;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingDomainCapabilities;
import io.veilflux.routing.RoutingDomains;
import io.veilflux.routing.RoutingTable;
import io.veilflux.routing.RoutingTableConfig;
import io.veilflux.routing.RoutingTableIdentity;
import io.veilflux.rpc.capnp.ReadLimits;
import io.veilflux.rpc.codec.OperationCodec;
import io.veilflux.rpc.codec.PeerInfoSigner;
import io.veilflux.wire.Receipt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * RPC processors of several nodes joined by an in-memory stand-in for the network manager: an
 * envelope body goes straight to the processor of the node it is addressed to, with a UDP flow
 * between the two nodes' dial infos. Everything runs on the calling thread and a virtual clock.
 * Public for the tests of the packages built on RPC (the routing table's tasks).
 */
public final class RpcTestNetwork {
    public static final Crypto CRYPTO = Crypto.standard();

    public final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    private final Map<NodeId, TestNode> nodes = new HashMap<>();
    private final RpcConfig config;

    public RpcTestNetwork(RpcConfig config) {
        this.config = config;
        // Timestamp 0 means "never" to the routing table, so virtual time starts at a real date.
        clock.advanceTimeTo(Instant.parse("2026-11-30T00:00:00Z"));
    }

    /** A node publishing {@code udp|127.0.0.<n>:5150} in PublicInternet with {@code capabilities}. */
    public TestNode node(int n, List<FourCc> capabilities) {
        return node(n, capabilities, DialInfoClass.DIRECT);
    }

    /** A node publishing {@code udp|127.0.0.<n>:5150} of {@code dialInfoClass} (a signal-needing one: "behind NAT"). */
    public TestNode node(int n, List<FourCc> capabilities, DialInfoClass dialInfoClass) {
        TestNode node = new TestNode(n, capabilities, dialInfoClass);
        nodes.put(node.id, node);
        return node;
    }

    public TestNode node(int n) {
        return node(n, RoutingDomainCapabilities.PUBLIC_INTERNET);
    }

    /** One node of the test network. */
    public final class TestNode implements RpcNetwork, RpcListener {
        public final KeyPair keyPair = CRYPTO.best().generateKeyPair();
        public final NodeId id = NodeId.fromPublicKey(keyPair.key());
        public final DialInfo dialInfo;
        public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        public final RoutingDomains domains;
        public final RoutingTable routingTable;
        public final RpcProcessor rpc;
        public final FindPeers findPeers;
        final List<InboundAppMessage> appMessages = new ArrayList<>();
        final List<InboundAppCall> appCalls = new ArrayList<>();
        final List<SocketAddressChangeEvent> addressChanges = new ArrayList<>();
        final List<PunishmentReason> punishments = new ArrayList<>();
        final List<Operation.Signal> signals = new ArrayList<>();
        final List<Bytes> inBandReceipts = new ArrayList<>();
        final List<Bytes> outOfBandReceipts = new ArrayList<>();
        /** Every operation sent, with the node ref it was sent to. */
        public final List<Sent> sent = new ArrayList<>();
        /** Every change of our published peer info, in order. */
        public final List<PeerInfoChangeEvent> peerInfoChanges = new ArrayList<>();
        public final Set<NodeId> unreachable = new HashSet<>();
        Function<Duration, SingleShotReceipt> receipts = expiry -> {
            throw new IllegalStateException("no receipts in this test");
        };

        TestNode(int n, List<FourCc> capabilities, DialInfoClass dialInfoClass) {
            dialInfo = DialInfo.parse("udp|127.0.0." + n + ":5150");
            domains = new RoutingDomains(AddressClassifier.loopbackAsPublic(), List.of(keyPair.key()),
                    ni -> PeerInfoSigner.sign(CRYPTO, ni, List.of(keyPair)), clock, peerInfoChanges::add,
                    RoutingDomains.DEFAULT_IP6_PREFIX_SIZE);
            domains.edit(RoutingDomain.PUBLIC_INTERNET)
                    .setupNetwork(EnumSet.of(ProtocolType.UDP), EnumSet.of(ProtocolType.UDP),
                            EnumSet.of(AddressType.IPV4), capabilities, true)
                    .addDialInfo(dialInfo, dialInfoClass)
                    .commit();
            domains.edit(RoutingDomain.PUBLIC_INTERNET).publish();
            routingTable = new RoutingTable(RoutingTableIdentity.of(keyPair), RoutingTableConfig.defaults(), domains,
                    rd -> domains.detail(rd).publishedPeerInfo(), flow -> false, clock, new Random(n));
            rpc = new RpcProcessor(config, CRYPTO, routingTable, domains, this, this, registry, clock,
                    Schedulers.immediate());
            findPeers = new FindPeers(rpc, routingTable, clock);
            rpc.start();
        }

        /** Registers {@code other}'s published peer info here, as if learned from a FindNode. */
        public FilteredNodeRef knows(TestNode other) {
            return routingTable.registerNodeWithPeerInfo(other.publishedPeerInfo(), RoutingDomain.PUBLIC_INTERNET, false)
                    .nodeRef();
        }

        /** Our published PublicInternet peer info; there is one from the start. */
        public PeerInfo publishedPeerInfo() {
            return domains.detail(RoutingDomain.PUBLIC_INTERNET).publishedPeerInfo().orElseThrow();
        }

        /** The operations sent, in order. */
        public List<Operation> sentOperations() {
            return sent.stream().map(Sent::operation).toList();
        }

        /** The operations sent to {@code other}. */
        public List<Operation> sentTo(TestNode other) {
            return sent.stream().filter(s -> s.to().equals(other.id)).map(Sent::operation).toList();
        }

        public double counter(String name, String... tags) {
            var search = registry.find(name).tags(tags);
            return search.counter() == null ? 0 : search.counter().count();
        }

        @Override
        public Mono<NetworkResult<SendDataResult>> sendEnvelope(FilteredNodeRef target, Optional<DialInfo> relayDialInfo,
                                                                byte[] body) {
            NodeId to = target.bestNodeId().orElseThrow();
            Operation operation = decode(body);
            sent.add(new Sent(to, target, operation));
            TestNode receiver = nodes.get(to);
            if (receiver == null || unreachable.contains(to)) {
                return Mono.just(new NetworkResult.NoConnection<>("no route to " + to));
            }
            Flow flow = Flow.of(new PeerAddress(ProtocolType.UDP, dialInfo.socketAddress()),
                    receiver.dialInfo.socketAddress());
            receiver.deliver(id, flow, body);
            Flow outbound = Flow.of(new PeerAddress(ProtocolType.UDP, receiver.dialInfo.socketAddress()),
                    dialInfo.socketAddress());
            return Mono.just(NetworkResult.value(new SendDataResult(
                    Optional.of(new ContactMethod.Direct(relayDialInfo.orElse(receiver.dialInfo))),
                    new UniqueFlow(outbound, OptionalLong.empty()))));
        }

        /** What the network manager does with a decrypted envelope from {@code sender} on {@code flow}. */
        boolean deliver(NodeId sender, Flow flow, byte[] body) {
            long now = clock.now(TimeUnit.MICROSECONDS);
            FilteredNodeRef senderRef = routingTable.registerNodeWithId(RoutingDomain.PUBLIC_INTERNET, sender, now)
                    .mergedFilter(NodeRefFilter.all().withProtocolType(flow.protocol()).withAddressType(flow.addressType()));
            senderRef.unfiltered().setLastFlow(flow, now);
            return rpc.enqueueDirectMessage(new RpcMessageHeader(sender, now, body.length, senderRef, flow,
                    RoutingDomain.PUBLIC_INTERNET), body);
        }

        private Operation decode(byte[] body) {
            SignedOperation signed = OperationCodec.decodeBody(body, ReadLimits.DEFAULT);
            return OperationCodec.decode(signed.operationData().toByteArray(), ReadLimits.DEFAULT);
        }

        @Override
        public Mono<NetworkResult<NetworkResult.Done>> handleSignal(Flow flow, Operation.Signal signal,
                                                                    ValidatedPeerInfo signalPeer) {
            signals.add(signal);
            return Mono.just(NetworkResult.done());
        }

        @Override
        public Mono<NetworkResult<NetworkResult.Done>> handleInBandReceipt(Bytes receipt, FilteredNodeRef sender) {
            inBandReceipts.add(receipt);
            return Mono.just(NetworkResult.done());
        }

        @Override
        public Mono<Void> sendOutOfBandReceipt(DialInfo dialInfo, Bytes receipt) {
            outOfBandReceipts.add(receipt);
            return Mono.empty();
        }

        @Override
        public SingleShotReceipt generateSingleShotReceipt(Duration expiry) {
            return receipts.apply(expiry);
        }

        @Override
        public void punishNodeId(NodeId nodeId, PunishmentReason reason) {
            punishments.add(reason);
        }

        @Override
        public void appMessage(InboundAppMessage message) {
            appMessages.add(message);
        }

        @Override
        public void appCall(InboundAppCall call) {
            appCalls.add(call);
        }

        @Override
        public void socketAddressChanged(SocketAddressChangeEvent event) {
            addressChanges.add(event);
        }
    }

    /** An operation a node sent, to whom, through which node ref. */
    public record Sent(NodeId to, FilteredNodeRef target, Operation operation) {
    }

    /** A receipt whose fate the test decides. */
    static RpcNetwork.SingleShotReceipt receipt(Sinks.One<ReceiptEvent> fate) {
        return new RpcNetwork.SingleShotReceipt(Bytes.of(new byte[Receipt.MIN_SIZE]), fate.asMono());
    }
}
