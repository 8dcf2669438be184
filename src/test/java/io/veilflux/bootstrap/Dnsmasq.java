package io.veilflux.bootstrap;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A real DNS server for tests: dnsmasq on a free loopback port, answering only from the TXT and
 * host records it is given (names under {@code .test} it does not know are NXDOMAIN), with its
 * pid file, configuration and log in a temporary directory. Not installed is a test failure with
 * instructions, never a skip: CI installs it ({@code .ci/run}).
 */
final class Dnsmasq implements AutoCloseable {
    private static final List<String> SBIN = List.of("/usr/sbin", "/sbin", "/usr/local/sbin");
    private static final int PORT_ATTEMPTS = 5;

    private final Process process;
    private final InetSocketAddress address;
    private final Path directory;

    private Dnsmasq(Process process, InetSocketAddress address, Path directory) {
        this.process = process;
        this.address = address;
        this.directory = directory;
    }

    /**
     * Starts dnsmasq with TXT records (name to character-strings of one record; a name may have
     * several records: each list is one) and host records (name to addresses), and waits until
     * it answers {@code ready.test}.
     */
    static Dnsmasq start(Map<String, List<List<String>>> txtRecords, Map<String, List<String>> hostRecords) throws IOException {
        Path binary = binary().orElseThrow(() -> new AssertionError(
                "dnsmasq is not installed, and the DNS bootstrap tests need a real DNS server: install it "
                        + "(Debian/Ubuntu: apt-get install -y dnsmasq-base) and run the tests again; CI's .ci/run installs it"));
        Path directory = Files.createTempDirectory("veilflux-dnsmasq");
        Path config = directory.resolve("dnsmasq.conf");
        Files.writeString(config, configuration(txtRecords, hostRecords));
        IOException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            int port = freeLoopbackPort();
            Process process = new ProcessBuilder(binary.toString(),
                    "--conf-file=" + config, "--keep-in-foreground", "--no-resolv", "--no-hosts", "--bind-interfaces",
                    "--listen-address=127.0.0.1", "--port=" + port, "--local=/test/", "--log-queries",
                    "--pid-file=" + directory.resolve("dnsmasq.pid"), "--log-facility=" + directory.resolve("dnsmasq.log"))
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("dnsmasq.out").toFile())
                    .start();
            Dnsmasq dnsmasq = new Dnsmasq(process, new InetSocketAddress("127.0.0.1", port), directory);
            if (dnsmasq.awaitReady()) {
                return dnsmasq;
            }
            dnsmasq.close();
            last = new IOException("dnsmasq did not start on port " + port + ": " + dnsmasq.output());
        }
        throw last;
    }

    private static Optional<Path> binary() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(java.io.File.pathSeparator)), SBIN.stream())
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "dnsmasq"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static String configuration(Map<String, List<List<String>>> txtRecords, Map<String, List<String>> hostRecords) {
        StringBuilder text = new StringBuilder("txt-record=ready.test,\"ready\"\n");
        txtRecords.forEach((name, records) -> records.forEach(strings -> {
            text.append("txt-record=").append(name);
            strings.forEach(s -> text.append(",\"").append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
            text.append('\n');
        }));
        hostRecords.forEach((name, ips) -> text.append("host-record=").append(name).append(',')
                .append(String.join(",", ips)).append('\n'));
        return text.toString();
    }

    /** A port free for both UDP and TCP on 127.0.0.1 (dnsmasq takes both). */
    private static int freeLoopbackPort() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (DatagramSocket udp = new DatagramSocket(0, loopback);
             ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 1, loopback)) {
            return tcp.getLocalPort();
        }
    }

    /** Whether it answers within a few seconds; asks again every 100 ms while the process lives. */
    private boolean awaitReady() {
        DnsResolver probe = new DnsResolver(DnsConfig.server(address, Duration.ofMillis(200)));
        try {
            return Boolean.TRUE.equals(Mono.defer(() -> process.isAlive()
                            ? probe.txtLookup("ready.test").map(strings -> strings.contains("ready"))
                            : Mono.just(false))
                    .retryWhen(Retry.fixedDelay(50, Duration.ofMillis(100)))
                    .block(Duration.ofSeconds(30)));
        } catch (RuntimeException e) {
            return false;
        }
    }

    InetSocketAddress address() {
        return address;
    }

    /** dnsmasq's query log so far. */
    String log() throws IOException {
        Path log = directory.resolve("dnsmasq.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private String output() {
        try {
            return Files.readString(directory.resolve("dnsmasq.out")).strip();
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** Stops this dnsmasq (only the process started here) and removes its directory. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> all = new ArrayList<>(files.toList());
            all.sort((a, b) -> b.getNameCount() - a.getNameCount());
            for (Path file : all) {
                Files.deleteIfExists(file);
            }
        }
    }
}
