package io.veilflux.transport;

import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.Flow;
import io.veilflux.net.PeerAddress;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import io.veilflux.net.SplitUrl;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.ChannelBindException;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * Owns the TCP, WS and WSS connections of a node: listeners that share one port between raw
 * TCP and WebSocket (and WSS when a certificate is configured), dialers that leave from the
 * listening port, the {@link ConnectionTable} with its limits, connection ids, and the
 * inactivity timers. Every received message goes to the node's {@link InboundChannel}.
 * One manager serves one network start: after {@link #shutdown()} a restart makes a new one.
 */
public final class ConnectionManager {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionManager.class);
    private static final int FLUSH_CONSOLIDATION_LIMIT = 64;

    private final ConnectionConfig config;
    private final TransportLoops loops;
    private final InboundChannel inbound;
    private final TransportMeters meters;
    private final ConnectionGate gate;
    private final Scheduler timer;
    private final ConnectionTable table;
    private final AtomicLong nextId = new AtomicLong();
    private final Map<PeerAddress, Mono<NetworkConnection>> dialing = new ConcurrentHashMap<>();
    private final Map<String, SocketAddress> preferredLocal = new ConcurrentHashMap<>();
    private final List<DisposableServer> listeners = new CopyOnWriteArrayList<>();
    /**
     * Every accepted socket, from the moment it is accepted, sniffed or not: closed at shutdown.
     * It stays closed, so a socket accepted just before the listener closed is closed on arrival.
     */
    private final ChannelGroup accepted = new DefaultChannelGroup("veilflux-accepted", GlobalEventExecutor.INSTANCE, true);
    private volatile boolean shutDown;
    private volatile Set<SocketAddress> protectedRemotes = Set.of();

    /** @param timer drives the inactivity timers (a virtual-time scheduler in tests) */
    public ConnectionManager(ConnectionConfig config, TransportLoops loops, InboundChannel inbound, TransportMeters meters,
                             ConnectionGate gate, Scheduler timer) {
        this.config = config;
        this.loops = loops;
        this.inbound = inbound;
        this.meters = meters;
        this.gate = gate;
        this.timer = timer;
        this.table = new ConnectionTable(config.maxConnections(), config.limits().priorityFlowPercentage(), gate);
    }

    public ConnectionTable table() {
        return table;
    }

    /**
     * Listens on {@code address} for raw TCP and WS, and WSS when a server certificate is
     * configured, all on one port. Completes with the bound address (port 0 picks one).
     */
    public Mono<SocketAddress> listen(SocketAddress address) {
        if (shutDown) {
            return Mono.error(new IllegalStateException("this connection manager was shut down; start a new one"));
        }
        return Mono.fromCallable(() -> probeFreePort(address))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(e -> new BindException(ProtocolType.TCP, address, e))
                .flatMap(this::bindListener);
    }

    /**
     * The listener shares its port (SO_REUSEPORT) so that outbound connections can leave from it;
     * that would also let it bind a port someone else listens on. So, as Veilid does, a plain
     * socket proves the port free first (and picks one for port 0).
     */
    private static SocketAddress probeFreePort(SocketAddress address) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(false);
            probe.bind(address.toInet());
            return address.withPort(probe.getLocalPort());
        }
    }

    private Mono<SocketAddress> bindListener(SocketAddress address) {
        ProtocolSniffer.Settings settings = new ProtocolSniffer.Settings(config.wsPath(), config.serverTls(),
                config.initialTimeout().toMillis(), config.tlsInitialTimeout().toMillis());
        PunishedAddressFilter punishedFilter = new PunishedAddressFilter(gate, meters);
        return TcpServer.create()
                .runOn(loops, true)
                .bindAddress(address::toInet)
                .option(ChannelOption.SO_BACKLOG, config.limits().listenBacklog())
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(loops.serverReusePort(), true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_LINGER, 0)
                .doOnChannelInit((observer, channel, remote) -> {
                    accepted.add(channel);
                    channel.pipeline().addFirst("veilflux.flush", flushConsolidation());
                    channel.pipeline().addFirst("veilflux.sniffer", new ProtocolSniffer(settings, false));
                    channel.pipeline().addFirst("veilflux.punished", punishedFilter);
                })
                .handle((in, out) -> {
                    Connection connection = (Connection) in;
                    return in.receiveObject().switchOnFirst((first, objects) -> {
                        if (first.hasValue() && first.get() instanceof ProtocolSelected selected) {
                            accepted(connection, selected.protocol(), objects.skip(1));
                            return connection.onDispose();
                        }
                        return objects.then();
                    });
                })
                .bind()
                .onErrorMap(e -> new BindException(ProtocolType.TCP, address, e))
                .map(server -> {
                    listeners.add(server);
                    SocketAddress bound = SocketAddress.of((InetSocketAddress) server.address());
                    preferredLocal.putIfAbsent(key(ProtocolType.TCP, bound.address().type()), bound);
                    preferredLocal.putIfAbsent(key(ProtocolType.WS, bound.address().type()), bound);
                    config.serverTls().ifPresent(tls -> preferredLocal.putIfAbsent(key(ProtocolType.WSS, bound.address().type()), bound));
                    LOG.info("listening for TCP and WS /{}{} on {}", config.wsPath(),
                            config.serverTls().isPresent() ? " and WSS" : "", bound);
                    return bound;
                });
    }

    private static String key(ProtocolType protocol, AddressType addressType) {
        return protocol + "/" + addressType;
    }

    /** The listening address outbound connections of this protocol and family leave from. */
    public Optional<SocketAddress> preferredLocalAddress(ProtocolType protocol, AddressType addressType) {
        return Optional.ofNullable(preferredLocal.get(key(protocol, addressType)));
    }

    private void accepted(Connection connection, ProtocolType protocol, Flux<?> objects) {
        InetSocketAddress remote = (InetSocketAddress) connection.channel().remoteAddress();
        InetSocketAddress local = (InetSocketAddress) connection.channel().localAddress();
        Flow flow = Flow.of(new PeerAddress(protocol, SocketAddress.of(remote)), SocketAddress.of(local));
        NettyLink link = NettyLink.of(connection, objects, protocol, gate, meters, flow.remote().socketAddress().address());
        register(new NetworkConnection(nextId.getAndIncrement(), flow, Optional.empty(), link,
                config.limits().outboundQueueCapacity()));
    }

    /**
     * The socket addresses of our relays (Veilid's {@code update_protections}): connections to
     * them, open now or made later, are protected from LRU eviction; all others are not.
     */
    public void updateProtections(Set<SocketAddress> relayAddresses) {
        protectedRemotes = Set.copyOf(relayAddresses);
        for (NetworkConnection connection : table.all()) {
            connection.setProtected(protectedRemotes.contains(connection.flow().remote().socketAddress()));
        }
    }

    /**
     * Adds a new connection to the table and starts it; a refused one is closed, an evicted one
     * too. Empty when refused.
     */
    private Optional<NetworkConnection> register(NetworkConnection connection) {
        connection.setProtected(protectedRemotes.contains(connection.flow().remote().socketAddress()));
        ConnectionTable.AddResult result = table.add(connection);
        if (result instanceof ConnectionTable.AddResult.Refused refused) {
            LOG.debug("refusing {}: {}", connection, refused.detail());
            meters.dropped(connection.protocol(), "connection_" + refused.refusal().name().toLowerCase(Locale.ROOT));
            connection.close();
            return Optional.empty();
        }
        ((ConnectionTable.AddResult.Added) result).evicted().ifPresent(victim -> {
            LOG.debug("evicting least recently used {}", victim);
            victim.close();
        });
        connection.start(inbound, config.inactivityTimeout(), timer,
                (received, length) -> {
                    table.touch(connection);
                    if (received) {
                        meters.received(connection.protocol(), length);
                    } else {
                        meters.sent(connection.protocol(), length);
                    }
                },
                () -> table.remove(connection));
        return Optional.of(connection);
    }

    /** The connection carrying {@code flow}, if it is still open. */
    public Optional<NetworkConnection> connection(Flow flow) {
        return table.byFlow(flow);
    }

    /**
     * An open connection to {@code dialInfo}'s address, or a new one. Concurrent calls for the
     * same remote share one dial. A new connection leaves from our listening port unless another
     * protocol already connects the same two endpoints.
     *
     * @throws ConnectException (as the Mono's error) when the dial fails, times out or is refused
     */
    public Mono<NetworkConnection> getOrCreate(DialInfo dialInfo) {
        if (!dialInfo.protocol().isOrdered()) {
            return Mono.error(new IllegalArgumentException("UDP has no connections: " + dialInfo));
        }
        PeerAddress remote = dialInfo.peerAddress();
        return Mono.defer(() -> {
            if (shutDown) {
                return Mono.error(new ConnectException(dialInfo, "the connection manager was shut down"));
            }
            int bestPort = preferredLocalAddress(dialInfo.protocol(), dialInfo.addressType()).map(SocketAddress::port).orElse(0);
            Optional<NetworkConnection> existing = table.bestByRemote(bestPort, remote);
            if (existing.isPresent()) {
                return Mono.just(existing.get());
            }
            return dialing.computeIfAbsent(remote, r -> dial(dialInfo)
                    .doFinally(s -> dialing.remove(r))
                    .cache());
        });
    }

    private Mono<NetworkConnection> dial(DialInfo dialInfo) {
        if (gate.isPunished(dialInfo.socketAddress().address())) {
            return Mono.error(new ConnectException(dialInfo, "punished"));
        }
        Optional<SocketAddress> bind = table.hasCollidingConnection(dialInfo)
                ? Optional.empty()
                : preferredLocalAddress(dialInfo.protocol(), dialInfo.addressType());
        Mono<Connection> connecting = connect(dialInfo, bind);
        if (bind.isPresent()) {
            // The same two endpoints may still be held by a connection that just closed: then
            // leave from an ephemeral port rather than fail.
            connecting = connecting.onErrorResume(ConnectionManager::isAddressTaken, e -> {
                LOG.debug("cannot leave from {} to {} ({}); dialling from an ephemeral port", bind.get(), dialInfo, e.toString());
                return connect(dialInfo, Optional.empty());
            });
        }
        return connecting
                .timeout(config.initialTimeout().plusMillis(500), Mono.error(new ConnectException(dialInfo, "timed out")))
                .onErrorMap(e -> !(e instanceof ConnectException), e -> new ConnectException(dialInfo, e.toString()))
                .flatMap(connection -> {
                    InetSocketAddress local = (InetSocketAddress) connection.channel().localAddress();
                    Flow flow = Flow.of(dialInfo.peerAddress(), SocketAddress.of(local));
                    Flux<?> objects = connection.inbound().receiveObject();
                    NettyLink link = NettyLink.of(connection, objects, dialInfo.protocol(), gate, meters,
                            dialInfo.socketAddress().address());
                    return Mono.justOrEmpty(register(new NetworkConnection(nextId.getAndIncrement(), flow, Optional.of(dialInfo), link,
                                    config.limits().outboundQueueCapacity())))
                            .switchIfEmpty(Mono.error(new ConnectException(dialInfo, "refused by the connection table")));
                });
    }

    /**
     * A one-shot exchange outside the connection table, as Veilid's unbound sends: a fresh
     * connection without a local bind, one message out and, when {@code awaitReply} is given,
     * exactly one message back within that time; then the connection is dropped.
     *
     * @return the reply, or empty when none was awaited
     */
    public Mono<Optional<byte[]>> exchangeUnbound(DialInfo dialInfo, byte[] message, Optional<Duration> awaitReply) {
        if (!dialInfo.protocol().isOrdered()) {
            return Mono.error(new IllegalArgumentException("not a connection-oriented dial info: " + dialInfo));
        }
        if (gate.isPunished(dialInfo.socketAddress().address())) {
            return Mono.error(new ConnectException(dialInfo, "punished"));
        }
        return Mono.usingWhen(
                connect(dialInfo, Optional.empty()).onErrorMap(e -> new ConnectException(dialInfo, e.toString())),
                connection -> {
                    NettyLink link = NettyLink.of(connection, connection.inbound().receiveObject(),
                            dialInfo.protocol(), gate, meters, dialInfo.socketAddress().address());
                    Mono<Void> sent = link.send(Mono.just(message)).doOnSuccess(v -> meters.sent(dialInfo.protocol(), message.length));
                    if (awaitReply.isEmpty()) {
                        return sent.thenReturn(Optional.<byte[]>empty());
                    }
                    return sent.then(link.receive().next()
                            .switchIfEmpty(Mono.error(new ConnectException(dialInfo, "closed before replying")))
                            .timeout(awaitReply.get(), Mono.error(new ConnectException(dialInfo, "no reply within " + awaitReply.get())))
                            .map(Optional::of));
                },
                connection -> Mono.fromRunnable(connection::dispose));
    }

    private Mono<Connection> connect(DialInfo dialInfo, Optional<SocketAddress> bind) {
        Mono<? extends Connection> connecting = dialInfo.protocol() == ProtocolType.TCP
                ? tcpClient(dialInfo, bind).connect()
                : webSocketClient(dialInfo, bind);
        return connecting.cast(Connection.class);
    }

    private static boolean isAddressTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof ChannelBindException || message.contains("Cannot assign requested address")
                    || message.contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    private TcpClient tcpClient(DialInfo dialInfo, Optional<SocketAddress> bind) {
        TcpClient client = TcpClient.newConnection()
                .runOn(loops, true)
                .remoteAddress(() -> dialInfo.socketAddress().toInet())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.initialTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_LINGER, 0)
                .doOnChannelInit((observer, channel, remote) -> channel.pipeline()
                        .addFirst("veilflux.vl", new VlFraming())
                        .addFirst("veilflux.flush", flushConsolidation()));
        return bind.map(local -> client.bindAddress(local::toInet)
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .doOnChannelInit((observer, channel, remote) -> TransportLoops.reusePort(channel)))
                .orElse(client);
    }

    private Mono<? extends Connection> webSocketClient(DialInfo dialInfo, Optional<SocketAddress> bind) {
        String url = dialInfo instanceof DialInfo.Ws ws ? ws.url() : ((DialInfo.Wss) dialInfo).url();
        HttpClient client = HttpClient.create(ConnectionProvider.newConnection())
                .runOn(loops, true)
                .remoteAddress(() -> dialInfo.socketAddress().toInet())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.initialTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_LINGER, 0);
        if (bind.isPresent()) {
            SocketAddress local = bind.get();
            client = client.bindAddress(local::toInet)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .doOnChannelInit((observer, channel, remote) -> TransportLoops.reusePort(channel));
        }
        if (dialInfo.protocol() == ProtocolType.WSS) {
            SslContext tls = config.clientTls().orElseGet(ConnectionManager::defaultClientTls);
            String host = SplitUrl.parse(url).host();
            client = client.secure(spec -> spec.sslContext(tls).serverNames(new SNIHostName(host)));
        }
        // Rust peers drop a connection on any ping: never send one, and pass received ones up.
        return client.websocket(WebsocketClientSpec.builder()
                        .maxFramePayloadLength(UdpTransport.MAX_MESSAGE_SIZE)
                        .handlePing(false)
                        .compress(false)
                        .build())
                .uri(url)
                .connect();
    }

    /**
     * Messages queued in bursts leave in one write instead of a syscall each; a lone message is
     * still flushed at once.
     */
    private static FlushConsolidationHandler flushConsolidation() {
        return new FlushConsolidationHandler(FLUSH_CONSOLIDATION_LIMIT, true);
    }

    private static SslContext defaultClientTls() {
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("the JDK's default TLS client context is unavailable", e);
        }
    }

    /**
     * Closes every listener and connection; completes when all sockets are released, so that a
     * restart can bind the same ports.
     */
    public Mono<Void> shutdown() {
        shutDown = true;
        List<Mono<Void>> closing = new ArrayList<>();
        for (DisposableServer server : listeners) {
            server.dispose();
            closing.add(server.onDispose());
        }
        listeners.clear();
        for (NetworkConnection connection : table.all()) {
            connection.close();
            closing.add(connection.onClose());
        }
        closing.add(Mono.create(sink -> accepted.close().addListener(f -> sink.success())));
        preferredLocal.clear();
        return Mono.when(closing);
    }
}
