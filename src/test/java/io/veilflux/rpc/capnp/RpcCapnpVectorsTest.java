package io.veilflux.rpc.capnp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.veilflux.rpc.capnp.RpcCapnpVectors.Layouts;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every message of {@code rpc-capnp.json}, in every layout, read and written back. */
class RpcCapnpVectorsTest {
    private static final ReadLimits LIMITS = ReadLimits.DEFAULT;
    /** SignedOperation pointer slots. */
    private static final int OPERATION_DATA = 0;
    private static final int SIGNER = 1;
    private static final int SIGNATURE = 2;

    static List<Layouts> messages() {
        return RpcCapnpVectors.messages();
    }

    static List<JsonNode> operations() {
        return RpcCapnpVectors.operations();
    }

    static List<JsonNode> negatives() {
        return RpcCapnpVectors.negatives();
    }

    @Test
    void theFileHasEveryKindOfVector() {
        assertThat(messages()).hasSize(36 + 18);
        assertThat(operations()).hasSize(36);
        assertThat(negatives()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void everyLayoutReadsToTheSameTree(Layouts message) {
        CapnpValue.Struct binary = CapnpValue.of(MessageReader.unpacked(message.binary(), LIMITS).root());
        CapnpValue.Struct canonical = CapnpValue.of(MessageReader.unpacked(message.canonical(), LIMITS).root());
        CapnpValue.Struct packed = CapnpValue.of(MessageReader.packed(message.packed(), LIMITS).root());
        assertThat(canonical).isEqualTo(binary);
        assertThat(packed).isEqualTo(binary);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void theWriterMakesTheCanonicalBytesAndReadsBack(Layouts message) {
        CapnpValue.Struct tree = CapnpValue.of(MessageReader.unpacked(message.binary(), LIMITS).root());
        byte[] written = CanonicalWriter.unpacked(tree);
        assertThat(written).isEqualTo(message.canonical());
        assertThat(CapnpValue.of(MessageReader.unpacked(written, LIMITS).root())).isEqualTo(tree);
        assertThat(CapnpValue.of(MessageReader.packed(CanonicalWriter.packed(tree), LIMITS).root())).isEqualTo(tree);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void packingGivesTheToolsBytes(Layouts message) {
        byte[] unpacked = Packing.unpack(message.packed(), LIMITS.maxMessageBytes());
        assertThat(Packing.pack(unpacked)).isEqualTo(message.packed());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void theEnvelopeBodyCarriesTheOperationBytes(JsonNode vector) {
        JsonNode body = vector.get("envelope_body");
        StructReader signed = MessageReader.packed(RpcCapnpVectors.hex(body, "body_hex"), LIMITS).root();
        assertThat(signed.data(OPERATION_DATA)).isEqualTo(RpcCapnpVectors.hex(vector.get("operation"), "binary"));
        boolean isSigned = body.get("signed").asBoolean();
        assertThat(signed.isNull(SIGNER)).isEqualTo(!isSigned);
        assertThat(signed.isNull(SIGNATURE)).isEqualTo(!isSigned);
        CapnpValue.Struct operation = CapnpValue.of(MessageReader.unpacked(signed.data(OPERATION_DATA), LIMITS).root());
        assertThat(operation).isEqualTo(CapnpValue.of(
                MessageReader.packed(RpcCapnpVectors.hex(vector.get("operation"), "packed"), LIMITS).root()));
        Layouts wrapper = Layouts.of(vector.get("id").asText(), body.get("signed_operation"));
        assertThat(CapnpValue.of(signed)).isEqualTo(CapnpValue.of(MessageReader.unpacked(wrapper.binary(), LIMITS).root()));
    }

    /** Operation: opId is UInt64 0, targetNodeInfoTs UInt64 1, the kind tag UInt16 8. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void dataFieldsReadAsTheJsonSays(JsonNode vector) {
        JsonNode json = vector.get("operation").get("json");
        StructReader operation = MessageReader.unpacked(RpcCapnpVectors.hex(vector.get("operation"), "canonical"), LIMITS)
                .root();
        assertThat(Long.toUnsignedString(operation.u64(0))).isEqualTo(json.get("opId").asText());
        assertThat(Long.toUnsignedString(operation.u64(1))).isEqualTo(json.path("targetNodeInfoTs").asText("0"));
        String kind = json.get("kind").fieldNames().next();
        assertThat(operation.u16(8)).isEqualTo(List.of("question", "statement", "answer").indexOf(kind));
        assertThat(operation.isNull(0)).isEqualTo(!json.has("senderPeerInfo"));
    }

    /** Operation pointer 0 is senderPeerInfo; PeerInfo pointer 0 is the packed NodeInfo its signatures cover. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void theSendersNodeInfoIsAPackedMessageOfItsOwn(JsonNode vector) {
        StructReader operation = MessageReader.unpacked(RpcCapnpVectors.hex(vector.get("operation"), "binary"), LIMITS)
                .root();
        if (operation.isNull(0)) {
            return;
        }
        byte[] nodeInfoMessage = operation.struct(0).data(0);
        JsonNode expected = vector.get("operation").get("json").get("senderPeerInfo").get("nodeInfoMessage");
        assertThat(nodeInfoMessage).hasSize(expected.size());
        for (int i = 0; i < nodeInfoMessage.length; i++) {
            assertThat(nodeInfoMessage[i] & 0xFF).isEqualTo(expected.get(i).asInt());
        }
        StructReader nodeInfo = MessageReader.packed(nodeInfoMessage, LIMITS).root();
        assertThat(nodeInfo.u64(0)).as("NodeInfo.timestamp").isPositive();
        assertThat(CapnpValue.of(nodeInfo).pointers()).isNotEmpty();
        assertThat(Packing.pack(Packing.unpack(nodeInfoMessage, LIMITS.maxMessageBytes()))).isEqualTo(nodeInfoMessage);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negatives")
    void damagedMessagesAreRefused(JsonNode negative) {
        assertThat(negative.get("expected").asText()).isEqualTo("decode_error");
        byte[] data = RpcCapnpVectors.hex(negative, "data");
        String format = negative.get("format").asText();
        assertThatThrownBy(() -> {
            MessageReader reader = switch (format) {
                case "packed" -> MessageReader.packed(data, LIMITS);
                case "binary", "canonical" -> MessageReader.unpacked(data, LIMITS);
                default -> throw new AssertionError("unknown format " + format);
            };
            CapnpValue.of(reader.root());
        }).as(negative.get("id").asText()).isInstanceOf(CapnpException.class);
    }
}
