package io.veilflux.manager;

import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoSystem;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.filter.AddressFilter;
import io.veilflux.filter.EnvelopeTimestampGuard;
import io.veilflux.filter.PunishmentListener;
import io.veilflux.filter.PunishmentReason;
import io.veilflux.net.Address;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.Flow;
import io.veilflux.net.NetworkResult;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.Sequencing;
import io.veilflux.routing.ContactMethod;
import io.veilflux.routing.CryptoKindOrder;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.routing.FilteredNodeRef;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.NodeRefFilter;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.PeerInfoChangeEvent;
import io.veilflux.routing.RelayKind;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingDomainCapabilities;
import io.veilflux.routing.RoutingDomainEditor;
import io.veilflux.routing.RoutingDomains;
import io.veilflux.routing.RoutingTable;
import io.veilflux.routing.RoutingTableConfig;
import io.veilflux.routing.RoutingTableException;
import io.veilflux.routing.RoutingTableIdentity;
import io.veilflux.routing.TransferStatsDownUp;
import io.veilflux.rpc.Destination;
import io.veilflux.rpc.FindPeers;
import io.veilflux.rpc.InboundAppCall;
import io.veilflux.rpc.InboundAppMessage;
import io.veilflux.rpc.Operation;
import io.veilflux.rpc.ReceiptEvent;
import io.veilflux.rpc.RpcListener;
import io.veilflux.rpc.RpcNetwork;
import io.veilflux.rpc.RpcProcessor;
import io.veilflux.rpc.SendDataResult;
import io.veilflux.rpc.SocketAddressChangeEvent;
import io.veilflux.rpc.ValidatedPeerInfo;
import io.veilflux.rpc.codec.PeerInfoSigner;
import io.veilflux.rpc.tasks.BootstrapPeer;
import io.veilflux.rpc.tasks.RoutingTableTasks;
import io.veilflux.rpc.tasks.RoutingTaskNetwork;
import io.veilflux.transport.ConnectionGate;
import io.veilflux.transport.InboundPacket;
import io.veilflux.transport.Network;
import io.veilflux.transport.TransportMeters;
import io.veilflux.wire.EnvelopeCodec;
import io.veilflux.wire.NetworkKey;
import io.veilflux.wire.Receipt;
import io.veilflux.wire.ReceiptCodec;
import io.veilflux.wire.WireException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Veilid 0.5.3's network manager as a reactive engine: it owns the node's routing table, routing
 * domains and RPC processor for its whole life, and at each start the transports, receipt manager,
 * relay workers and address check. Received packets flow through {@link EnvelopeReceiver}; sends go
 * through {@link DataSender}; a tick each second drives receipts, purges and statistics.
 */
