package io.veilflux.rpc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.routing.NodeInfo;
import io.veilflux.rpc.capnp.CanonicalWriter;
import io.veilflux.rpc.capnp.CapnpValue;
import io.veilflux.rpc.capnp.ElementSize;
import io.veilflux.rpc.capnp.MessageReader;
import io.veilflux.rpc.capnp.RpcCapnpVectors;
import io.veilflux.rpc.capnp.RpcCapnpVectors.Layouts;
import io.veilflux.rpc.capnp.StructBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every {@code node_info} vector decodes, in every layout, to the value its JSON gives, and round-trips. */
class NodeInfoCodecTest {

    static List<Layouts> nodeInfos() {
        return RpcCapnpVectors.nodeInfos();
    }

    @Test
    void theVectorsCoverRelaysAndEveryProfile() {
        assertThat(nodeInfos()).hasSize(18);
        assertThat(nodeInfos()).filteredOn(v -> v.json().has("relayInfoList")).hasSize(3);
    }

    /** rpc-capnp.md §3: Veilid ignores a code it does not know rather than refusing the NodeInfo. */
    @Test
    void unknownProtocolsAndCryptoKindsAreSkipped() {
        NodeInfo known = JsonValues.nodeInfo(nodeInfos().get(0).json());
        CapnpValue.Struct written = NodeInfoCodec.writeNodeInfo(known);
        CapnpValue.Struct vld1 = new StructBuilder(1, 1).u32(0, CryptoKind.VLD1.fourcc())
                .pointer(0, new StructBuilder(0, 1).data(0, new byte[32]).build()).build();
        List<CapnpValue> pointers = new ArrayList<>(written.pointers());
        List<CapnpValue.Struct> cryptoInfos = new ArrayList<>(((CapnpValue.StructList) pointers.get(1)).elements());
        cryptoInfos.add(vld1);
        pointers.set(1, new CapnpValue.StructList(cryptoInfos));
        // pQUC (0x70515543, little-endian on the wire), a protocol this node has never heard of, first.
        CapnpValue.PrimitiveList protocols = (CapnpValue.PrimitiveList) pointers.get(3);
        byte[] withUnknown = new byte[protocols.content().length() + 4];
        System.arraycopy(new byte[] {0x43, 0x55, 0x51, 0x70}, 0, withUnknown, 0, 4);
        protocols.content().copyTo(withUnknown, 4);
        pointers.set(3, new CapnpValue.PrimitiveList(ElementSize.FOUR_BYTES, protocols.count() + 1,
                Bytes.of(withUnknown)));
        byte[] message = CanonicalWriter.packed(new CapnpValue.Struct(written.data(), pointers));
        assertThat(NodeInfoCodec.decodeNodeInfo(message)).isEqualTo(known);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeInfos")
    void everyLayoutDecodesToTheJsonValue(Layouts vector) {
        NodeInfo expected = JsonValues.nodeInfo(vector.json());
        assertThat(NodeInfoCodec.readNodeInfo(MessageReader.unpacked(vector.binary(), NodeInfoCodec.NODE_INFO_LIMITS)
                .root())).isEqualTo(expected);
        assertThat(NodeInfoCodec.readNodeInfo(MessageReader.unpacked(vector.canonical(),
                NodeInfoCodec.NODE_INFO_LIMITS).root())).isEqualTo(expected);
        assertThat(NodeInfoCodec.decodeNodeInfo(vector.packed())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeInfos")
    void encodingThenDecodingGivesTheSameValue(Layouts vector) {
        NodeInfo value = JsonValues.nodeInfo(vector.json());
        byte[] encoded = NodeInfoCodec.encodeNodeInfo(value);
        assertThat(NodeInfoCodec.decodeNodeInfo(encoded)).isEqualTo(value);
        assertThat(NodeInfoCodec.encodeNodeInfo(NodeInfoCodec.decodeNodeInfo(encoded)))
                .as("equal values give equal signed bytes").isEqualTo(encoded);
    }
}
