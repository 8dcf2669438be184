package io.veilflux.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.ReferenceCountUtil;
import io.veilflux.net.Address;
import io.veilflux.net.Flow;
import io.veilflux.net.PeerAddress;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import io.veilflux.net.UniqueFlow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.udp.UdpServer;

/**
 * One bound UDP socket that both receives and sends, so that replies and hole punches leave from
 * the listening port. Messages travel through the {@link AssemblyBuffer}; datagrams from punished
 * addresses are dropped before any parsing. Receiving runs on the socket's event loop and only
 * copies bytes, reassembles and hands off; it never blocks and never stops on bad input.
 */
public final class UdpTransport {
    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);
    /** Veilid's largest message, the ENV0 maximum. */
    public static final int MAX_MESSAGE_SIZE = 65507;
    private static final int FLUSH_CONSOLIDATION_LIMIT = 64;

    private final Connection connection;
    private final AssemblyBuffer assembly;
    private final SocketAddress localAddress;
    private final TransportMeters meters;

    private UdpTransport(Connection connection, AssemblyBuffer assembly, TransportMeters meters) {
        this.connection = connection;
        this.assembly = assembly;
        this.meters = meters;
        this.localAddress = SocketAddress.of((InetSocketAddress) connection.channel().localAddress());
    }

    /**
     * Binds {@code listen} (port 0 picks a free port) and feeds every whole message received into
     * {@code inbound}.
     *
     * @param isPunished whether datagrams from an address are to be dropped unread
     */
    public static Mono<UdpTransport> bind(SocketAddress listen, TransportLoops loops, InboundChannel inbound,
                                          TransportMeters meters, Predicate<Address> isPunished) {
        return bind(listen, AssemblyBuffer.Limits.DEFAULTS, loops, inbound, meters, isPunished);
    }

    /** As {@link #bind(SocketAddress, TransportLoops, InboundChannel, TransportMeters, Predicate)} with other reassembly limits. */
    public static Mono<UdpTransport> bind(SocketAddress listen, AssemblyBuffer.Limits limits, TransportLoops loops,
                                          InboundChannel inbound, TransportMeters meters, Predicate<Address> isPunished) {
        Objects.requireNonNull(listen, "listen");
        AssemblyBuffer assembly = new AssemblyBuffer(() -> Schedulers.parallel().now(TimeUnit.MICROSECONDS), limits);
        InetSocketAddress bindAddress = listen.toInet();
        return UdpServer.create()
                .runOn(loops, true)
                .bindAddress(() -> bindAddress)
                // Datagrams written while reading (replies) or in bursts leave in one flush, which
                // epoll turns into one sendmmsg instead of a syscall each.
                .doOnChannelInit((observer, channel, remote) -> channel.pipeline()
                        .addFirst("veilflux.flush", new FlushConsolidationHandler(FLUSH_CONSOLIDATION_LIMIT, true)))
                .handle((in, out) -> in.receiveObject()
                        .ofType(DatagramPacket.class)
                        .doOnNext(packet -> receive(packet, assembly, inbound, meters, isPunished))
                        .then())
                .bind()
                .onErrorMap(e -> new BindException(ProtocolType.UDP, listen, e))
                .map(connection -> new UdpTransport(connection, assembly, meters));
    }

    private static void receive(DatagramPacket packet, AssemblyBuffer assembly, InboundChannel inbound,
                                TransportMeters meters, Predicate<Address> isPunished) {
        try {
            SocketAddress remote = SocketAddress.of(packet.sender());
            if (isPunished.test(remote.address())) {
                meters.dropped(ProtocolType.UDP, "punished");
                return;
            }
            ByteBuf content = packet.content();
            meters.received(ProtocolType.UDP, content.readableBytes());
            AssemblyBuffer.Frame frame = assembly.insertFrame(content, remote);
            if (frame instanceof AssemblyBuffer.Frame.Message message) {
                if (message.data().length > MAX_MESSAGE_SIZE) {
                    meters.dropped(ProtocolType.UDP, "message_too_large");
                    return;
                }
                SocketAddress local = SocketAddress.of(packet.recipient());
                inbound.offer(new InboundPacket(message.data(), Flow.of(new PeerAddress(ProtocolType.UDP, remote), local)));
            } else if (frame instanceof AssemblyBuffer.Frame.Dropped dropped) {
                meters.dropped(ProtocolType.UDP, dropped.reason());
            }
        } catch (RuntimeException e) {
            // Nothing a datagram carries may stop the receive loop.
            meters.dropped(ProtocolType.UDP, "receive_error");
            LOG.debug("dropped a datagram that could not be handled", e);
        }
    }

    /** Peers with messages half reassembled (at most the reassembly limit's host count). */
    public int pendingReassemblyPeers() {
        return assembly.pendingPeers();
    }

    /** The socket address actually bound. */
    public SocketAddress localAddress() {
        return localAddress;
    }

    /**
     * Sends {@code message} to {@code remote} from this socket, fragmented as needed; the
     * fragments leave back to back with nothing else to that peer in between.
     *
     * @return the flow it went on, once every datagram is written
     */
    public Mono<UniqueFlow> send(SocketAddress remote, byte[] message) {
        if (message.length > MAX_MESSAGE_SIZE) {
            return Mono.error(new IllegalArgumentException(
                    "message of " + message.length + " bytes exceeds the maximum of " + MAX_MESSAGE_SIZE));
        }
        ByteBufAllocator alloc = connection.channel().alloc();
        return write(remote, assembly.split(message, (header, data, offset, length) ->
                alloc.ioBuffer(header.length + length).writeBytes(header).writeBytes(data, offset, length)), message.length);
    }

    /**
     * Sends the hole punch: one zero-length datagram without an assembly header. Java cannot set
     * a unicast TTL on a datagram socket, so it leaves with the default TTL rather than Veilid's
     * 3 (still opens the NAT mapping; it merely travels further than needed).
     */
    public Mono<UniqueFlow> sendHolePunch(SocketAddress remote) {
        return write(remote, List.of(Unpooled.EMPTY_BUFFER), 0);
    }

    private Mono<UniqueFlow> write(SocketAddress remote, List<ByteBuf> frames, int messageLength) {
        Channel channel = connection.channel();
        InetSocketAddress recipient = remote.toInet();
        UniqueFlow flow = UniqueFlow.udp(Flow.of(new PeerAddress(ProtocolType.UDP, remote), localAddress));
        return Mono.create(sink -> {
            // All fragments in one event-loop task: no other message can slip in between.
            Runnable writing = () -> writeFrames(channel, recipient, frames, () -> {
                meters.sent(ProtocolType.UDP, messageLength);
                sink.success(flow);
            }, sink::error);
            if (channel.eventLoop().inEventLoop()) {
                writing.run();
                return;
            }
            try {
                channel.eventLoop().execute(writing);
            } catch (RejectedExecutionException closed) {
                frames.forEach(ReferenceCountUtil::safeRelease);
                sink.error(closed);
            }
        });
    }

    private static void writeFrames(Channel channel, InetSocketAddress recipient, List<ByteBuf> frames,
                                    Runnable sent, Consumer<Throwable> failed) {
        if (!frames.get(0).isReadable()) {
            try {
                HolePunchingDatagramChannel.sendEmpty(channel, recipient);
                sent.run();
            } catch (IOException | RuntimeException e) {
                failed.accept(e);
            }
            return;
        }
        ChannelFuture last = null;
        for (ByteBuf frame : frames) {
            last = channel.write(new DatagramPacket(frame, recipient));
        }
        channel.flush();
        last.addListener(f -> {
            if (f.isSuccess()) {
                sent.run();
            } else {
                failed.accept(f.cause());
            }
        });
    }

    /**
     * A one-shot exchange from a fresh socket on an ephemeral port, as Veilid's unbound UDP
     * send: the message out and, when {@code awaitReply} is given, exactly one whole message back
     * from {@code remote} within that time (a datagram from anyone else is an error).
     */
    public static Mono<Optional<byte[]>> exchangeUnbound(SocketAddress remote, byte[] message, Optional<Duration> awaitReply,
                                                         TransportLoops loops, TransportMeters meters) {
        SocketAddress any = new SocketAddress(Address.unspecified(remote.address().type()), 0);
        InboundChannel replies = new InboundChannel(1, meters);
        return Mono.usingWhen(
                bind(any, loops, replies, meters, address -> false),
                socket -> {
                    Mono<UniqueFlow> sent = socket.send(remote, message);
                    if (awaitReply.isEmpty()) {
                        return sent.thenReturn(Optional.<byte[]>empty());
                    }
                    return sent.then(replies.packets().next()
                            .timeout(awaitReply.get(), Mono.error(new TimeoutException(
                                    "no reply from " + remote + " within " + awaitReply.get())))
                            .flatMap(reply -> reply.flow().remote().socketAddress().equals(remote)
                                    ? Mono.just(Optional.of(reply.data()))
                                    : Mono.error(new IllegalStateException("reply came from the wrong address "
                                            + reply.flow().remote().socketAddress() + ", expected " + remote))));
                },
                UdpTransport::close);
    }

    /** Closes the socket; completes when the port is released. */
    public Mono<Void> close() {
        connection.dispose();
        return connection.onDispose();
    }
}
