package io.veilflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VeilfluxCommandTest {
    private static final Path VLD0_VECTORS = Path.of(System.getProperty("veilflux.vectors.dir", "../shared/vectors"))
            .resolve("vld0-env0-rcp0.json");

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new VeilfluxCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void keygenPrintsAValidKeyPairAndItsNodeId() {
        Run run = run("keygen");
        assertThat(run.exitCode()).isZero();
        String[] lines = run.out().strip().split("\n");
        KeyPair pair = KeyPair.parse(lines[1].substring("key pair: ".length()).strip());
        assertThat(Crypto.standard().best().validateKeyPair(pair.key(), pair.secret())).isTrue();
        assertThat(lines[0]).isEqualTo("node id:  " + pair.nodeId().encode());
    }

    @Test
    void vectorsPassesTheSharedFiles() {
        Run run = run("vectors", VLD0_VECTORS.toString(), VLD0_VECTORS.resolveSibling("rpc-capnp.json").toString());
        assertThat(run.out()).doesNotContain("MISMATCH").containsPattern("(?m)^\\d+ passed, 0 failed$");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void vectorsReportsAChangedValueAndFails(@TempDir Path dir) throws IOException {
        String json = Files.readString(VLD0_VECTORS);
        String digest = "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262";
        assertThat(json).contains(digest);
        Path damaged = dir.resolve("damaged.json");
        Files.writeString(damaged, json.replace(digest, "bf1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262"));
        Run run = run("vectors", damaged.toString());
        assertThat(run.out()).contains("MISMATCH " + damaged + " public-blake3-000: digest differs")
                .containsPattern("(?m)^\\d+ passed, 1 failed$");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void vectorsReportsAnRpcMessageWhoseLayoutsDisagree(@TempDir Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(VLD0_VECTORS.resolveSibling("rpc-capnp.json").toFile());
        ObjectNode first = (ObjectNode) root.get("vectors").get(0).get("operation");
        first.put("canonical", root.get("vectors").get(1).get("operation").get("canonical").asText());
        Path damaged = dir.resolve("rpc-damaged.json");
        json.writeValue(damaged.toFile(), root);
        Run run = run("vectors", damaged.toString());
        assertThat(run.out()).contains(root.get("vectors").get(0).get("id").asText()
                + ": canonical layout decodes to another value than binary").containsPattern("(?m)^\\d+ passed, 1 failed$");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void vectorsRefusesAFileItCannotRead(@TempDir Path dir) throws IOException {
        Path unknown = dir.resolve("unknown.json");
        Files.writeString(unknown, "{\"schema\": \"something-else/1\"}");
        Run run = run("vectors", unknown.toString(), dir.resolve("absent.json").toString());
        assertThat(run.out()).contains("unsupported schema 'something-else/1'").contains("cannot read")
                .contains("0 passed, 2 failed");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void withoutASubcommandItSaysSo() {
        Run run = run();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("a subcommand is required");
    }
}
