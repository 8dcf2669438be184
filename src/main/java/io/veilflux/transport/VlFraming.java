package io.veilflux.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Veilid's raw TCP framing: {@code 'V' 'L'}, the payload length as u16 little endian (at most
 * 65507), the payload. The decoder hands on each payload as a {@code byte[]} and refuses a bad
 * header or an oversize length with {@link InvalidFramingException}.
 */
public final class VlFraming extends ByteToMessageDecoder {
    static final int HEADER_LENGTH = 4;

    /** The frame of {@code message}: header and payload in one buffer from {@code allocator}. */
    public static ByteBuf frame(ByteBufAllocator allocator, byte[] message) {
        if (message.length > UdpTransport.MAX_MESSAGE_SIZE) {
            throw new IllegalArgumentException("message of " + message.length + " bytes exceeds the TCP frame maximum of "
                    + UdpTransport.MAX_MESSAGE_SIZE);
        }
        ByteBuf frame = allocator.ioBuffer(HEADER_LENGTH + message.length);
        return frame.writeByte('V').writeByte('L').writeShortLE(message.length).writeBytes(message);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 2) {
            int start = in.readerIndex();
            if (in.getByte(start) != 'V' || in.getByte(start + 1) != 'L') {
                in.skipBytes(in.readableBytes());
                throw new InvalidFramingException("received invalid TCP frame header");
            }
            if (in.readableBytes() < HEADER_LENGTH) {
                return;
            }
            int length = in.getUnsignedShortLE(start + 2);
            if (length > UdpTransport.MAX_MESSAGE_SIZE) {
                in.skipBytes(in.readableBytes());
                throw new InvalidFramingException("received too large TCP frame: " + length + " bytes");
            }
            if (in.readableBytes() < HEADER_LENGTH + length) {
                return;
            }
            in.skipBytes(HEADER_LENGTH);
            byte[] payload = new byte[length];
            in.readBytes(payload);
            out.add(payload);
        }
    }
}
