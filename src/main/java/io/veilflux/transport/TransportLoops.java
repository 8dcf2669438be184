package io.veilflux.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * The event loops of one node's transports. NIO everywhere, so that UDP sockets can send hole
 * punches (see {@link HolePunchingDatagramChannel}); dispose them when the node stops. Servers
 * and clients run on these with {@code runOn(loops, true)}: "native" makes Reactor Netty ask
 * this class for its channels, and the answer is always NIO.
 */
public final class TransportLoops implements LoopResources {
    private final LoopResources delegate;

    private TransportLoops(LoopResources delegate) {
        this.delegate = delegate;
    }

    /** Loops named {@code veilflux-<name>-*}, as many workers as Reactor Netty's default. */
    public static TransportLoops create(String name) {
        return new TransportLoops(LoopResources.create("veilflux-" + name, LoopResources.DEFAULT_IO_WORKER_COUNT, true));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C extends Channel> C onChannel(Class<C> channelType, EventLoopGroup group) {
        if (channelType == DatagramChannel.class) {
            return (C) HolePunchingDatagramChannel.open();
        }
        return delegate.onChannel(channelType, group);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C extends Channel> Class<? extends C> onChannelClass(Class<C> channelType, EventLoopGroup group) {
        if (channelType == DatagramChannel.class) {
            return (Class<? extends C>) io.netty.channel.socket.nio.NioDatagramChannel.class;
        }
        return delegate.onChannelClass(channelType, group);
    }

    @Override
    public EventLoopGroup onServer(boolean useNative) {
        return delegate.onServer(false);
    }

    @Override
    public EventLoopGroup onClient(boolean useNative) {
        return delegate.onClient(false);
    }

    @Override
    public EventLoopGroup onServerSelect(boolean useNative) {
        return delegate.onServerSelect(false);
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
