package io.veilflux.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.unix.Socket;
import java.io.IOException;
import io.netty.channel.socket.nio.NioChannelOption;
import java.net.StandardSocketOptions;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * The event loops of one node's transports: epoll where Netty's native transport loads, NIO
 * elsewhere (or when asked). On NIO, datagram channels come from {@link HolePunchingDatagramChannel#open()} so
 * that they can send hole punches. Servers and clients run on these with
 * {@code runOn(loops, true)}, which makes Reactor Netty ask this class for its channels; dispose
 * the loops when the node stops.
 */
public final class TransportLoops implements LoopResources {
    private final LoopResources delegate;
    private final boolean nativeTransport;

    private TransportLoops(LoopResources delegate, boolean nativeTransport) {
        this.delegate = delegate;
        this.nativeTransport = nativeTransport && Epoll.isAvailable();
    }

    /** Loops named {@code veilflux-<name>-*}, as many workers as Reactor Netty's default. */
    public static TransportLoops create(String name) {
        return create(name, true);
    }

    /** As {@link #create(String)}; {@code nativeTransport = false} keeps everything on NIO. */
    public static TransportLoops create(String name, boolean nativeTransport) {
        return new TransportLoops(LoopResources.create("veilflux-" + name, LoopResources.DEFAULT_IO_WORKER_COUNT, true), nativeTransport);
    }

    /**
     * SO_REUSEPORT for listeners: with it on both sides, outbound connections can leave from the
     * listening port.
     */
    public ChannelOption<Boolean> serverReusePort() {
        return nativeTransport ? EpollChannelOption.SO_REUSEPORT : NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT);
    }

    /**
     * Sets SO_REUSEPORT on a dialer's socket before it binds. Netty's epoll client channels have
     * no channel option for it, so it goes to the native socket directly.
     */
    static void reusePort(Channel channel) {
        try {
            if (channel instanceof EpollSocketChannel epoll) {
                ((Socket) epoll.fd()).setReusePort(true);
            } else {
                channel.config().setOption(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
            }
        } catch (IOException e) {
            throw new ChannelException("cannot set SO_REUSEPORT on " + channel, e);
        }
    }

    private boolean isNio(EventLoopGroup group) {
        return delegate.onChannelClass(DatagramChannel.class, group) == NioDatagramChannel.class;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C extends Channel> C onChannel(Class<C> channelType, EventLoopGroup group) {
        if (channelType == DatagramChannel.class && isNio(group)) {
            return (C) HolePunchingDatagramChannel.open();
        }
        return delegate.onChannel(channelType, group);
    }

    @Override
    public <C extends Channel> Class<? extends C> onChannelClass(Class<C> channelType, EventLoopGroup group) {
        return delegate.onChannelClass(channelType, group);
    }

    @Override
    public EventLoopGroup onServer(boolean useNative) {
        return delegate.onServer(nativeTransport);
    }

    @Override
    public EventLoopGroup onClient(boolean useNative) {
        return delegate.onClient(nativeTransport);
    }

    @Override
    public EventLoopGroup onServerSelect(boolean useNative) {
        return delegate.onServerSelect(nativeTransport);
    }

    @Override
    public boolean daemon() {
        return delegate.daemon();
    }

    @Override
    public Mono<Void> disposeLater(Duration quietPeriod, Duration timeout) {
        return delegate.disposeLater(quietPeriod, timeout);
    }

    @Override
    public Mono<Void> disposeLater() {
        return delegate.disposeLater(Duration.ZERO, Duration.ofSeconds(5));
    }

    @Override
    public boolean isDisposed() {
        return delegate.isDisposed();
    }
}
