package io.veilflux.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import java.net.StandardSocketOptions;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * The event loops of one node's transports: epoll for listeners and UDP sockets where Netty's
 * native transport loads, NIO for dialers and everywhere else. On NIO, datagram channels come from {@link HolePunchingDatagramChannel#open()} so
 * that they can send hole punches. Servers and clients run on these with
 * {@code runOn(loops, true)}, which makes Reactor Netty ask this class for its channels; dispose
 * the loops when the node stops.
 */
public final class TransportLoops implements LoopResources {
    private final LoopResources delegate;
    private final boolean nativeServers;

    private TransportLoops(LoopResources delegate, boolean nativeServers) {
        this.delegate = delegate;
        this.nativeServers = nativeServers && Epoll.isAvailable();
    }

    /** Loops named {@code veilflux-<name>-*}, as many workers as Reactor Netty's default. */
    public static TransportLoops create(String name) {
        return create(name, true);
    }

    /** As {@link #create(String)}; {@code nativeServers = false} keeps listeners and UDP on NIO too. */
    public static TransportLoops create(String name, boolean nativeServers) {
        return new TransportLoops(LoopResources.create("veilflux-" + name, LoopResources.DEFAULT_IO_WORKER_COUNT, true), nativeServers);
    }

    /**
     * SO_REUSEPORT for listeners: with it on both sides, outbound connections can leave from the
     * listening port.
     */
    public ChannelOption<Boolean> serverReusePort() {
        return nativeServers ? EpollChannelOption.SO_REUSEPORT : clientReusePort();
    }

    /** SO_REUSEPORT for dialers, which always run on NIO (see {@link #onClient}). */
    public ChannelOption<Boolean> clientReusePort() {
        return NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT);
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
        return delegate.onServer(nativeServers);
    }

    /** NIO always: Netty's epoll client sockets cannot set SO_REUSEPORT, which dialling from the listening port needs. */
    @Override
    public EventLoopGroup onClient(boolean useNative) {
        return delegate.onClient(false);
    }

    @Override
    public EventLoopGroup onServerSelect(boolean useNative) {
        return delegate.onServerSelect(nativeServers);
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
