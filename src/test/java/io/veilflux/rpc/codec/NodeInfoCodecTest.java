package io.veilflux.rpc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.routing.NodeInfo;
import io.veilflux.rpc.capnp.MessageReader;
import io.veilflux.rpc.capnp.RpcCapnpVectors;
import io.veilflux.rpc.capnp.RpcCapnpVectors.Layouts;
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