public final class NetworkManager implements RpcNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(NetworkManager.class);
    static final Duration TICK = Duration.ofSeconds(1);
    private static final int CRYPTO_TASK_CAPACITY = 1 << 20;

    /** What exists only while the network is started. */
    record Components(Network network, ReceiptManager receipts, RelayScheduler<RelayTarget> relays,
                      AddressCheck addressCheck, ContactMethodCache contactMethods, ClientAllowlist allowlist,
                      NetworkStats stats, Optional<NatSimulation> nat) implements DataSender.Context {
        @Override
        public void noteOutbound(Flow flow, int bytes) {
            stats.packetSent(flow.remote().socketAddress().address(), bytes);
            nat.ifPresent(n -> n.outbound(flow));
        }
    }

    private final NetworkManagerConfig config;
    private final Crypto crypto;
    private final RoutingTableIdentity identity;
    private final Scheduler clock;
    private final VeilidClock veilidClock;
    private final Scheduler cryptoScheduler;
    private final NetworkManagerMeters meters;
    private final AddressFilter addressFilter;
    private final EnvelopeTimestampGuard timestampGuard;
    private final EnvelopeCodec envelopeCodec;
    private final ReceiptCodec receiptCodec;
    private final EnvelopeBuilder envelopeBuilder;
    private final RoutingDomains domains;
    private final RoutingTable routingTable;
    private final RpcProcessor rpc;
    private final FindPeers findPeers;
    private final DataSender sender;
    private final EnvelopeReceiver receiver;
    private final StartupLock lock = new StartupLock();
    private final EventStream<InboundAppMessage> appMessages;
    private final EventStream<InboundAppCall> appCalls;
    private final EventStream<PeerInfoChangeEvent> peerInfoChanges;
    private final EventStream<SocketAddressChangeEvent> socketAddressChanges;
    private final EventStream<ReceiptEvent> receiptEvents;
    private final NodeBootstrap bootstrap;
    private volatile RoutingTableTasks routingTasks;
    private volatile Components components;
    private volatile Disposable running;

    public NetworkManager(NetworkManagerConfig config, Crypto crypto, MeterRegistry registry, Scheduler clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.identity = new RoutingTableIdentity(CryptoKindOrder.of(crypto), config.keyPairs());
        this.veilidClock = new VeilidClock(clock);
        // Bounded, but far above what the bounded queues feeding it can hold at once, so that no task
        // is ever rejected (a rejection would end the inbound stream).
        this.cryptoScheduler = Schedulers.newBoundedElastic(Math.max(2, Runtime.getRuntime().availableProcessors()),
                CRYPTO_TASK_CAPACITY, "veilflux-crypto", 60, true);
        this.meters = new NetworkManagerMeters(registry);
        this.appMessages = new EventStream<>("app_messages", registry);
        this.appCalls = new EventStream<>("app_calls", registry);
        this.peerInfoChanges = new EventStream<>("peer_info_changes", registry);
        this.socketAddressChanges = new EventStream<>("socket_address_changes", registry);
        this.receiptEvents = new EventStream<>("receipt_events", registry);
        this.addressFilter = new AddressFilter(config.addressFilter(), clock, new PunishmentSync());
        this.timestampGuard = new EnvelopeTimestampGuard(config.maxTimestampBehind(), config.maxTimestampAhead());
        this.envelopeCodec = new EnvelopeCodec(crypto, config.networkKeyPassword().flatMap(p -> NetworkKey.fromPassword(crypto, p)));
        config.networkKeyPassword().filter(p -> !p.isEmpty()).ifPresent(p -> LOG.info("Using network key"));
        this.receiptCodec = new ReceiptCodec(crypto);
        this.envelopeBuilder = new EnvelopeBuilder(crypto, envelopeCodec, config.keyPairs(), veilidClock);
        this.domains = new RoutingDomains(config.addressClassifier(), identity.publicKeys().toList(),
                ni -> PeerInfoSigner.sign(crypto, ni, config.keyPairs()), clock, this::onPeerInfoChange,
                config.addressFilter().maxConnectionsPerIp6PrefixSize());
        this.routingTable = new RoutingTable(identity, RoutingTableConfig.defaults(), domains,
                rd -> domains.detail(rd).publishedPeerInfo(), this::hasConnection, clock, new Random());
        this.sender = new DataSender(config, routingTable, domains, addressFilter, this::rpc,
                this::generateSingleShotReceipt, lock::stopSignal, meters, clock, cryptoScheduler);
        this.rpc = new RpcProcessor(config.rpc(), crypto, routingTable, domains, this, new Listener(), registry, clock,
                cryptoScheduler);
        this.findPeers = new FindPeers(rpc, routingTable, clock);
        this.receiver = new EnvelopeReceiver(this);
        this.bootstrap = new NodeBootstrap(this);
    }

    // ---- accessors for the receiver, tasks and the node facade ----

    public NetworkManagerConfig config() {
        return config;
    }

    public RoutingTable routingTable() {
        return routingTable;
    }

    public RoutingDomains routingDomains() {
        return domains;
    }

    public RpcProcessor rpc() {
        return rpc;
    }

    public FindPeers findPeers() {
        return findPeers;
    }

    public AddressFilter addressFilter() {
        return addressFilter;
    }

    public NodeId nodeId() {
        return identity.nodeIds().first().orElseThrow();
    }

    public RoutingTableIdentity identity() {
        return identity;
    }

    /** App messages other nodes send us; a slow subscriber misses messages rather than stall the node. */
    public Flux<InboundAppMessage> appMessages() {
        return appMessages.flux();
    }

    /** App calls other nodes make to us; answer each with {@link RpcProcessor#appCallReply}. */
    public Flux<InboundAppCall> appCalls() {
        return appCalls.flux();
    }

    /** Our published peer info changing in a routing domain. */
    public Flux<PeerInfoChangeEvent> peerInfoChanges() {
        return peerInfoChanges.flux();
    }

    /** Peers telling us the address they see us at (Status answers). */
    public Flux<SocketAddressChangeEvent> socketAddressChanges() {
        return socketAddressChanges.flux();
    }

    /** What became of the receipts we handed out (signals, dial info validation). */
    public Flux<ReceiptEvent> receiptEvents() {
        return receiptEvents.flux();
    }

    public boolean isStarted() {
        return lock.isStarted();
    }

    /** The bound transports, while started. */
    public Optional<Network> network() {
        return Optional.ofNullable(components).map(Components::network);
    }

    /**
     * Runs one received packet through the inbound pipeline, as if a transport had handed it over:
     * a hook for benchmarks and tests that feed packets without sockets. Nothing else calls it.
     *
     * @return whether the packet was processed here (false when relayed, dropped, or the network is not started)
     */
    public Mono<Boolean> onRecvEnvelope(InboundPacket packet) {
        Objects.requireNonNull(packet, "packet");
        return receiver.onRecvEnvelope(packet);
    }

    NodeBootstrap bootstrap() {
        return bootstrap;
    }

    /** Peers from every configured bootstrap source (direct BOOT/B01T, DNS TXT); never fails. */
    public Mono<List<PeerInfo>> collectBootstrapPeers() {
        return bootstrap.collectPeers();
    }

    Components components() {
        return components;
    }

    Crypto crypto() {
        return crypto;
    }

    Scheduler clock() {
        return clock;
    }

    VeilidClock veilidClock() {
        return veilidClock;
    }

    Scheduler cryptoScheduler() {
        return cryptoScheduler;
    }

    NetworkManagerMeters meters() {
        return meters;
    }

    EnvelopeTimestampGuard timestampGuard() {
        return timestampGuard;
    }

    EnvelopeCodec envelopeCodec() {
        return envelopeCodec;
    }

    DataSender sender() {
        return sender;
    }

    StartupLock lock() {
        return lock;
    }

    /** The debug view of the manager at this moment (Veilid's {@code debug}). */
    public NetworkManagerSnapshot snapshot() {
        Components current = components;
        MeterRegistry registry = meters.registry();
        SortedMap<String, NetworkManagerSnapshot.Outcomes> byMethod = new TreeMap<>();
        registry.find(ContactMethodCache.SENDS).counters().forEach(counter -> {
            String method = counter.getId().getTag("method");
            boolean sent = "sent".equals(counter.getId().getTag("outcome"));
            long count = (long) counter.count();
            byMethod.merge(method, new NetworkManagerSnapshot.Outcomes(sent ? count : 0, sent ? 0 : count),
                    (a, b) -> new NetworkManagerSnapshot.Outcomes(a.succeeded() + b.succeeded(), a.failed() + b.failed()));
        });
        long hits = (long) registry.find(ContactMethodCache.LOOKUPS).tag("result", "hit").counters().stream()
                .mapToDouble(Counter::count).sum();
        long lookups = (long) registry.find(ContactMethodCache.LOOKUPS).counters().stream()
                .mapToDouble(Counter::count).sum();
        return new NetworkManagerSnapshot(isStarted(), identity.nodeIds().toList(), dialInfos(),
                current == null ? TransferStatsDownUp.NONE : current.stats().self(),
                current == null ? Optional.empty() : current.relays().dequeueLatency(),
                current == null ? Optional.empty() : current.relays().processLatency(),
                current == null ? 0 : current.relays().queued(),
                current == null ? 0 : current.network().connections().table().size(),
                routingTable.entryCount(), current == null ? 0 : current.contactMethods().size(), hits, lookups,
                byMethod);
    }

    // ---- lifecycle ----

    /**
     * Veilid's {@code startup}: binds the transports, starts receipts, relay workers and RPC, and
     * publishes our dial info. A port in use fails with {@link io.veilflux.transport.BindException}
     * and leaves everything stopped, so the caller may retry.
     */
    public Mono<Void> startup() {
        return Mono.defer(() -> {
            lock.beginStartup();
            addressFilter.restart();
            Optional<NatSimulation> nat = config.refuseUnsolicitedInbound()
                    ? Optional.of(new NatSimulation(clockTicker())) : Optional.empty();
            ConnectionGate gate = new NetworkGate(new AddressFilterGate(addressFilter), nat, meters);
            return Network.start(config.network(), new TransportMeters(meters.registry()), gate, clock)
                    .map(network -> {
                        ReceiptManager receipts = new ReceiptManager(clock);
                        RelayScheduler<RelayTarget> relays = new RelayScheduler<>(config.rpc().queueSize(),
                                config.rpc().concurrency(), this::relay, meters.registry(), clock, cryptoScheduler);
                        AddressCheck addressCheck = new AddressCheck(AddressCheckConfig.of(false, false),
                                (p, at) -> network.connections().preferredLocalAddress(p, at), this::addressChanged,
                                meters.registry());
                        ClientAllowlist allowlist = new ClientAllowlist(config.clientAllowlistTimeout(), veilidClock);
                        config.relayClients().forEach(allowlist::update);
                        return new Components(network, receipts, relays, addressCheck,
                                new ContactMethodCache(meters.registry()), allowlist, new NetworkStats(veilidClock), nat);
                    })
                    .publishOn(cryptoScheduler)
                    .flatMap(started -> Mono.<Void>fromRunnable(() -> begin(started))
                            .onErrorResume(e -> {
                                Disposable loops = running;
                                if (loops != null) {
                                    loops.dispose();
                                }
                                rpc.stop();
                                return stopComponents(started).then(Mono.<Void>error(e));
                            }))
                    .doOnError(e -> {
                        components = null;
                        lock.abortStartup();
                    })
                    .doOnCancel(lock::abortStartup)
                    .then();
        });
    }

    /** Starts what runs while the network is up, on the started transports; the last step of startup. */
    private void begin(Components started) {
        components = started;
        started.receipts().startup();
        started.relays().start();
        rpc.start();
        routingTasks = new RoutingTableTasks(routingTable, domains, rpc, findPeers, new TaskNetwork(),
                config.outboundRelay(), meters.registry(), clock);
        publishDialInfo(started.network());
        running = Disposables.composite(
                started.network().inbound()
                        .groupBy(p -> Math.floorMod(p.flow().hashCode(), EnvelopeReceiver.LANES), EnvelopeReceiver.LANES)
                        .flatMap(lane -> lane.publishOn(cryptoScheduler).concatMap(receiver::onRecvEnvelope),
                                EnvelopeReceiver.LANES)
                        .subscribe(null, e -> LOG.error("inbound processing stopped; restart the node", e)),
                Flux.interval(TICK, clock).onBackpressureDrop()
                        .concatMap(t -> Mono.defer(this::tick).subscribeOn(cryptoScheduler))
                        .subscribe(null, e -> LOG.error("the node tick stopped; restart the node", e)));
        lock.started();
        LOG.info("network started: node {} on {}", nodeId(), dialInfos());
    }

    /** Veilid's {@code shutdown}: waits for work in progress, then stops everything started, in reverse. */
    public Mono<Void> shutdown() {
        return Mono.defer(() -> lock.beginShutdown().then(Mono.defer(() -> {
            Disposable loops = running;
            if (loops != null) {
                loops.dispose();
            }
            rpc.stop();
            RoutingTableTasks tasks = routingTasks;
            Components current = components;
            return (tasks == null ? Mono.<Void>empty() : tasks.stop())
                    .then(Mono.defer(() -> {
                        domains.edit(RoutingDomain.PUBLIC_INTERNET).shutdown();
                        domains.edit(RoutingDomain.LOCAL_NETWORK).shutdown();
                        return current == null ? Mono.<Void>empty() : stopComponents(current);
                    }))
                    .then(Mono.<Void>fromRunnable(this::shutDown))
                    .onErrorResume(e -> {
                        shutDown();
                        return Mono.<Void>error(e);
                    })
                    .doOnCancel(this::shutDown);
        })));
    }

    /** Stops the parts that exist only while started, in reverse order of starting. */
    private Mono<Void> stopComponents(Components started) {
        started.relays().stop();
        started.receipts().shutdown();
        return started.network().stop();
    }

    /** The end of shutdown, before the shutdown Mono signals, so that a start right after it is allowed. */
    private void shutDown() {
        components = null;
        running = null;
        lock.shutDown();
        LOG.info("network stopped: node {}", nodeId());
    }

    /** Releases the crypto threads; the manager cannot start again. */
    public void dispose() {
        cryptoScheduler.dispose();
    }

    private Ticker clockTicker() {
        return () -> clock.now(TimeUnit.NANOSECONDS);
    }

    /** The node's tick: the manager's own (rolling stats, purges, receipt expiry), then the routing table's tasks. */
    Mono<Void> tick() {
        RoutingTableTasks tasks = routingTasks;
        return managerTick().then(tasks == null ? Mono.empty() : tasks.tick());
    }

    /** Veilid's NetworkManager tick: rolling stats, purges, receipt expiry. */
    private Mono<Void> managerTick() {
        Components current = components;
        Optional<StartupLock.Entry> entry = lock.enter();
        if (current == null || entry.isEmpty()) {
            entry.ifPresent(StartupLock.Entry::close);
            return Mono.empty();
        }
        try {
            current.stats().roll();
            addressFilter.purge(veilidClock.now());
            current.allowlist().purge();
        } catch (RuntimeException e) {
            entry.get().close();
            LOG.warn("Error in network manager tick", e);
            return Mono.empty();
        }
        return current.receipts().tick()
                .onErrorResume(e -> {
                    LOG.warn("Error in network manager tick", e);
                    return Mono.empty();
                })
                .doFinally(s -> entry.get().close());
    }

    /**
     * Publishes a dial info for every bound address that belongs to a routing domain (Veilid with
     * static dial info and address-change detection off: confirmed at once, no discovery).
     */
    private void publishDialInfo(Network network) {
        for (RoutingDomain rd : RoutingDomain.values()) {
            RoutingDomainEditor editor = domains.edit(rd);
            Set<ProtocolType> protocols = EnumSet.noneOf(ProtocolType.class);
            Set<AddressType> types = EnumSet.noneOf(AddressType.class);
            editor.clearDialInfoDetails(Optional.empty(), Optional.empty());
            for (DialInfo dialInfo : boundDialInfo(network)) {
                if (domains.ensureDialInfoIsValid(rd, dialInfo)) {
                    editor.addDialInfo(dialInfo, config.publishedDialInfoClass());
                    protocols.add(dialInfo.protocol());
                    types.add(dialInfo.addressType());
                }
            }
            if (types.isEmpty()) {
                continue;
            }
            editor.setupNetwork(outboundProtocols(), protocols, types,
                    RoutingDomainCapabilities.defaults(rd, config.disabledCapabilities()), true);
            routingTable.commit(editor);
            editor.publish();
        }
    }

    private Set<ProtocolType> outboundProtocols() {
        Set<ProtocolType> out = EnumSet.noneOf(ProtocolType.class);
        if (!config.network().udpListen().isEmpty()) {
            out.add(ProtocolType.UDP);
        }
        if (!config.network().tcpListen().isEmpty()) {
            out.add(ProtocolType.TCP);
            out.add(ProtocolType.WS);
        }
        return out;
    }

    private List<DialInfo> boundDialInfo(Network network) {
        List<DialInfo> out = new ArrayList<>();
        network.udpAddresses().forEach(a -> out.add(DialInfo.udp(a)));
        network.tcpAddresses().forEach(a -> out.add(DialInfo.tcp(a)));
        return out;
    }

    /** Our published dial infos in every domain. */
    public List<DialInfo> dialInfos() {
        return domains.detail(RoutingDomain.PUBLIC_INTERNET).dialInfoDetails().stream().map(DialInfoDetail::dialInfo)
                .collect(Collectors.toList());
    }

    private boolean hasConnection(Flow flow) {
        Components current = components;
        return current != null && current.network().connections().connection(flow).isPresent();
    }

    private void onPeerInfoChange(PeerInfoChangeEvent event) {
        Components current = components;
        if (current != null) {
            current.addressCheck().reportPeerInfoChange(event.routingDomain(), event.newPeerInfo());
        }
        peerInfoChanges.emit(event);
    }

    private void addressChanged(RoutingDomain rd) {
        LOG.info("{} address change detected; static dial info stays as configured", rd);
    }

    // ---- relaying ----

    /** One relay worker's job: inbound, over the flow the node keeps to us; outbound, by any contact method, found first. */
    private Mono<Void> relay(RelayScheduler.RelayRequest<RelayTarget> request) {
        Components current = components;
        if (current == null) {
            return Mono.empty();
        }
        RelayTarget target = request.target();
        Mono<Optional<FilteredNodeRef>> node = target.node().isPresent() ? Mono.just(target.node())
                : findPeers.resolveNode(target.recipient(), Sequencing.NO_PREFERENCE)
                        .map(found -> found.map(n -> n.sequencingFiltered(target.sequencing())));
        return node.flatMap(found -> {
            if (found.isEmpty()) {
                meters.dropped("relay_unknown_recipient");
                return Mono.empty();
            }
            Mono<NetworkResult<SendDataResult>> sent = request.kind() == RelayKind.INBOUND
                    ? sender.sendExistingOnly(current, found.get(), request.data())
                    : sender.sendData(current, found.get(), request.data());
            return sent.doOnNext(r -> LOG.debug("relayed {} bytes to {}: {}", request.data().length, found.get(), r));
        }).then();
    }

    // ---- RpcNetwork: what the RPC processor asks of us ----

    @Override
    public Mono<NetworkResult<SendDataResult>> sendEnvelope(FilteredNodeRef target, Optional<DialInfo> relayDialInfo,
                                                            byte[] body) {
        return entered(() -> {
            NodeId destination = target.bestNodeId().orElseThrow(() -> new IllegalStateException(
                    "can't send to " + target + ": we don't support its crypto system"));
            if (target.bestEnvelopeVersion().isEmpty()) {
                return Mono.error(new IllegalStateException("can't send to " + target
                        + ": we don't support its envelope versions"));
            }
            Components current = components;
            return Mono.fromCallable(() -> envelopeBuilder.build(destination, body))
                    .subscribeOn(cryptoScheduler)
                    .flatMap(envelope -> relayDialInfo.isPresent()
                            ? sender.sendDataDirect(current, target.unfiltered(), relayDialInfo.get(), envelope)
                            : sender.sendData(current, target, envelope));
        }, () -> new NetworkResult.NoConnection<>("network is not started"));
    }

    @Override
    public Mono<NetworkResult<NetworkResult.Done>> handleSignal(Flow flow, Operation.Signal signal, ValidatedPeerInfo peer) {
        return entered(() -> {
            FilteredNodeRef peerRef;
            try {
                peerRef = routingTable.registerNodeWithPeerInfo(peer.peerInfo(), peer.routingDomain(), false).nodeRef();
            } catch (RoutingTableException e) {
                String what = signal instanceof Operation.HolePunch ? "hole punch connect" : "reverse connect";
                return Mono.just(new NetworkResult.InvalidMessage<>("unable to register " + what + " peerinfo: "
                        + e.getMessage()));
            }
            if (signal instanceof Operation.ReverseConnect) {
                FilteredNodeRef back = peerRef.unfiltered().sequencingFiltered(strictSequencing(flow.protocol()));
                return rpc.rpcCallReturnReceipt(Destination.direct(back), signal.receipt()).map(this::done);
            }
            return holePunchBack(peerRef.unfiltered(), (Operation.HolePunch) signal);
        }, () -> new NetworkResult.ServiceUnavailable<>("network is not started"));
    }

    /** Veilid 0.5.3's hole-punch answer: punch towards the dial info the requester named, then return the receipt through the hole. */
    private Mono<NetworkResult<NetworkResult.Done>> holePunchBack(NodeRef peer, Operation.HolePunch signal) {
        NodeRefFilter outbound = domains.detail(RoutingDomain.PUBLIC_INTERNET).outboundNodeRefFilter();
        DialInfo target;
        NodeRefFilter filter;
        if (signal.dialInfo().isPresent()) {
            target = signal.dialInfo().get();
            filter = outbound.withDialInfoFilter(DialInfoFilter.of(target.protocol(), target.addressType()));
        } else {
            NodeRefFilter udp = outbound.withProtocolType(ProtocolType.UDP);
            Optional<DialInfoDetail> first = peer.customFiltered(udp).firstDialInfoDetail();
            if (first.isEmpty()) {
                return Mono.just(new NetworkResult.NoConnection<>("No hole punch capable dialinfo found for node: " + peer));
            }
            target = first.get().dialInfo();
            filter = udp.withAddressType(target.addressType());
        }
        FilteredNodeRef through = peer.customFiltered(filter);
        Components current = components;
        return sender.punch(current, target).flatMap(flow -> {
            if (flow.isEmpty()) {
                return Mono.just(new NetworkResult.NoConnection<NetworkResult.Done>("hole punch to " + target + " failed"));
            }
            return Mono.delay(DataSender.HOLE_PUNCH_DELAY, clock).publishOn(cryptoScheduler).then(Mono.defer(() -> {
                sender.setLastFlow(current, peer, flow.get().flow(), veilidClock.now());
                return rpc.rpcCallReturnReceipt(Destination.direct(through), signal.receipt()).map(this::done);
            }));
        });
    }

    private NetworkResult<NetworkResult.Done> done(NetworkResult<SendDataResult> result) {
        return result.isValue() ? NetworkResult.done() : result.withoutValue();
    }

    static Sequencing strictSequencing(ProtocolType protocol) {
        return protocol.isOrdered() ? Sequencing.ENSURE_ORDERED : Sequencing.NO_PREFERENCE;
    }

    @Override
    public Mono<NetworkResult<NetworkResult.Done>> handleInBandReceipt(Bytes receipt, FilteredNodeRef sender) {
        return handleReceipt(receipt, new ReceiptEvent.ReturnedInBand(sender));
    }

    /** A receipt that came back as a bare packet (RCP0 magic). */
    Mono<NetworkResult<NetworkResult.Done>> handleOutOfBandReceipt(byte[] receipt) {
        return handleReceipt(Bytes.of(receipt), new ReceiptEvent.ReturnedOutOfBand());
    }

    private Mono<NetworkResult<NetworkResult.Done>> handleReceipt(Bytes bytes, ReceiptEvent.Returned returned) {
        return entered(() -> Mono.fromCallable(() -> receiptCodec.decode(bytes.toByteArray()))
                .subscribeOn(cryptoScheduler)
                .flatMap(receipt -> components.receipts().handleReceipt(receipt.nonce(), returned))
                .map(handled -> {
                    if (handled == ReceiptManager.Handled.NOT_RECORDED) {
                        return new NetworkResult.InvalidMessage<NetworkResult.Done>("receipt not recorded");
                    }
                    return NetworkResult.done();
                })
                .onErrorResume(WireException.class, e -> Mono.just(new NetworkResult.InvalidMessage<>(e.getMessage()))),
                () -> new NetworkResult.ServiceUnavailable<>("network is not started"));
    }

    private void receiptEvent(ReceiptEvent event) {
        meters.receipt(event);
        receiptEvents.emit(event);
    }

    @Override
    public Mono<Void> sendOutOfBandReceipt(DialInfo dialInfo, Bytes receipt) {
        return entered(() -> components.network().sendDataUnboundToDialInfo(dialInfo, receipt.toByteArray())
                        .onErrorResume(e -> {
                            LOG.debug("out-of-band receipt to {} not sent: {}", dialInfo, e.getMessage());
                            return Mono.empty();
                        })
                        .thenReturn(true),
                () -> {
                    LOG.debug("not sending out-of-band receipt to {}: network is not started", dialInfo);
                    return false;
                })
                .then();
    }

    @Override
    public SingleShotReceipt generateSingleShotReceipt(Duration expiry) {
        Components current = components;
        if (current == null) {
            throw new IllegalStateException("network is not started");
        }
        CryptoSystem system = crypto.best();
        KeyPair own = identity.keyPair(system.kind());
        Receipt receipt = new Receipt(system.kind(), system.randomNonce(), identity.nodeId(system.kind()), Bytes.EMPTY);
        byte[] bytes = receiptCodec.encode(receipt, own.secret());
        Mono<ReceiptEvent> event = current.receipts().recordSingleShot(receipt.nonce(),
                veilidClock.nowNonDecreasing() + expiry.toNanos() / 1000).doOnNext(this::receiptEvent);
        return new SingleShotReceipt(Bytes.of(bytes), event);
    }

    @Override
    public void punishNodeId(NodeId nodeId, PunishmentReason reason) {
        meters.punished(reason);
        addressFilter.punishNodeId(nodeId, reason);
    }

    /** Punishes the IP block {@code address} is in. */
    void punishIpAddr(Address address, PunishmentReason reason) {
        meters.punished(reason);
        addressFilter.punishIpAddr(address, reason);
    }

    /** Keeps the routing table's punished marks in step with the address filter's node punishments. */
    private final class PunishmentSync implements PunishmentListener {
        @Override
        public void onNodeIdPunished(NodeId nodeId, PunishmentReason reason) {
            lookup(nodeId).ifPresent(n -> n.setPunished(reason));
        }

        @Override
        public void onNodeIdForgiven(NodeId nodeId) {
            lookup(nodeId).ifPresent(NodeRef::clearPunishment);
        }

        @Override
        public void onPunishmentsCleared() {
            routingTable.clearPunishments();
        }

        private Optional<NodeRef> lookup(NodeId nodeId) {
            try {
                return routingTable.lookupNodeId(nodeId);
            } catch (RoutingTableException e) {
                return Optional.empty();
            }
        }
    }

    /** Runs {@code work} inside the startup lock, or answers {@code notStarted}. */
    private <T> Mono<T> entered(Supplier<Mono<T>> work, Supplier<T> notStarted) {
        return Mono.defer(() -> {
            Optional<StartupLock.Entry> entry = lock.enter();
            if (entry.isEmpty()) {
                return Mono.just(notStarted.get());
            }
            return Mono.defer(work).doFinally(s -> entry.get().close());
        });
    }

    /** What the routing table's tasks ask of the network. */
    private final class TaskNetwork implements RoutingTaskNetwork {
        @Override
        public boolean isNetworkStarted() {
            return lock.isStarted();
        }

        @Override
        public Mono<List<BootstrapPeer>> bootstrapPeers() {
            return bootstrap.collectPeers().map(peers -> peers.stream()
                    .flatMap(p -> domains.nodeInfoDomains(p.nodeInfo()).stream().sorted(Comparator.reverseOrder())
                            .findFirst().map(rd -> new BootstrapPeer(p, rd)).stream())
                    .toList());
        }

        @Override
        public Optional<DialInfo> directDialInfo(FilteredNodeRef node) {
            Components current = components;
            if (current == null) {
                return Optional.empty();
            }
            return sender.contactMethod(current, node)
                    .filter(ContactMethod.Direct.class::isInstance)
                    .map(m -> ((ContactMethod.Direct) m).dialInfo());
        }

        @Override
        public void setDialInfoFailed(DialInfo dialInfo) {
            addressFilter.setDialInfoFailed(dialInfo);
        }
    }

    /** The RPC processor's news for the application and the address check. */
    private final class Listener implements RpcListener {
        @Override
        public void appMessage(InboundAppMessage message) {
            appMessages.emit(message);
        }

        @Override
        public void appCall(InboundAppCall call) {
            appCalls.emit(call);
        }

        @Override
        public void socketAddressChanged(SocketAddressChangeEvent event) {
            socketAddressChanges.emit(event);
            Components current = components;
            if (current != null) {
                current.addressCheck().reportSocketAddressChange(event.routingDomain(), event.socketAddress(),
                        event.oldSocketAddress(), event.flow(), event.reportingPeer().nodeInfo(event.routingDomain()));
            }
        }
    }
}
