package io.veilflux.node;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.manager.NetworkManager;
import io.veilflux.net.DialInfo;
import io.veilflux.net.NetworkResult;
import io.veilflux.net.Sequencing;
import io.veilflux.routing.NodeInfo;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.PeerInfoChangeEvent;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingTableException;
import io.veilflux.rpc.Destination;
import io.veilflux.rpc.RpcProcessor;
import io.veilflux.rpc.SendDataResult;
import io.veilflux.rpc.SocketAddressChangeEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A veilflux node: the public face of the network manager. Build one with {@link #builder()},
 * {@link #start()} it, listen to {@link #events()}, {@link #appMessages()} and {@link #appCalls()},
 * and send with {@link #sendAppMessage} and {@link #appCall}. {@link #close()} stops it for good.
 *
 * <p>The streams are hot and never make the node wait: items that arrive while nobody subscribes
 * are not kept, and a subscriber that falls behind loses the oldest items (counted in
 * {@code veilflux.node.events.dropped} for {@link #events()}, and in {@code veilflux.net.events.dropped}
 * by stream for app messages and calls). Streams deliver and {@code Mono}s complete on
 * {@link Schedulers#boundedElastic()} threads, never on the network's event loops, so the code
 * that follows may block.
 *
 * <p>veilflux has no private routes, so app messages and calls go directly to the target node:
 * both sides need {@code veilflux.direct_app_messages} (Veilid's {@code footgun} feature) to
 * accept them.
 */
public final class VeilfluxNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VeilfluxNode.class);
    /** The most {@link #close()} waits for the node to stop. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Items handed at once to a subscriber's thread; the rest wait in the stream's own bounded buffer. */
    public static final int DELIVERY_PREFETCH = 32;

    private final VeilfluxConfig config;
    private final NetworkManager manager;
    private final MeterRegistry registry;
    private final Scheduler clock;
    private final NodeEventStream events;
    private final Disposable forwarding;
    private final AtomicBoolean closed = new AtomicBoolean();

    private VeilfluxNode(VeilfluxConfig config, KeyPair keyPair, MeterRegistry registry, Scheduler clock) {
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.manager = new NetworkManager(LowerLayerConfigs.networkManagerConfig(config, keyPair), Crypto.standard(),
                registry, clock);
        this.events = new NodeEventStream(registry);
        this.forwarding = Disposables.composite(
                manager.peerInfoChanges().subscribe(this::onPeerInfoChange),
                manager.socketAddressChanges().subscribe(this::onSocketAddressChange),
                manager.receiptEvents().subscribe(e -> events.emit(new NodeEvent.Receipt(e))));
    }

    /** A builder starting from Veilid's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- lifecycle ----

    /**
     * Binds the transports and publishes our dial info; completes once the node is up, after
     * {@link NodeEvent.NetworkStarted}. Fails with {@link io.veilflux.transport.BindException} when a
     * port is taken (the node stays stopped and may be started again) and with
     * {@link IllegalStateException} when already started or closed.
     */
    public Mono<Void> start() {
        return Mono.defer(() -> {
            requireOpen();
            return manager.startup();
        }).then(Mono.<Void>fromRunnable(() -> events.emit(new NodeEvent.NetworkStarted(nodeId(), dialInfos()))))
                .publishOn(Schedulers.boundedElastic());
    }

    /** Stops the transports and withdraws our peer info; completes after {@link NodeEvent.NetworkStopped}. */
    public Mono<Void> stop() {
        return manager.shutdown().then(Mono.<Void>fromRunnable(() -> events.emit(new NodeEvent.NetworkStopped(nodeId()))))
                .publishOn(Schedulers.boundedElastic());
    }

    /**
     * Stops the node if it is started (waiting up to 30 s) and releases its threads and streams; it
     * cannot start again. Blocks, so not for event loops.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (manager.isStarted()) {
                stop().block(CLOSE_TIMEOUT);
            }
        } finally {
            forwarding.dispose();
            manager.dispose();
        }
    }

    public boolean isStarted() {
        return manager.isStarted();
    }

    // ---- who we are ----

    public NodeId nodeId() {
        return manager.nodeId();
    }

    /** Our published PublicInternet dial infos; empty while stopped. */
    public List<DialInfo> dialInfos() {
        return manager.dialInfos();
    }

    /**
     * A bootstrap entry other nodes can give in {@code network.routing_table.bootstrap} to bootstrap
     * from this node directly: {@code udp://host:port} (or {@code tcp://} without UDP).
     *
     * @throws IllegalStateException when the node publishes no UDP or TCP dial info (not started)
     */
    public String bootstrapEntry() {
        return dialInfos().stream()
                .filter(d -> d instanceof DialInfo.Udp || d instanceof DialInfo.Tcp)
                .findFirst()
                .map(d -> d.protocol().name().toLowerCase(Locale.ROOT) + "://" + d.socketAddress())
                .orElseThrow(() -> new IllegalStateException("node " + nodeId()
                        + " publishes no UDP or TCP dial info; start it first (and check its address profile)"));
    }

    public VeilfluxConfig config() {
        return config;
    }

    public MeterRegistry meterRegistry() {
        return registry;
    }

    /**
     * The network manager underneath, for what this facade does not offer (routing table, routing
     * domains, RPC). Its streams are the raw ones this node's streams are built on.
     */
    public NetworkManager networkManager() {
        return manager;
    }

    // ---- bootstrap ----

    /**
     * Asks every configured bootstrap source ({@code network.routing_table.bootstrap}: direct
     * BOOT/B01T to dial info URLs, DNS TXT for names) for peers now and adds them to the routing
     * table, as Veilid's bootstrap does, so a caller knows when the node has someone to talk to.
     * The routing table's bootstrap task does the same (and asks the peers for more) on its own
     * within a second or two of start. Completes with the node ids added; never fails for an
     * unreachable source (it adds nothing).
     */
    public Mono<List<NodeId>> bootstrap() {
        return Mono.defer(() -> {
            requireStarted();
            return manager.collectBootstrapPeers();
        }).map(this::registerBootstrapPeers).publishOn(Schedulers.boundedElastic());
    }

    private List<NodeId> registerBootstrapPeers(List<PeerInfo> peers) {
        List<NodeId> added = new ArrayList<>();
        for (PeerInfo peer : peers) {
            try {
                manager.routingTable().registerNodeWithPeerInfo(peer, RoutingDomain.PUBLIC_INTERNET, true);
                added.addAll(peer.nodeInfo().nodeIds());
            } catch (RoutingTableException e) {
                LOG.debug("bootstrap peer {} not added: {}", peer.nodeInfo().nodeIds(), e.getMessage());
            }
        }
        LOG.info("bootstrap added {} peer(s): {}", added.size(), added);
        return List.copyOf(added);
    }

    // ---- streams ----

    /**
     * The node's news: started, stopped, peer info and relay changes, address reports, receipts.
     * Hot; each subscriber buffers up to 256 events (and {@value #DELIVERY_PREFETCH} more on its way to
     * its thread) and then loses the oldest, counted in {@code veilflux.node.events.dropped}.
     */
    public Flux<NodeEvent> events() {
        return events.flux().publishOn(Schedulers.boundedElastic(), DELIVERY_PREFETCH);
    }

    /**
     * App messages other nodes send us. Hot; a subscriber that falls behind loses the oldest,
     * counted in {@code veilflux.net.events.dropped{stream=app_messages}}.
     */
    public Flux<AppMessage> appMessages() {
        return manager.appMessages()
                .map(m -> new AppMessage(m.sender(), m.message()))
                .publishOn(Schedulers.boundedElastic(), DELIVERY_PREFETCH);
    }

    /**
     * App calls other nodes make to us; answer each with {@link AppCall#reply}. Hot; a subscriber
     * that falls behind loses the oldest, counted in {@code veilflux.net.events.dropped{stream=app_calls}}
     * (their callers time out).
     */
    public Flux<AppCall> appCalls() {
        RpcProcessor rpc = manager.rpc();
        return manager.appCalls()
                .map(c -> new AppCall(c.sender(), c.message(), c.callId(), rpc))
                .publishOn(Schedulers.boundedElastic(), DELIVERY_PREFETCH);
    }

    // ---- sends ----

    /**
     * Sends an app message to {@code target}, finding it first if the routing table does not know
     * it ({@code dht.resolve_node_*}). Completes with how it was sent. Fails with
     * {@link IllegalArgumentException} for a message over {@value RpcProcessor#MAX_APP_MESSAGE_LENGTH}
     * bytes, {@link NodeNotFoundException} when the target cannot be found,
     * {@link SendFailedException} when it cannot be reached, and {@link IllegalStateException}
     * when this node is not started.
     */
    public Mono<SendDataResult> sendAppMessage(NodeId target, byte[] message) {
        Objects.requireNonNull(target, "target");
        Bytes bytes = Bytes.of(Objects.requireNonNull(message, "message"));
        return requireLength("app message", bytes)
                .then(resolve(target))
                .flatMap(node -> manager.rpc().rpcCallAppMessage(Destination.direct(node.defaultFiltered()), bytes))
                .map(result -> valueOf("app message", target, result))
                .publishOn(Schedulers.boundedElastic());
    }

    /**
     * Asks {@code target}'s application {@code question} and completes with its answer. The whole
     * exchange (finding the target, sending, waiting) gets at most {@code timeout}, and the wait for
     * the answer at most {@code network.rpc.timeout_ms}; running out of either fails with a
     * {@link SendFailedException} whose result is {@link NetworkResult.Timeout}. Otherwise fails as
     * {@link #sendAppMessage} does.
     */
    public Mono<Bytes> appCall(NodeId target, byte[] question, Duration timeout) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(timeout, "timeout");
        Bytes bytes = Bytes.of(Objects.requireNonNull(question, "question"));
        return requireLength("app call", bytes)
                .then(resolve(target))
                .flatMap(node -> manager.rpc().rpcCallAppCall(Destination.direct(node.defaultFiltered()), bytes))
                .map(result -> valueOf("app call", target, result).value())
                .timeout(timeout, Mono.error(() -> new SendFailedException("app call", target,
                        new NetworkResult.Timeout<>())), clock)
                .publishOn(Schedulers.boundedElastic());
    }

    /** {@link #appCall(NodeId, byte[], Duration)} with {@code network.rpc.timeout_ms} as the timeout. */
    public Mono<Bytes> appCall(NodeId target, byte[] question) {
        return appCall(target, question, config.network().rpc().timeout());
    }

    private static Mono<Void> requireLength(String what, Bytes bytes) {
        if (bytes.length() > RpcProcessor.MAX_APP_MESSAGE_LENGTH) {
            return Mono.error(new IllegalArgumentException("an " + what + " is at most "
                    + RpcProcessor.MAX_APP_MESSAGE_LENGTH + " bytes (Veilid's limit), this one is " + bytes.length()
                    + "; split it"));
        }
        return Mono.empty();
    }

    private Mono<NodeRef> resolve(NodeId target) {
        return Mono.defer(() -> {
            requireStarted();
            return manager.findPeers().resolveNode(target, Sequencing.NO_PREFERENCE);
        }).flatMap(found -> found.map(Mono::just).orElseGet(() -> Mono.error(new NodeNotFoundException(target))));
    }

    private static <T> T valueOf(String what, NodeId target, NetworkResult<T> result) {
        if (result instanceof NetworkResult.Value<T> value) {
            return value.value();
        }
        throw new SendFailedException(what, target, result);
    }

    private void requireStarted() {
        requireOpen();
        if (!manager.isStarted()) {
            throw new IllegalStateException("node " + nodeId() + " is not started; start() it first");
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("node " + nodeId() + " is closed; build a new one");
        }
    }

    // ---- events from the manager ----

    private void onPeerInfoChange(PeerInfoChangeEvent change) {
        if (change.oldPeerInfo().isEmpty() && change.newPeerInfo().isEmpty()) {
            return; // a domain we never published in, withdrawn at shutdown: nothing changed
        }
        events.emit(new NodeEvent.PeerInfoChanged(change.routingDomain(), change.oldPeerInfo(), change.newPeerInfo()));
        relayChange(change).ifPresent(events::emit);
    }

    /** A {@link NodeEvent.RelayChanged} when the relays named in our published peer info differ. */
    static Optional<NodeEvent.RelayChanged> relayChange(PeerInfoChangeEvent change) {
        List<NodeId> before = relayIds(change.oldPeerInfo());
        List<NodeId> after = relayIds(change.newPeerInfo());
        return before.equals(after) ? Optional.empty()
                : Optional.of(new NodeEvent.RelayChanged(change.routingDomain(), before, after));
    }

    private static List<NodeId> relayIds(Optional<PeerInfo> peerInfo) {
        return peerInfo.map(PeerInfo::nodeInfo).map(NodeInfo::relayIds).orElse(List.of());
    }

    private void onSocketAddressChange(SocketAddressChangeEvent change) {
        events.emit(new NodeEvent.SocketAddressChanged(change.routingDomain(), change.socketAddress(),
                change.oldSocketAddress(), change.reportingPeer().nodeIds().toList()));
    }

    @Override
    public String toString() {
        return "VeilfluxNode[" + nodeId() + (isStarted() ? ", started" : "") + "]";
    }

    /**
     * Builds a {@link VeilfluxNode}: its {@link VeilfluxConfig} (the common settings here, all of
     * them through {@link #config(Consumer)}, {@link #set} or {@link #configFile}), the meter
     * registry it reports to and the clock it keeps time by.
     */
    public static final class Builder {
        private VeilfluxConfig.Builder config = VeilfluxConfig.builder();
        private MeterRegistry registry;
        private Scheduler clock = Schedulers.parallel();

        private Builder() {
        }

        /** Changes the configuration through {@link VeilfluxConfig.Builder}'s setters. */
        public Builder config(Consumer<VeilfluxConfig.Builder> change) {
            change.accept(config);
            return this;
        }

        /** Starts over from {@code whole}; later setters change it further. */
        public Builder config(VeilfluxConfig whole) {
            config = whole.toBuilder();
            return this;
        }

        /** A key by Veilid's name, as {@link VeilfluxConfig.Builder#set}. */
        public Builder set(String veilidKey, String value) {
            config.set(veilidKey, value);
            return this;
        }

        /** A YAML or properties file, as {@link VeilfluxConfig.Builder#file}. */
        public Builder configFile(Path file) {
            config.file(file);
            return this;
        }

        /** UDP and TCP/WS on one listen address; see {@link VeilfluxConfig.Builder#listen}. */
        public Builder listen(String address) {
            config.listen(address);
            return this;
        }

        /** See {@link VeilfluxConfig.Builder#listenUdp}. */
        public Builder listenUdp(int port) {
            config.listenUdp(port);
            return this;
        }

        /** See {@link VeilfluxConfig.Builder#listenTcp}. */
        public Builder listenTcp(int port) {
            config.listenTcp(port);
            return this;
        }

        /** {@code network.routing_table.bootstrap}: dial info URLs such as {@code udp://192.0.2.7:5150}, or DNS names; none for a first node. */
        public Builder bootstrap(String... entries) {
            config.bootstrap(entries);
            return this;
        }

        /**
         * {@code network.routing_table.bootstrap_keys}: who must sign bootstrap records; none to take
         * the unsigned BOOT answer of any node, which is how nodes bootstrap from each other directly
         * (a node answers the signed B01T request only when it is a configured bootstrap itself).
         */
        public Builder bootstrapKeys(PublicKey... keys) {
            config.bootstrapKeys(keys);
            return this;
        }

        /** The node's key pair; without one, a new key pair (and so a new node id) is generated at each build. */
        public Builder nodeKeyPair(KeyPair pair) {
            config.nodeKeyPair(pair);
            return this;
        }

        /** {@code veilflux.address_profile}. */
        public Builder addressProfile(AddressProfile profile) {
            config.addressProfile(profile);
            return this;
        }

        /** {@code veilflux.direct_app_messages}: needed on both sides to exchange app messages and calls. */
        public Builder directAppMessages(boolean allowed) {
            config.directAppMessages(allowed);
            return this;
        }

        /** Where the node's meters go; by default a registry of its own ({@link VeilfluxNode#meterRegistry()}). */
        public Builder meterRegistry(MeterRegistry value) {
            registry = Objects.requireNonNull(value, "registry");
            return this;
        }

        /** The clock for timers and timestamps; {@link Schedulers#parallel()} by default, a virtual one in tests. */
        public Builder clock(Scheduler value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Checks the configuration and makes the node, not yet started.
         *
         * @throws ConfigException naming the key whose value cannot work
         */
        public VeilfluxNode build() {
            VeilfluxConfig built = config.build();
            List<String> ignored = LowerLayerConfigs.settingsNotActedOn(built);
            if (!ignored.isEmpty()) {
                LOG.warn("ignoring settings the network manager does not act on yet: {}", String.join(", ", ignored));
            }
            KeyPair keyPair = built.network().routingTable().nodeKeyPair().orElseGet(() -> {
                KeyPair generated = Crypto.standard().best().generateKeyPair();
                LOG.info("generated node key pair for {}; set network.routing_table.public_keys and secret_keys "
                        + "to keep this node id", generated.nodeId());
                return generated;
            });
            return new VeilfluxNode(built, keyPair, registry != null ? registry : new SimpleMeterRegistry(), clock);
        }
    }
}
