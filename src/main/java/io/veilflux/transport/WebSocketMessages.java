package io.veilflux.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.veilflux.net.ProtocolType;

/**
 * Server side of a sniffed WebSocket connection after the handshake: announces the protocol
 * once the upgrade is done and turns each binary message into a {@code byte[]}. Other frames
 * pass on; the connection's {@link NettyLink} ends the connection on them, as Veilid does.
 */
final class WebSocketMessages extends ChannelInboundHandlerAdapter {
    private final ProtocolType protocol;

    WebSocketMessages(ProtocolType protocol) {
        this.protocol = protocol;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            ctx.fireChannelRead(new ProtocolSelected(protocol));
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof BinaryWebSocketFrame frame) {
            try {
                ctx.fireChannelRead(ByteBufUtil.getBytes(frame.content()));
            } finally {
                frame.release();
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }
}
