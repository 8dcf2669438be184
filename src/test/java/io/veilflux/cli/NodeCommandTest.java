package io.veilflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.NodeId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import reactor.netty.http.client.HttpClient;

/** {@code veilflux node} run in-process, stopped the way Ctrl-C stops it: by its shutdown hook. */
class NodeCommandTest {
    private static final long WAIT_SECONDS = 20;

    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "node-command-test"));
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CompletableFuture<Thread> hook = new CompletableFuture<>();

    @AfterEach
    void stopRunner() {
        hook.thenAccept(Thread::run);
        runner.shutdownNow();
    }

    private CompletableFuture<Integer> run(String... args) {
        CommandLine cli = new CommandLine(new NodeCommand(hook::complete));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return CompletableFuture.supplyAsync(() -> cli.execute(args), runner);
    }

    private static String get(String url) {
        return HttpClient.create().get().uri(url).responseContent().aggregate().asString().block(Duration.ofSeconds(10));
    }

    @Test
    void runsANodePrintsWhoItIsServesItsStatusAndStopsOnTheShutdownHook() throws Exception {
        CompletableFuture<Integer> exit = run("--listen", "127.0.0.2:0", "--address-profile", "loopback-as-public",
                "--set", "network.routing_table.bootstrap=", "--metrics-port", "0");

        Thread shutdownHook = hook.get(WAIT_SECONDS, TimeUnit.SECONDS);
        String printed = out.toString();
        Matcher id = Pattern.compile("(?m)^node id: +(\\S+)$").matcher(printed);
        assertThat(id.find()).as(printed).isTrue();
        NodeId nodeId = NodeId.parse(id.group(1));
        assertThat(printed).containsPattern("(?m)^dial info: udp\\|127\\.0\\.0\\.2:\\d+$")
                .containsPattern("(?m)^dial info: tcp\\|127\\.0\\.0\\.2:\\d+$");
        Matcher metrics = Pattern.compile("(?m)^metrics: +(http://127\\.0\\.0\\.1:\\d+/)$").matcher(printed);
        assertThat(metrics.find()).as(printed).isTrue();

        String status = get(metrics.group(1));
        assertThat(status).contains(nodeId.toString()).contains("Dial info").contains("Routing table: 0 entries")
                .contains("Connections: 0").contains("Relays (PublicInternet)").contains("Published peer info")
                .contains("udp|127.0.0.2:");
        assertThat(get(metrics.group(1) + "metrics")).contains("veilflux_");
        assertThat(exit).isNotDone();

        shutdownHook.run();

        assertThat(exit.get(WAIT_SECONDS, TimeUnit.SECONDS)).isZero();
        assertThat(out.toString()).endsWith("stopped" + System.lineSeparator());
    }

    @Test
    void aBadSettingIsAUsageErrorNamingTheKey() throws Exception {
        int exit = run("--set", "network.rpc.timeout_ms=soon").get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("network.rpc.timeout_ms: expected");
        assertThat(hook).isNotDone();
    }

    @Test
    void aSettingWithoutAnEqualsSignIsAUsageError() throws Exception {
        int exit = run("--set", "network.rpc.timeout_ms").get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--set network.rpc.timeout_ms: expected KEY=VALUE");
    }

    @Test
    void aTakenPortFailsTheStartWithoutLeavingANodeRunning() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0))) {
            int exit = run("--listen", "127.0.0.2:" + taken.getLocalPort(), "--set", "network.routing_table.bootstrap=")
                    .get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString()).contains("cannot start the node: cannot bind UDP to 127.0.0.2:" + taken.getLocalPort());
            assertThat(hook).isNotDone();
        }
    }
}
