package io.veilflux.rpc.codec;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.PublicKey;
import io.veilflux.net.AddressType;
import io.veilflux.net.ProtocolType;
import io.veilflux.routing.CryptoInfo;
import io.veilflux.routing.NodeInfo;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RelayInfo;
import io.veilflux.routing.RelayKind;
import io.veilflux.rpc.capnp.CanonicalWriter;
import io.veilflux.rpc.capnp.CapnpException;
import io.veilflux.rpc.capnp.CapnpValue;
import io.veilflux.rpc.capnp.ListReader;
import io.veilflux.rpc.capnp.MessageReader;
import io.veilflux.rpc.capnp.ReadLimits;
import io.veilflux.rpc.capnp.StructBuilder;
import io.veilflux.rpc.capnp.StructReader;
import java.util.ArrayList;
import java.util.List;

/**
 * NodeInfo, RelayInfo, CryptoInfo and PeerInfo (rpc-capnp.md §2, §4) read from and written as
 * Cap'n Proto structs, and the packed NodeInfo message a PeerInfo carries. Readers throw only
 * {@link CapnpException}.
 */
public final class NodeInfoCodec {
    /**
     * Bounds for a NodeInfo message: it travels inside one envelope (under 64 KiB), so more than
     * that unpacked can only be a packing bomb.
     */
    public static final ReadLimits NODE_INFO_LIMITS = new ReadLimits(1 << 16, 64, 16, 1 << 16);

    static final CodeTable<RelayKind> RELAY_KINDS = CodeTable.of("relay kind", RelayKind.class,
            "rkIB", "rkOB");

    private NodeInfoCodec() {
    }

    /** Reads the packed NodeInfo message of a PeerInfo (any layout, within {@link #NODE_INFO_LIMITS}). */
    public static NodeInfo decodeNodeInfo(byte[] packed) {
        return readNodeInfo(MessageReader.packed(packed, NODE_INFO_LIMITS).root());
    }

    /** The packed canonical NodeInfo message: the bytes a node signs and publishes. */
    public static byte[] encodeNodeInfo(NodeInfo nodeInfo) {
        return CanonicalWriter.packed(writeNodeInfo(nodeInfo));
    }

    public static NodeInfo readNodeInfo(StructReader struct) {
        return new NodeInfo(struct.u64(0),
                Lists.fourCcs(struct.list(0)),
                readCryptoInfos(struct),
                Lists.fourCcs(struct.list(2)),
                Lists.codeSet(struct.list(3), ValueCodec.PROTOCOLS, ProtocolType.class),
                Lists.codeSet(struct.list(4), ValueCodec.ADDRESS_TYPES, AddressType.class),
                Lists.structs(struct.list(5), ValueCodec::readDialInfoDetail),
                Lists.structs(struct.list(6), NodeInfoCodec::readRelayInfo));
    }

    public static CapnpValue.Struct writeNodeInfo(NodeInfo nodeInfo) {
        return new StructBuilder(1, 7).u64(0, nodeInfo.timestamp())
                .pointer(0, Lists.fourCcs(nodeInfo.envelopeSupport()))
                .pointer(1, Lists.structs(nodeInfo.cryptoInfoList(), NodeInfoCodec::writeCryptoInfo))
                .pointer(2, Lists.fourCcs(nodeInfo.capabilities()))
                .pointer(3, Lists.codeSet(nodeInfo.outboundProtocols(), ValueCodec.PROTOCOLS, ProtocolType.class))
                .pointer(4, Lists.codeSet(nodeInfo.addressTypes(), ValueCodec.ADDRESS_TYPES, AddressType.class))
                .pointer(5, Lists.structs(nodeInfo.dialInfoDetailList(), ValueCodec::writeDialInfoDetail))
                .pointer(6, Lists.structs(nodeInfo.relayInfoList(), NodeInfoCodec::writeRelayInfo))
                .build();
    }

    /**
     * CryptoInfo: the kind's code at UInt32 0 picks the detail at pointer 0. Kinds without a wire
     * form here are skipped, as Veilid skips an unknown crypto kind.
     */
    private static List<CryptoInfo> readCryptoInfos(StructReader nodeInfo) {
        ListReader list = nodeInfo.list(1);
        List<CryptoInfo> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            StructReader info = list.struct(i);
            CryptoKind kind = new CryptoKind((int) info.u32(0));
            if (kind.equals(CryptoKind.VLD0)) {
                out.add(new CryptoInfo(new PublicKey(kind, Bytes.of(info.struct(0).data(0)))));
            }
        }
        return out;
    }

    private static CapnpValue.Struct writeCryptoInfo(CryptoInfo info) {
        if (!info.kind().equals(CryptoKind.VLD0)) {
            throw new IllegalArgumentException("no wire form for crypto info of kind " + info.kind());
        }
        CapnpValue.Struct detail = new StructBuilder(0, 1).data(0, info.publicKey().value().toByteArray()).build();
        return new StructBuilder(1, 1).u32(0, info.kind().fourcc()).pointer(0, detail).build();
    }

    /** RelayInfo: timestamp UInt64 0, relay kind UInt32 2, lists at pointers 0-3. */
    public static RelayInfo readRelayInfo(StructReader struct) {
        return new RelayInfo(struct.u64(0),
                Lists.structs(struct.list(0), ValueCodec::readNodeId),
                Lists.codeSet(struct.list(1), ValueCodec.PROTOCOLS, ProtocolType.class),
                Lists.codeSet(struct.list(2), ValueCodec.ADDRESS_TYPES, AddressType.class),
                Lists.structs(struct.list(3), ValueCodec::readDialInfoDetail),
                RELAY_KINDS.value(struct.u32(2)));
    }

    public static CapnpValue.Struct writeRelayInfo(RelayInfo relayInfo) {
        return new StructBuilder(2, 4).u64(0, relayInfo.timestamp())
                .pointer(0, Lists.structs(relayInfo.nodeIds(), ValueCodec::writeTyped))
                .pointer(1, Lists.codeSet(relayInfo.outboundProtocols(), ValueCodec.PROTOCOLS, ProtocolType.class))
                .pointer(2, Lists.codeSet(relayInfo.addressTypes(), ValueCodec.ADDRESS_TYPES, AddressType.class))
                .pointer(3, Lists.structs(relayInfo.dialInfoDetailList(), ValueCodec::writeDialInfoDetail))
                .u32(2, RELAY_KINDS.code(relayInfo.relayKind()))
                .build();
    }

    /** PeerInfo: the packed NodeInfo message at pointer 0, kept as it came; signatures at pointer 1. */
    public static PeerInfo readPeerInfo(StructReader struct) {
        byte[] message = struct.data(0);
        return new PeerInfo(Bytes.of(message), decodeNodeInfo(message),
                Lists.structs(struct.list(1), ValueCodec::readSignature));
    }

    public static CapnpValue.Struct writePeerInfo(PeerInfo peerInfo) {
        return new StructBuilder(0, 2).data(0, peerInfo.nodeInfoMessage().toByteArray())
                .pointer(1, Lists.structs(peerInfo.signatures(), ValueCodec::writeTyped))
                .build();
    }
}
