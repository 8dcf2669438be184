package io.veilflux.cli;

import io.veilflux.bootstrap.BootstrapRecord;
import io.veilflux.bootstrap.BootstrapRecordException;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.SecretKey;
import io.veilflux.net.DialInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code veilflux bootstrap-record}: the bootstrap TXT records of a node, as veilid-server's
 * {@code --dump-txt-record} prints them: the v0 record, then one v1 record per signing key pair
 * (signed with it). A record longer than one DNS character-string is also shown cut into
 * character-strings, as a zone file needs it.
 */
@Command(name = "bootstrap-record", mixinStandardHelpOptions = true,
        description = "Print the bootstrap TXT records (v0 and v1) that make a node a DNS bootstrap.")
final class BootstrapRecordCommand implements Callable<Integer> {
    /** Veilid's {@code VALID_ENVELOPE_VERSIONS}. */
    private static final List<String> ENVELOPE_SUPPORT = List.of("ENV0");

    /** Where the node's key pair comes from: exactly one of these. */
    static final class NodeKey {
        @Option(names = "--key-pair", paramLabel = "KEYPAIR", description = "the node's key pair, as keygen prints it (VLD0:public:secret)")
        String keyPair;

        @Option(names = "--secret-key", paramLabel = "SECRET", description = "the node's secret key (VLD0:base64url)")
        String secretKey;

        @Option(names = "--key-file", paramLabel = "FILE", description = "a file holding keygen's output or a key pair")
        Path keyFile;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    private NodeKey nodeKey;

    @Option(names = "--dial-info", paramLabel = "DIALINFO", required = true,
            description = "a dial info of the node, e.g. udp|203.0.113.7:5150 or ws|203.0.113.7|node.example.net:5150/ws (repeat for each)")
    private List<String> dialInfos;

    @Option(names = "--hostname", paramLabel = "NAME",
            description = "the host name of the dial infos' IP address (what a PTR lookup answers); without it the IP is written")
    private String hostname;

    @Option(names = "--signing-key-pair", paramLabel = "KEYPAIR",
            description = "a bootstrap signing key pair for a v1 record (repeatable; default: the node's key pair)")
    private List<String> signingKeyPairs = new ArrayList<>();

    @Option(names = "--timestamp", paramLabel = "SECONDS", description = "the v1 timestamp in Unix seconds (default: now)")
    private Long timestamp;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Crypto crypto = Crypto.standard();
        KeyPair node = nodeKeyPair(crypto);
        List<DialInfo> parsedDialInfos = dialInfos.stream().map(this::dialInfo).toList();
        List<KeyPair> signers = signingKeyPairs.isEmpty() ? List.of(node)
                : signingKeyPairs.stream().map(text -> keyPair(crypto, text, "--signing-key-pair")).toList();
        long seconds = timestamp != null ? timestamp : System.currentTimeMillis() / 1000;
        String v0;
        List<String> v1 = new ArrayList<>();
        try {
            v0 = BootstrapRecord.forDialInfos(BootstrapRecord.VERSION_0, ENVELOPE_SUPPORT, List.of(node.key()), parsedDialInfos,
                    Optional.ofNullable(hostname), OptionalLong.empty(), List.of()).formatV0();
            BootstrapRecord record = BootstrapRecord.forDialInfos(BootstrapRecord.VERSION_1, ENVELOPE_SUPPORT, List.of(node.key()),
                    parsedDialInfos, Optional.ofNullable(hostname), OptionalLong.of(seconds), List.of());
            signers.forEach(signer -> v1.add(record.formatV1(crypto, signer)));
        } catch (BootstrapRecordException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "cannot make the bootstrap records: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Bootstrap TXT Records:");
        out.println("V0:");
        print(out, v0);
        for (int i = 0; i < signers.size(); i++) {
            out.println("V1 (" + signers.get(i).kind() + "):");
            print(out, v1.get(i));
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, String record) {
        out.println(record);
        List<String> strings = BootstrapRecord.characterStrings(record);
        if (strings.size() > 1) {
            out.println("(over " + BootstrapRecord.MAX_CHARACTER_STRING + " bytes; in a zone file: "
                    + strings.stream().map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                    .collect(Collectors.joining(" ")) + ")");
        }
    }

    private KeyPair nodeKeyPair(Crypto crypto) {
        if (nodeKey.keyPair != null) {
            return keyPair(crypto, nodeKey.keyPair, "--key-pair");
        }
        if (nodeKey.secretKey != null) {
            try {
                SecretKey secret = SecretKey.parse(nodeKey.secretKey.strip());
                return crypto.require(secret.kind()).keyPairOf(secret);
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--secret-key: " + e.getMessage());
            }
        }
        String text;
        try {
            text = Files.readString(nodeKey.keyFile);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--key-file: cannot read " + nodeKey.keyFile + ": " + e);
        }
        String keyPair = text.lines().map(String::strip).filter(l -> l.startsWith("key pair:"))
                .map(l -> l.substring("key pair:".length())).findFirst().orElse(text);
        return keyPair(crypto, keyPair, "--key-file " + nodeKey.keyFile);
    }

    private KeyPair keyPair(Crypto crypto, String text, String option) {
        KeyPair pair;
        try {
            pair = KeyPair.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage()
                    + " (expected a key pair as keygen prints it)");
        }
        if (!crypto.supports(pair.kind()) || !crypto.require(pair.kind()).validateKeyPair(pair.key(), pair.secret())) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": the public key does not belong to the secret key");
        }
        return pair;
    }

    private DialInfo dialInfo(String text) {
        try {
            return DialInfo.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dial-info: " + e.getMessage());
        }
    }
}
