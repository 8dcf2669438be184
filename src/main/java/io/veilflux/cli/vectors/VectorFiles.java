package io.veilflux.cli.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks known-answer vector files against this implementation. The file's {@code schema} field
 * picks the checker; a file nobody reads counts as one failure, never as silently passed.
 */
public final class VectorFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<VectorSchema> SCHEMAS = List.of(new Vld0VectorSchema(), new RpcVectorSchema());

    private VectorFiles() {
    }

    /** Whether some checker reads files of {@code schema}. */
    public static boolean isSupported(String schema) {
        return SCHEMAS.stream().anyMatch(s -> s.reads(schema));
    }

    /** The {@code schema} field of a vector file. */
    public static String schemaOf(Path file) throws IOException {
        return JSON.readTree(file.toFile()).path("schema").asText("");
    }

    public static CheckReport check(Path file) {
        String name = file.toString();
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            return new CheckReport(0, List.of(new Mismatch(name, "-", "cannot read: " + e.getMessage())));
        }
        String schema = root.path("schema").asText("");
        return SCHEMAS.stream()
                .filter(s -> s.reads(schema))
                .findFirst()
                .map(s -> s.check(name, root))
                .orElseGet(() -> new CheckReport(0, List.of(new Mismatch(name, "-",
                        "unsupported schema '" + schema + "' (this build reads veilid-vld0-env0-rcp0-refvectors/1 and "
                                + "veilflux-rpc-capnp-vectors/1)"))));
    }
}
