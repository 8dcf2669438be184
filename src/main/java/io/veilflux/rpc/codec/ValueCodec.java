package io.veilflux.rpc.codec;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.Nonce;
import io.veilflux.crypto.PublicKey;
import io.veilflux.crypto.Signature;
import io.veilflux.crypto.TypedValue;
import io.veilflux.net.Address;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.rpc.capnp.CapnpException;
import io.veilflux.rpc.capnp.CapnpValue;
import io.veilflux.rpc.capnp.StructBuilder;
import io.veilflux.rpc.capnp.StructReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.BiFunction;

/**
 * Veilid's leaf structs (rpc-capnp.md §4) read from and written as Cap'n Proto structs. Readers
 * take any layout and refuse what Veilid refuses with a {@link CapnpException}, the only
 * exception they throw; writers give trees for {@link io.veilflux.rpc.capnp.CanonicalWriter}.
 * Key and signature lengths are not checked here: as in Veilid, the crypto system checks them on use.
 */
public final class ValueCodec {
    static final CodeTable<ProtocolType> PROTOCOLS = CodeTable.of("protocol", ProtocolType.class,
            "pUDP", "pTCP", "p_WS", "pWSS");
    static final CodeTable<AddressType> ADDRESS_TYPES = CodeTable.of("address type", AddressType.class,
            "ipV6", "ipV4");
    static final CodeTable<DialInfoClass> DIAL_INFO_CLASSES = CodeTable.of("dial info class", DialInfoClass.class,
            "dicD", "dicM", "dicF", "dicB", "dicA", "dicP");

    /** NodeId, PublicKey and Signature: kind at UInt32 0, value at pointer 0. */
    private static final int KIND = 0;
    private static final int VALUE = 0;

    private ValueCodec() {
    }

    public static NodeId readNodeId(StructReader struct) {
        return typed(struct, NodeId::new);
    }

    public static PublicKey readPublicKey(StructReader struct) {
        return typed(struct, PublicKey::new);
    }

    public static Signature readSignature(StructReader struct) {
        return typed(struct, Signature::new);
    }

    /** A NodeId, PublicKey or Signature: the three share one layout. */
    public static CapnpValue.Struct writeTyped(TypedValue value) {
        return new StructBuilder(1, 1).u32(KIND, value.kind().fourcc()).data(VALUE, value.value().toByteArray()).build();
    }

    private static <T> T typed(StructReader struct, BiFunction<CryptoKind, Bytes, T> make) {
        return make.apply(new CryptoKind((int) struct.u32(KIND)), Bytes.of(struct.data(VALUE)));
    }

    public static Nonce readNonce(StructReader struct) {
        return Nonce.of(struct.data(VALUE));
    }

    public static CapnpValue.Struct writeNonce(Nonce nonce) {
        return new StructBuilder(0, 1).data(VALUE, nonce.value().toByteArray()).build();
    }

    /** Address: the type's code at UInt32 0 picks the detail struct at pointer 0. */
    public static Address readAddress(StructReader struct) {
        AddressType type = ADDRESS_TYPES.value(struct.u32(0));
        StructReader detail = struct.struct(0);
        byte[] bytes = new byte[type == AddressType.IPV4 ? 4 : 16];
        for (int i = 0; i < bytes.length / 4; i++) {
            long word = detail.u32(i);
            for (int b = 0; b < 4; b++) {
                bytes[i * 4 + b] = (byte) (word >>> (24 - 8 * b));
            }
        }
        try {
            return Address.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    public static CapnpValue.Struct writeAddress(Address address) {
        byte[] bytes = address.bytes();
        StructBuilder detail = new StructBuilder((bytes.length + 7) / 8, 0);
        for (int i = 0; i < bytes.length / 4; i++) {
            detail.u32(i, (bytes[i * 4] & 0xFFL) << 24 | (bytes[i * 4 + 1] & 0xFF) << 16
                    | (bytes[i * 4 + 2] & 0xFF) << 8 | bytes[i * 4 + 3] & 0xFF);
        }
        return new StructBuilder(1, 1).u32(0, ADDRESS_TYPES.code(address.type())).pointer(0, detail.build()).build();
    }

    /** SocketAddress: address at pointer 0, port at UInt16 0. */
    public static SocketAddress readSocketAddress(StructReader struct) {
        return new SocketAddress(readAddress(struct.struct(0)), struct.u16(0));
    }

    public static CapnpValue.Struct writeSocketAddress(SocketAddress socketAddress) {
        return new StructBuilder(1, 1).pointer(0, writeAddress(socketAddress.address())).u16(0, socketAddress.port())
                .build();
    }

    /**
     * DialInfo: the protocol's code at UInt32 0 picks the detail struct at pointer 0, whose pointer
     * 0 is the socket address and, for WS and WSS, pointer 1 the request text.
     */
    public static DialInfo readDialInfo(StructReader struct) {
        ProtocolType protocol = PROTOCOLS.value(struct.u32(0));
        StructReader detail = struct.struct(0);
        SocketAddress socketAddress = readSocketAddress(detail.struct(0));
        return switch (protocol) {
            case UDP -> new DialInfo.Udp(socketAddress);
            case TCP -> new DialInfo.Tcp(socketAddress);
            case WS -> new DialInfo.Ws(socketAddress, detail.text(1));
            case WSS -> new DialInfo.Wss(socketAddress, detail.text(1));
        };
    }

    public static CapnpValue.Struct writeDialInfo(DialInfo dialInfo) {
        StructBuilder detail = new StructBuilder(0, 2).pointer(0, writeSocketAddress(dialInfo.socketAddress()));
        if (dialInfo instanceof DialInfo.Ws ws) {
            detail.text(1, ws.request());
        } else if (dialInfo instanceof DialInfo.Wss wss) {
            detail.text(1, wss.request());
        }
        return new StructBuilder(1, 1).u32(0, PROTOCOLS.code(dialInfo.protocol())).pointer(0, detail.build()).build();
    }

    /** DialInfoDetail: dial info at pointer 0, class code at UInt32 0. */
    public static DialInfoDetail readDialInfoDetail(StructReader struct) {
        return new DialInfoDetail(readDialInfo(struct.struct(0)), DIAL_INFO_CLASSES.value(struct.u32(0)));
    }

    public static CapnpValue.Struct writeDialInfoDetail(DialInfoDetail detail) {
        return new StructBuilder(1, 1).pointer(0, writeDialInfo(detail.dialInfo()))
                .u32(0, DIAL_INFO_CLASSES.code(detail.dialInfoClass())).build();
    }
}
