package io.veilflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.bootstrap.BootstrapRecord;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BootstrapRecordCommandTest {
    private static final String UDP = "udp|203.0.113.7:5150";
    private static final String TCP = "tcp|203.0.113.7:5150";
    private static final String WS = "ws|203.0.113.7|node-1.example.net:5150/ws";

    private final Crypto crypto = Crypto.standard();
    private final KeyPair node = crypto.best().generateKeyPair();

    private record Run(int exitCode, List<String> lines, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new VeilfluxCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString().lines().toList(), err.toString());
    }

    private static List<String> args(String... args) {
        return new ArrayList<>(List.of(args));
    }

    private Run records(String keyOption, String key, String... more) {
        List<String> all = args("bootstrap-record", keyOption, key, "--dial-info", UDP, "--dial-info", TCP, "--dial-info", WS,
                "--hostname", "node-1.example.net", "--timestamp", "1746308366");
        all.addAll(List.of(more));
        return run(all.toArray(String[]::new));
    }

    @Test
    void itPrintsTheV0AndV1RecordsAsVeilidServerDoes() {
        Run run = records("--key-pair", node.encode());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String expectedV0 = "0|0|" + node.key().encode() + "|node-1.example.net|T5150,U5150,W5150/ws";
        assertThat(run.lines()).hasSize(5);
        assertThat(run.lines().subList(0, 4)).containsExactly("Bootstrap TXT Records:", "V0:", expectedV0, "V1 (VLD0):");
        String v1 = run.lines().get(4);
        assertThat(v1).startsWith("1|0|" + node.key().encode() + "|node-1.example.net|T5150,U5150,W5150/ws|1746308366|VLD0:");
        BootstrapRecord parsed = BootstrapRecord.parseV1(v1, List.of(node.key()), crypto);
        assertThat(parsed.timestampSeconds()).hasValue(1746308366);
        assertThat(BootstrapRecord.parseV0(expectedV0).dialInfos()).hasSize(3);
    }

    @Test
    void aSecretKeyOrKeygensOutputInAFileGiveTheSameRecords(@TempDir Path dir) throws IOException {
        Run byPair = records("--key-pair", node.encode());
        assertThat(records("--secret-key", node.secret().encode()).lines()).isEqualTo(byPair.lines());
        Path keyFile = dir.resolve("node.key");
        Files.writeString(keyFile, "node id:  " + node.nodeId().encode() + "\nkey pair: " + node.encode() + "\n");
        assertThat(records("--key-file", keyFile.toString()).lines()).isEqualTo(byPair.lines());
        Path bare = dir.resolve("bare.key");
        Files.writeString(bare, node.encode() + "\n");
        assertThat(records("--key-file", bare.toString()).lines()).isEqualTo(byPair.lines());
    }

    @Test
    void eachSigningKeyPairSignsItsOwnV1Record() {
        KeyPair first = crypto.best().generateKeyPair();
        KeyPair second = crypto.best().generateKeyPair();
        Run run = records("--key-pair", node.encode(), "--signing-key-pair", first.encode(), "--signing-key-pair", second.encode());
        assertThat(run.lines()).hasSize(7);
        assertThat(run.lines().get(3)).isEqualTo("V1 (VLD0):");
        assertThat(run.lines().get(5)).isEqualTo("V1 (VLD0):");
        assertThat(BootstrapRecord.parseV1(run.lines().get(4), List.of(first.key()), crypto).keys()).containsExactly(node.key());
        assertThat(BootstrapRecord.parseV1(run.lines().get(6), List.of(second.key()), crypto).keys()).containsExactly(node.key());
    }

    @Test
    void withoutAHostNameTheIpIsTheHost() {
        Run run = run("bootstrap-record", "--key-pair", node.encode(), "--dial-info", "udp|[2001:db8::7]:5150",
                "--dial-info", "tcp|[2001:db8::7]:5151");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines().get(2)).isEqualTo("0|0|" + node.key().encode() + "|[2001:db8::7]|T5151,U5150");
        long now = System.currentTimeMillis() / 1000;
        long stamped = BootstrapRecord.parseV1(run.lines().get(4), List.of(node.key()), crypto).timestampSeconds().getAsLong();
        assertThat(stamped).as("now by default").isBetween(now - 60, now + 60);
    }

    @Test
    void aRecordLongerThanACharacterStringIsAlsoShownCut() {
        String longHost = "a".repeat(60) + "." + "b".repeat(60) + ".example.net";
        Run run = run("bootstrap-record", "--key-pair", node.encode(), "--dial-info", UDP, "--hostname", longHost, "--timestamp", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        String v1 = run.lines().get(4);
        assertThat(v1.length()).isGreaterThan(255);
        assertThat(run.lines()).hasSize(6);
        String cut = run.lines().get(5);
        assertThat(cut).startsWith("(over 255 bytes; in a zone file: \"1|0|");
        assertThat(cut.substring(cut.indexOf('"'), cut.length() - 1).replace("\" \"", "").replace("\"", "")).isEqualTo(v1);
        assertThat(BootstrapRecord.characterStrings(v1)).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(255));
    }

    @Test
    void mistakesAreReportedWithWhatToFix() {
        Run noKey = run("bootstrap-record", "--dial-info", UDP);
        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("--key-pair", "--secret-key", "--key-file");
        Run noDialInfo = run("bootstrap-record", "--key-pair", node.encode());
        assertThat(noDialInfo.exitCode()).isEqualTo(2);
        assertThat(noDialInfo.err()).contains("--dial-info");
        Run badDialInfo = run("bootstrap-record", "--key-pair", node.encode(), "--dial-info", "udp:1.2.3.4");
        assertThat(badDialInfo.exitCode()).isEqualTo(2);
        assertThat(badDialInfo.err()).contains("--dial-info: invalid dial info 'udp:1.2.3.4'");
        KeyPair other = crypto.best().generateKeyPair();
        Run mismatched = run("bootstrap-record", "--key-pair", node.key().encode() + ":" + other.secret().value().base64Url(),
                "--dial-info", UDP);
        assertThat(mismatched.exitCode()).isEqualTo(2);
        assertThat(mismatched.err()).contains("the public key does not belong to the secret key");
        Run twoHosts = run("bootstrap-record", "--key-pair", node.encode(), "--dial-info", UDP, "--dial-info",
                "ws|203.0.113.7|other.example.net:5150/ws", "--hostname", "node-1.example.net");
        assertThat(twoHosts.exitCode()).isEqualTo(2);
        assertThat(twoHosts.err()).contains("Inconsistent hostnames for dial info: node-1.example.net vs other.example.net");
    }
}
