package io.veilflux.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.veilflux.net.ProtocolType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Decides what an accepted connection on a shared TCP port speaks, as Veilid's listener does:
 * a TLS record (when WSS is configured) means TLS then a second sniff for WSS; {@code GET /<path>}
 * means WebSocket; {@code VL} means raw TCP. It decides as soon as the bytes allow (Veilid waits
 * for 64), and closes silently, without punishment, on anything else or on silence past the
 * initial timeout.
 */
final class ProtocolSniffer extends ByteToMessageDecoder {
    static final int MAX_WS_BEFORE_BODY = 2048;
    static final int MAX_WS_HEADERS = 24;
    static final int MAX_WS_HEADER_LENGTH = 512;
    private static final byte TLS_HANDSHAKE = 0x16;
    private static final byte[] HTTP_404 = "HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Settings settings;
    private final boolean afterTls;
    private ScheduledFuture<?> deadline;

    /** What the sniffer needs to know of the listener. */
    record Settings(String wsPath, Optional<SslContext> tls, long initialTimeoutMillis, long tlsInitialTimeoutMillis) {
        String requestPrefix() {
            return "GET /" + wsPath;
        }
    }

    ProtocolSniffer(Settings settings, boolean afterTls) {
        this.settings = settings;
        this.afterTls = afterTls;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long timeout = afterTls ? settings.tlsInitialTimeoutMillis() : settings.initialTimeoutMillis();
        deadline = ctx.executor().schedule(() -> ctx.close(), timeout, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int readable = in.readableBytes();
        int start = in.readerIndex();
        if (readable == 0) {
            return;
        }
        ChannelPipeline pipeline = ctx.pipeline();
        if (!afterTls && settings.tls().isPresent() && in.getByte(start) == TLS_HANDSHAKE) {
            pipeline.addAfter(ctx.name(), "veilflux.sniffer.tls", new ProtocolSniffer(settings, true));
            pipeline.replace(this, "veilflux.tls", settings.tls().get().newHandler(ctx.alloc()));
            return;
        }
        if (!afterTls && readable >= 2 && in.getByte(start) == 'V' && in.getByte(start + 1) == 'L') {
            ctx.fireChannelRead(new ProtocolSelected(ProtocolType.TCP));
            pipeline.replace(this, "veilflux.vl", new VlFraming());
            return;
        }
        switch (webSocketRequest(in)) {
            case NEED_MORE -> {
                return;
            }
            case REJECT -> {
                in.skipBytes(readable);
                ctx.close();
            }
            case TOO_MANY_HEADERS -> {
                in.skipBytes(readable);
                ctx.writeAndFlush(Unpooled.wrappedBuffer(HTTP_404)).addListener(ChannelFutureListener.CLOSE);
            }
            case ACCEPT -> upgradeToWebSocket(ctx);
        }
    }

    private enum Verdict { NEED_MORE, REJECT, TOO_MANY_HEADERS, ACCEPT }

    private Verdict webSocketRequest(ByteBuf in) {
        byte[] prefix = settings.requestPrefix().getBytes(StandardCharsets.US_ASCII);
        int readable = in.readableBytes();
        int start = in.readerIndex();
        for (int i = 0; i < Math.min(readable, prefix.length); i++) {
            if (in.getByte(start + i) != prefix[i]) {
                return Verdict.REJECT;
            }
        }
        if (readable < prefix.length + 2) {
            return Verdict.NEED_MORE;
        }
        byte next = in.getByte(start + prefix.length);
        byte after = in.getByte(start + prefix.length + 1);
        if (!(next == ' ' || (next == '/' && after == ' '))) {
            return Verdict.REJECT;
        }
        int window = Math.min(readable, MAX_WS_BEFORE_BODY);
        String head = in.toString(start, window, StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        if (end < 0) {
            return readable >= MAX_WS_BEFORE_BODY ? Verdict.REJECT : Verdict.NEED_MORE;
        }
        String[] lines = head.substring(0, end).split("\r\n", -1);
        if (lines.length - 1 > MAX_WS_HEADERS) {
            return Verdict.TOO_MANY_HEADERS;
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].replaceFirst(":\\s*", "").length() > MAX_WS_HEADER_LENGTH) {
                return Verdict.TOO_MANY_HEADERS;
            }
        }
        return Verdict.ACCEPT;
    }

    private void upgradeToWebSocket(ChannelHandlerContext ctx) {
        ProtocolType protocol = afterTls ? ProtocolType.WSS : ProtocolType.WS;
        WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/" + settings.wsPath())
                .checkStartsWith(true)
                .allowExtensions(false)
                .maxFramePayloadLength(UdpTransport.MAX_MESSAGE_SIZE)
                .handshakeTimeoutMillis(settings.initialTimeoutMillis())
                .build();
        ctx.pipeline().addAfter(ctx.name(), "veilflux.ws.messages", new WebSocketMessages(protocol));
        ctx.pipeline().addAfter(ctx.name(), "veilflux.ws.aggregator", new WebSocketFrameAggregator(UdpTransport.MAX_MESSAGE_SIZE));
        ctx.pipeline().addAfter(ctx.name(), "veilflux.ws.protocol", new WebSocketServerProtocolHandler(config));
        ctx.pipeline().addAfter(ctx.name(), "veilflux.http.aggregator", new HttpObjectAggregator(MAX_WS_BEFORE_BODY));
        ctx.pipeline().replace(this, "veilflux.http.codec", new HttpServerCodec(MAX_WS_BEFORE_BODY, MAX_WS_BEFORE_BODY, 8192));
    }
}
