package io.veilflux.node;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.crypto.Bytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The README's "Using a node" examples, compiled and run: the lines between each pair of markers
 * below are what the README shows, and {@link #theReadmeShowsExactlyThisCode} keeps them the same.
 */
class ReadmeExampleTest {
    private static final Path SOURCE = Path.of("src/test/java/io/veilflux/node/ReadmeExampleTest.java");
    private static final Path README = Path.of("README.md");
    private static final List<String> EXAMPLES = List.of("README example", "README loopback example");

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theReadmeExampleRuns() {
        // README example begins
        MeterRegistry registry = new SimpleMeterRegistry();
        try (VeilfluxNode alice = VeilfluxNode.builder()
                .listen("127.0.0.2:0")                              // UDP, TCP and WS; port 0: any free port
                .addressProfile(AddressProfile.LOOPBACK_AS_PUBLIC)  // nodes on one machine count as public
                .directAppMessages(true)                            // app messages without private routes
                .bootstrap()                                        // the first node asks no one
                .meterRegistry(registry)
                .build()) {
            alice.events().ofType(NodeEvent.PeerInfoChanged.class)
                    .subscribe(e -> System.out.println("alice's peer info changed in " + e.routingDomain()));
            alice.start().block();
            CompletableFuture<AppMessage> hello = alice.appMessages().next().toFuture();
            alice.appCalls().subscribe(call -> call.reply("pong".getBytes(UTF_8)).subscribe());

            try (VeilfluxNode bob = VeilfluxNode.builder()
                    .listen("127.0.0.3:0")
                    .addressProfile(AddressProfile.LOOPBACK_AS_PUBLIC)
                    .directAppMessages(true)
                    .bootstrap(alice.bootstrapEntry())              // udp://127.0.0.2:<port>
                    .bootstrapKeys()                                // take alice's unsigned BOOT answer
                    .build()) {
                bob.start().then(bob.bootstrap()).block();          // bob learns of alice from her
                Bytes pong = bob.sendAppMessage(alice.nodeId(), "hello".getBytes(UTF_8))  // Mono<SendDataResult>
                        .then(bob.appCall(alice.nodeId(), "ping".getBytes(UTF_8)))       // Mono<Bytes>
                        .block();
                AppMessage message = hello.join();
                System.out.println(message.sender() + " said " + new String(message.message().toByteArray(), UTF_8)
                        + ", alice answered " + new String(pong.toByteArray(), UTF_8));
            }
        }
        // README example ends
        assertThat(registry.get("veilflux.rpc.received").tag("op", "app_message").counter().count())
                .as("alice got the message once").isEqualTo(1);
        assertThat(registry.get("veilflux.rpc.received").tag("op", "app_call_q").counter().count())
                .as("alice got the call once").isEqualTo(1);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theLoopbackNetworkExampleRuns() {
        assertThatCode(() -> {
            // README loopback example begins
            try (LoopbackNetwork network = LoopbackNetwork.start(3).awaitConnected(Duration.ofSeconds(10))) {
                network.node(0).sendAppMessage(network.node(2).nodeId(), "hi".getBytes(UTF_8)).block();
            }
            // README loopback example ends
        }).doesNotThrowAnyException();
    }

    @Test
    void theReadmeShowsExactlyThisCode() throws IOException {
        List<String> lines = Files.readAllLines(SOURCE, UTF_8);
        String readme = Files.readString(README, UTF_8);
        for (String example : EXAMPLES) {
            int begin = indexOf(lines, "// " + example + " begins");
            int end = indexOf(lines, "// " + example + " ends");
            String indent = lines.get(begin).substring(0, lines.get(begin).indexOf('/'));
            StringBuilder snippet = new StringBuilder("```java\n");
            for (String line : lines.subList(begin + 1, end)) {
                assertThat(line).as("a line of " + example + " keeps the marker's indentation").matches("(" + indent + ".*)?");
                snippet.append(line.isEmpty() ? "" : line.substring(indent.length())).append('\n');
            }
            snippet.append("```\n");

            assertThat(readme).as(example).contains(snippet);
        }
    }

    private static int indexOf(List<String> lines, String marker) {
        int index = lines.stream().map(String::strip).toList().indexOf(marker);
        assertThat(index).as(marker + " in " + SOURCE).isNotNegative();
        return index;
    }
}
