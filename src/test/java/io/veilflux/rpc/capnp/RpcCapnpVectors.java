package io.veilflux.rpc.capnp;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.veilflux.crypto.Bytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shared {@code rpc-capnp.json} vectors, found through {@code veilflux.vectors.dir}. */
public final class RpcCapnpVectors {
    private static final JsonNode ROOT = load();

    private RpcCapnpVectors() {
    }

    /** One message in its three layouts, with the value it holds. */
    public record Layouts(String id, byte[] binary, byte[] canonical, byte[] packed, JsonNode json) {
        public static Layouts of(String id, JsonNode node) {
            return new Layouts(id, hex(node, "binary"), hex(node, "canonical"), hex(node, "packed"), node.get("json"));
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** The node infos alone. */
    public static List<Layouts> nodeInfos() {
        List<Layouts> all = new ArrayList<>();
        ROOT.get("node_info").forEach(v -> all.add(Layouts.of(v.get("id").asText(), v.get("node_info"))));
        return all;
    }

    /** The operations and the node infos. */
    public static List<Layouts> messages() {
        List<Layouts> all = new ArrayList<>();
        ROOT.get("vectors").forEach(v -> all.add(Layouts.of(v.get("id").asText(), v.get("operation"))));
        ROOT.get("node_info").forEach(v -> all.add(Layouts.of(v.get("id").asText(), v.get("node_info"))));
        return all;
    }

    public static List<JsonNode> operations() {
        List<JsonNode> all = new ArrayList<>();
        ROOT.get("vectors").forEach(all::add);
        return all;
    }

    public static List<JsonNode> negatives() {
        List<JsonNode> all = new ArrayList<>();
        ROOT.get("negative").forEach(all::add);
        return all;
    }

    public static byte[] hex(JsonNode node, String field) {
        return Bytes.fromHex(node.get(field).asText()).toByteArray();
    }

    private static JsonNode load() {
        Path dir = Path.of(System.getProperty("veilflux.vectors.dir", "../shared/vectors")).toAbsolutePath().normalize();
        Path file = dir.resolve("rpc-capnp.json");
        if (!Files.isRegularFile(file)) {
            fail("vector file " + file + " is missing: the shared vectors must sit beside the project checkout "
                    + "(../shared/vectors), or pass -Dveilflux.vectors.dir=<folder>");
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
