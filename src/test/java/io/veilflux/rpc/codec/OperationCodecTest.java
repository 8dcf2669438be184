package io.veilflux.rpc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.veilflux.net.DialInfo;
import io.veilflux.rpc.Operation;
import io.veilflux.rpc.SignedOperation;
import io.veilflux.rpc.capnp.CanonicalWriter;
import io.veilflux.rpc.capnp.CapnpError;
import io.veilflux.rpc.capnp.CapnpException;
import io.veilflux.rpc.capnp.MessageReader;
import io.veilflux.rpc.capnp.ReadLimits;
import io.veilflux.rpc.capnp.RpcCapnpVectors;
import io.veilflux.rpc.capnp.StructBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every operation vector decodes, in every layout and through its envelope body, to its JSON value, and round-trips. */
class OperationCodecTest {
    private static final ReadLimits LIMITS = ReadLimits.DEFAULT;

    static List<JsonNode> operations() {
        return RpcCapnpVectors.operations();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void everyLayoutDecodesToTheJsonValue(JsonNode vector) {
        JsonNode layouts = vector.get("operation");
        Operation expected = JsonValues.operation(layouts.get("json"));
        assertThat(OperationCodec.decode(RpcCapnpVectors.hex(layouts, "binary"), LIMITS)).isEqualTo(expected);
        assertThat(OperationCodec.decode(RpcCapnpVectors.hex(layouts, "canonical"), LIMITS)).isEqualTo(expected);
        assertThat(OperationCodec.readOperation(MessageReader.packed(RpcCapnpVectors.hex(layouts, "packed"), LIMITS)
                .root())).isEqualTo(expected);
        // SignedOperation pointer 0 is operationData.
        byte[] operationData = MessageReader.packed(RpcCapnpVectors.hex(vector.get("envelope_body"), "body_hex"),
                LIMITS).root().data(0);
        assertThat(OperationCodec.decode(operationData, LIMITS)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void theEnvelopeBodyDecodesToItsJsonValueAndRoundTrips(JsonNode vector) {
        JsonNode body = vector.get("envelope_body");
        JsonNode json = body.get("signed_operation").get("json");
        SignedOperation expected = new SignedOperation(JsonValues.bytes(json.path("operationData")),
                json.has("signer") ? Optional.of(JsonValues.publicKey(json.get("signer"))) : Optional.empty(),
                json.has("signature") ? Optional.of(JsonValues.signature(json.get("signature"))) : Optional.empty());
        SignedOperation decoded = OperationCodec.decodeBody(RpcCapnpVectors.hex(body, "body_hex"), LIMITS);
        assertThat(decoded).isEqualTo(expected);
        assertThat(decoded.signer().isPresent()).isEqualTo(body.get("signed").asBoolean());
        assertThat(OperationCodec.decodeBody(OperationCodec.encodeBody(decoded), LIMITS)).isEqualTo(decoded);
    }

    static List<JsonNode> negatives() {
        return RpcCapnpVectors.negatives();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("negatives")
    void damagedEnvelopeBodiesAreRefused(JsonNode negative) {
        assertThat(negative.get("root").asText()).isEqualTo("SignedOperation");
        byte[] data = RpcCapnpVectors.hex(negative, "data");
        assertThatThrownBy(() -> {
            SignedOperation signed = negative.get("format").asText().equals("packed")
                    ? OperationCodec.decodeBody(data, LIMITS)
                    : OperationCodec.readSignedOperation(MessageReader.unpacked(data, LIMITS).root());
            OperationCodec.decode(signed.operationData().toByteArray(), LIMITS);
        }).as(negative.get("id").asText()).isInstanceOf(CapnpException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void encodingThenDecodingGivesTheSameValue(JsonNode vector) {
        Operation value = JsonValues.operation(vector.get("operation").get("json"));
        assertThat(OperationCodec.decode(OperationCodec.encode(value), LIMITS)).isEqualTo(value);
    }

    /** rpc-capnp.md §5: 0.5.3's hole-punch dial info rides in a third pointer and reads back. */
    @Test
    void aHolePunchCarriesItsDialInfo() {
        JsonNode vector = operations().stream().filter(v -> v.get("id").asText().endsWith("signal_hole_punch"))
                .findFirst().orElseThrow();
        Operation old = JsonValues.operation(vector.get("operation").get("json"));
        Operation.HolePunch punch = (Operation.HolePunch) ((Operation.Statement) old.kind()).detail();
        assertThat(punch.dialInfo()).as("0.5.2 vectors carry none").isEmpty();
        Operation withDialInfo = new Operation(old.opId(), old.senderPeerInfo(), old.targetNodeInfoTs(),
                new Operation.Statement(new Operation.HolePunch(punch.receipt(), punch.peerInfo(),
                        Optional.of(DialInfo.parse("udp|192.0.2.7:5150")))));
        assertThat(OperationCodec.decode(OperationCodec.encode(withDialInfo), LIMITS)).isEqualTo(withDialInfo);
    }

    /** Question detail tag 3 is getValueQ: DHT operations are outside veilflux. */
    @Test
    void anOperationVeilfluxDoesNotHandleIsRefusedByName() {
        byte[] operation = CanonicalWriter.unpacked(new StructBuilder(3, 2)
                .pointer(1, new StructBuilder(1, 2).u16(1, 3).build()).build());
        assertThatThrownBy(() -> OperationCodec.decode(operation, LIMITS)).isInstanceOf(CapnpException.class)
                .hasMessageContaining("question with union tag 3")
                .extracting(e -> ((CapnpException) e).error()).isEqualTo(CapnpError.UNSUPPORTED);
    }
}
