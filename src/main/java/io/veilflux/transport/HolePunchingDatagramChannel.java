package io.veilflux.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.unix.Socket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.AttributeKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * Zero-length datagrams from a bound Netty datagram channel. Netty silently skips empty
 * datagrams, but an empty datagram is exactly Veilid's hole punch, and it must leave from the
 * bound listening socket: on epoll through the channel's native socket, on NIO through the JDK
 * channel, which {@link #open()} keeps as an attribute.
 */
final class HolePunchingDatagramChannel {
    private static final AttributeKey<DatagramChannel> JDK_CHANNEL = AttributeKey.valueOf("veilflux.jdkDatagramChannel");

    private HolePunchingDatagramChannel() {
    }

    static NioDatagramChannel open() {
        DatagramChannel jdk;
        try {
            jdk = DatagramChannel.open();
        } catch (IOException e) {
            throw new ChannelException("cannot open a datagram socket", e);
        }
        NioDatagramChannel channel = new NioDatagramChannel(jdk);
        channel.attr(JDK_CHANNEL).set(jdk);
        return channel;
    }

    /** Sends one zero-length datagram; call on the channel's event loop. */
    static void sendEmpty(Channel channel, InetSocketAddress recipient) throws IOException {
        if (channel instanceof EpollDatagramChannel epoll) {
            Socket socket = (Socket) epoll.fd();
            socket.sendTo(ByteBuffer.allocateDirect(0), 0, 0, recipient.getAddress(), recipient.getPort());
            return;
        }
        DatagramChannel jdk = channel.attr(JDK_CHANNEL).get();
        if (jdk == null) {
            throw new IllegalStateException("not a hole-punching datagram channel: " + channel);
        }
        jdk.send(ByteBuffer.allocate(0), recipient);
    }
}
