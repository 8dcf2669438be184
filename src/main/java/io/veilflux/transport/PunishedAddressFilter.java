package io.veilflux.transport;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ipfilter.AbstractRemoteAddressFilter;
import io.veilflux.net.Address;
import io.veilflux.net.ProtocolType;
import java.net.InetSocketAddress;

/** Refuses an accepted connection from a punished address as soon as it is registered, before a byte is read. */
@ChannelHandler.Sharable
final class PunishedAddressFilter extends AbstractRemoteAddressFilter<InetSocketAddress> {
    private final ConnectionGate gate;
    private final TransportMeters meters;

    PunishedAddressFilter(ConnectionGate gate, TransportMeters meters) {
        this.gate = gate;
        this.meters = meters;
    }

    @Override
    protected boolean accept(ChannelHandlerContext ctx, InetSocketAddress remote) {
        return !gate.isPunished(Address.of(remote.getAddress()));
    }

    @Override
    protected ChannelFuture channelRejected(ChannelHandlerContext ctx, InetSocketAddress remote) {
        meters.dropped(ProtocolType.TCP, "punished");
        return null;
    }
}
