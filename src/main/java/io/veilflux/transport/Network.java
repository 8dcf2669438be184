package io.veilflux.transport;

import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.Flow;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import io.veilflux.net.UniqueFlow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * A node's low-level network, as Veilid's native {@code Network}: its bound UDP sockets, its
 * TCP/WS/WSS listeners and connections, one inbound stream for all of them, and the sends the
 * network manager builds on (to an existing flow, to a dial info, unbound, send-and-receive, hole
 * punch). Start it with {@link #start}; {@link #stop} releases every port and connection.
 */
public final class Network {
    private static final Logger LOG = LoggerFactory.getLogger(Network.class);

    private final TransportLoops loops;
    private final TransportMeters meters;
    private final ConnectionGate gate;
    private final InboundChannel inbound;
    private final List<UdpTransport> udp;
    private final ConnectionManager connections;
    private final List<SocketAddress> tcpAddresses;

    private Network(TransportLoops loops, TransportMeters meters, ConnectionGate gate, InboundChannel inbound,
                    List<UdpTransport> udp, ConnectionManager connections, List<SocketAddress> tcpAddresses) {
        this.loops = loops;
        this.meters = meters;
        this.gate = gate;
        this.inbound = inbound;
        this.udp = udp;
        this.connections = connections;
        this.tcpAddresses = tcpAddresses;
    }

    /**
     * Binds every listen address: UDP first, then the TCP ports, as Veilid orders them. If any
     * address cannot be bound, whatever was bound is released again and the Mono fails with a
     * {@link BindException} (Veilid's {@code BindRetry}).
     *
     * @param timer drives connection inactivity timers (a virtual-time scheduler in tests)
     */
    public static Mono<Network> start(NetworkConfig config, TransportMeters meters, ConnectionGate gate, Scheduler timer) {
        return Mono.defer(() -> {
            TransportLoops loops = TransportLoops.create("net");
            InboundChannel inbound = new InboundChannel(config.inboundCapacity(), meters);
            ConnectionManager connections = new ConnectionManager(config.connections(), loops, inbound, meters, gate, timer);
            List<UdpTransport> udp = new ArrayList<>();
            List<SocketAddress> tcp = new ArrayList<>();
            Mono<Void> binding = Flux.fromIterable(config.udpListen())
                    .concatMap(address -> UdpTransport.bind(address, config.reassembly(), loops, inbound, meters, gate::isPunished)
                            .doOnNext(udp::add))
                    .thenMany(Flux.fromIterable(config.tcpListen()).concatMap(connections::listen).doOnNext(tcp::add))
                    .then();
            Network network = new Network(loops, meters, gate, inbound, udp, connections, tcp);
            return binding.thenReturn(network)
                    .doOnNext(n -> LOG.info("network started: UDP {}, TCP/WS {}", n.udpAddresses(), tcp))
                    .onErrorResume(e -> network.stop().then(Mono.error(e)));
        });
    }

    /** Every message received on any protocol, framing removed; one subscriber. */
    public Flux<InboundPacket> inbound() {
        return inbound.packets();
    }

    public List<SocketAddress> udpAddresses() {
        return udp.stream().map(UdpTransport::localAddress).toList();
    }

    public List<SocketAddress> tcpAddresses() {
        return List.copyOf(tcpAddresses);
    }

    public ConnectionManager connections() {
        return connections;
    }

    /**
     * Sends on an existing flow: UDP from the socket the flow arrived on (or any of its family),
     * a connection only while it is still open.
     */
    public Mono<SendResult> sendDataToExistingFlow(Flow flow, byte[] data) {
        if (flow.protocol() == ProtocolType.UDP) {
            Optional<UdpTransport> socket = udpFor(flow.addressType(), flow.local());
            if (socket.isEmpty()) {
                return Mono.just(new SendResult.NotSent());
            }
            return socket.get().send(flow.remote().socketAddress(), data).map(SendResult.Sent::new);
        }
        return Mono.fromSupplier(() -> connections.connection(flow)
                .filter(c -> c.send(data))
                .<SendResult>map(c -> new SendResult.Sent(UniqueFlow.connection(flow, c.id())))
                .orElseGet(SendResult.NotSent::new));
    }

    /**
     * Sends to a dial info: UDP from our bound socket of that family, otherwise over an open or a
     * new connection. A failure to connect is reported to the gate as a dial-info failure.
     */
    public Mono<UniqueFlow> sendDataToDialInfo(DialInfo dialInfo, byte[] data) {
        Mono<UniqueFlow> sending;
        if (dialInfo.protocol() == ProtocolType.UDP) {
            Optional<UdpTransport> socket = udpFor(dialInfo.addressType(), Optional.empty());
            sending = socket.isEmpty()
                    ? Mono.error(new ConnectException(dialInfo, "no UDP socket for " + dialInfo.addressType()))
                    : socket.get().send(dialInfo.socketAddress(), data);
        } else {
            sending = connections.getOrCreate(dialInfo).flatMap(c -> c.send(data)
                    ? Mono.just(UniqueFlow.connection(c.flow(), c.id()))
                    : Mono.error(new ConnectException(dialInfo, "failed to send")));
        }
        return recordingFailures(dialInfo, sending);
    }

    /** Sends one message outside the connection table and bound sockets, and drops the socket. */
    public Mono<Void> sendDataUnboundToDialInfo(DialInfo dialInfo, byte[] data) {
        return recordingFailures(dialInfo, exchangeUnbound(dialInfo, data, Optional.empty())).then();
    }

    /**
     * Sends one message unbound and waits at most {@code timeout} for exactly one message back
     * (direct bootstrap). UDP replies from any other address are an error.
     */
    public Mono<byte[]> sendRecvDataUnboundToDialInfo(DialInfo dialInfo, byte[] data, Duration timeout) {
        return exchangeUnbound(dialInfo, data, Optional.of(timeout)).map(Optional::orElseThrow);
    }

    private Mono<Optional<byte[]>> exchangeUnbound(DialInfo dialInfo, byte[] data, Optional<Duration> awaitReply) {
        if (gate.isPunished(dialInfo.socketAddress().address())) {
            return Mono.error(new ConnectException(dialInfo, "punished"));
        }
        return dialInfo.protocol() == ProtocolType.UDP
                ? UdpTransport.exchangeUnbound(dialInfo.socketAddress(), data, awaitReply, loops, meters)
                : connections.exchangeUnbound(dialInfo, data, awaitReply);
    }

    /** The UDP hole punch: an empty datagram from our bound socket; other protocols cannot. */
    public Mono<UniqueFlow> sendHolePunch(DialInfo dialInfo) {
        if (dialInfo.protocol() != ProtocolType.UDP) {
            return Mono.error(new UnsupportedOperationException("hole punch is unimplemented for " + dialInfo.protocol()));
        }
        Optional<UdpTransport> socket = udpFor(dialInfo.addressType(), Optional.empty());
        if (socket.isEmpty()) {
            return Mono.error(new ConnectException(dialInfo, "no UDP socket for " + dialInfo.addressType()));
        }
        return recordingFailures(dialInfo, socket.get().sendHolePunch(dialInfo.socketAddress()));
    }

    private <T> Mono<T> recordingFailures(DialInfo dialInfo, Mono<T> sending) {
        return sending.doOnError(e -> {
            if (e instanceof ConnectException || e instanceof TimeoutException) {
                gate.reportDialInfoFailure(dialInfo);
            }
        });
    }

    /** The socket bound to {@code local} if there is one, else the first of the family. */
    private Optional<UdpTransport> udpFor(AddressType family, Optional<SocketAddress> local) {
        UdpTransport ofFamily = null;
        for (UdpTransport socket : udp) {
            if (local.isPresent() && socket.localAddress().equals(local.get())) {
                return Optional.of(socket);
            }
            if (ofFamily == null && socket.localAddress().address().type() == family) {
                ofFamily = socket;
            }
        }
        return Optional.ofNullable(ofFamily);
    }

    /** Releases every port and connection; the same ports can be bound again afterwards. */
    public Mono<Void> stop() {
        return Flux.fromIterable(udp).flatMap(UdpTransport::close)
                .then(connections.shutdown())
                .then(Mono.fromRunnable(inbound::close))
                .then(loops.disposeLater())
                .doOnSuccess(v -> LOG.info("network stopped"));
    }
}
