package io.veilflux.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.veilflux.net.Address;
import io.veilflux.net.ProtocolType;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.netty.Connection;

/** A {@link MessageLink} over a Reactor Netty connection, for raw TCP or WebSocket. */
final class NettyLink implements MessageLink {
    private final Connection connection;
    private final Flux<byte[]> received;
    private final Function<byte[], Object> encoder;

    private NettyLink(Connection connection, Flux<byte[]> received, Function<byte[], Object> encoder) {
        this.connection = connection;
        this.received = received;
        this.encoder = encoder;
    }

    /**
     * A link of {@code protocol} whose inbound {@code byte[]} messages come from {@code received},
     * already unframed by the pipeline; broken framing is counted and reported to {@code gate}
     * before the link ends.
     */
    static NettyLink of(Connection connection, Flux<?> received, ProtocolType protocol, ConnectionGate gate,
                        TransportMeters meters, Address remote) {
        Flux<byte[]> messages = received
                .handle((Object o, SynchronousSink<byte[]> sink) -> {
                    if (o instanceof byte[] bytes) {
                        sink.next(bytes);
                    } else if (o instanceof BinaryWebSocketFrame frame) {
                        sink.next(ByteBufUtil.getBytes(frame.content()));
                    } else if (o instanceof WebSocketFrame) {
                        // Veilid ends a connection on any non-binary WebSocket message.
                        sink.complete();
                    }
                })
                .doOnError(e -> {
                    if (e instanceof InvalidFramingException
                            || (e instanceof CorruptedWebSocketFrameException c && !isOnlyTooLarge(c))) {
                        meters.dropped(protocol, "invalid_framing");
                        gate.reportInvalidFraming(remote);
                    }
                });
        Function<byte[], Object> encoder = protocol != ProtocolType.TCP
                ? message -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(message))
                : message -> VlFraming.frame(connection.channel().alloc(), message);
        return new NettyLink(connection, messages, encoder);
    }

    /** Veilid treats an oversize WebSocket message as an I/O error, not as broken framing. */
    private static boolean isOnlyTooLarge(CorruptedWebSocketFrameException e) {
        String message = e.getMessage();
        return message != null && message.contains("Max frame length");
    }

    @Override
    public Flux<byte[]> receive() {
        return received;
    }

    @Override
    public Mono<Void> send(Publisher<byte[]> messages) {
        return connection.outbound().sendObject(Flux.from(messages).map(encoder)).then();
    }

    @Override
    public void close() {
        connection.dispose();
    }

    @Override
    public Mono<Void> onClose() {
        return connection.onDispose();
    }
}
