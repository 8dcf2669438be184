package io.veilflux.cli.vectors;

import static io.veilflux.cli.vectors.Cases.hex;
import static io.veilflux.cli.vectors.Cases.require;

import com.fasterxml.jackson.databind.JsonNode;
import io.veilflux.crypto.Bytes;
import io.veilflux.routing.NodeInfo;
import io.veilflux.rpc.Operation;
import io.veilflux.rpc.SignedOperation;
import io.veilflux.rpc.capnp.CapnpException;
import io.veilflux.rpc.capnp.MessageReader;
import io.veilflux.rpc.capnp.Packing;
import io.veilflux.rpc.capnp.ReadLimits;
import io.veilflux.rpc.codec.NodeInfoCodec;
import io.veilflux.rpc.codec.OperationCodec;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Checks files of the {@code veilflux-rpc-capnp-vectors/1} schema (see
 * ../shared/vectors/rpc-capnp.README.md): every layout of every operation and NodeInfo decodes to
 * one value, the envelope body carries the operation bytes verbatim, what the codec encodes
 * decodes back to the same value, and every damaged message is refused. Comparing the values with
 * the vectors' JSON is left to the unit tests, which carry an independent JSON reader.
 */
final class RpcVectorSchema implements VectorSchema {
    private static final String SCHEMA = "veilflux-rpc-capnp-vectors/1";

    @Override
    public boolean reads(String schema) {
        return SCHEMA.equals(schema);
    }

    @Override
    public CheckReport check(String file, JsonNode root) {
        Cases cases = new Cases(file);
        for (String category : List.of("vectors", "node_info", "negative")) {
            JsonNode items = root.path(category);
            if (!items.isArray() || items.isEmpty()) {
                cases.fileProblem(category, "no '" + category + "' cases in file");
                continue;
            }
            cases.each(items, switch (category) {
                case "vectors" -> RpcVectorSchema::operation;
                case "node_info" -> c -> nodeInfo(c.path("node_info"));
                default -> RpcVectorSchema::negative;
            });
        }
        return cases.report();
    }

    private static void operation(JsonNode c) {
        JsonNode layouts = c.path("operation");
        Operation value = sameFromEveryLayout(layouts, bytes -> OperationCodec.decode(bytes, ReadLimits.DEFAULT));
        require(OperationCodec.decode(OperationCodec.encode(value), ReadLimits.DEFAULT).equals(value),
                "the encoded operation decodes to another value");
        JsonNode body = c.path("envelope_body");
        SignedOperation signed = OperationCodec.decodeBody(hex(body, "body_hex"), ReadLimits.DEFAULT);
        require(signed.operationData().equals(Bytes.of(hex(layouts, "binary"))),
                "the envelope body's operationData is not the operation's bytes");
        boolean withSigner = body.path("signed").asBoolean();
        require(signed.signer().isPresent() == withSigner && signed.signature().isPresent() == withSigner,
                "signer and signature should be " + (withSigner ? "present" : "absent"));
        require(OperationCodec.decodeBody(OperationCodec.encodeBody(signed), ReadLimits.DEFAULT).equals(signed),
                "the encoded envelope body decodes to another value");
    }

    private static void nodeInfo(JsonNode layouts) {
        NodeInfo value = sameFromEveryLayout(layouts,
                bytes -> NodeInfoCodec.readNodeInfo(MessageReader.unpacked(bytes, NodeInfoCodec.NODE_INFO_LIMITS).root()));
        require(NodeInfoCodec.decodeNodeInfo(NodeInfoCodec.encodeNodeInfo(value)).equals(value),
                "the encoded NodeInfo decodes to another value");
    }

    /** Decodes the binary, canonical and packed layouts and requires one value from all three. */
    private static <T> T sameFromEveryLayout(JsonNode layouts, Function<byte[], T> decodeUnpacked) {
        T binary = decodeUnpacked.apply(hex(layouts, "binary"));
        T canonical = decodeUnpacked.apply(hex(layouts, "canonical"));
        T packed = decodeUnpacked.apply(Packing.unpack(hex(layouts, "packed"), ReadLimits.DEFAULT.maxMessageBytes()));
        require(Objects.equals(binary, canonical), "canonical layout decodes to another value than binary");
        require(Objects.equals(binary, packed), "packed layout decodes to another value than binary");
        return binary;
    }

    private static void negative(JsonNode c) {
        byte[] data = hex(c, "data");
        require("SignedOperation".equals(c.path("root").asText()), "unknown negative root '" + c.path("root").asText() + "'");
        try {
            if ("packed".equals(c.path("format").asText())) {
                OperationCodec.decodeBody(data, ReadLimits.DEFAULT);
            } else {
                OperationCodec.readSignedOperation(MessageReader.unpacked(data, ReadLimits.DEFAULT).root());
            }
        } catch (CapnpException expected) {
            return;
        }
        throw new Cases.Failed("damaged message was decoded instead of refused");
    }


}
