package io.veilflux.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.veilflux.net.Address;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.tcp.TcpClient;
import reactor.test.StepVerifier;

/** The metrics server over real loopback sockets, with BlockHound watching its event loops. */
class MetricsServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String XSS = "<script>alert('x & y')</script>";
    private static final StatusPage PAGE = StatusPage.of("node " + XSS,
            StatusPage.Fields.of("Node",
                    StatusPage.Field.of("node id", "VLD0:abc"),
                    StatusPage.Field.of("dial info", XSS),
                    StatusPage.Field.of("relay", "none")),
            new StatusPage.Table("Connections", List.of("flow", "age \"s\""),
                    List.of(List.of("tcp|127.0.0.1:5150", "3"), List.of(XSS, "7"))));

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    @Test
    void metricsAreThePrometheusTextOfTheRegistry() {
        Counter.builder("veilflux.test.requests").tag("protocol", "udp").register(registry).increment(3);
        try (MetricsServer server = start(MetricsServerConfig.onPort(0), () -> PAGE)) {
            Reply reply = get(server, "/metrics");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.headers().get("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            assertThat(reply.body())
                    .contains("# TYPE veilflux_test_requests_total counter")
                    .contains("veilflux_test_requests_total{protocol=\"udp\"} 3.0");
            assertThat(get(server, "/metrics?name[]=ignored").status()).isEqualTo(200);
        }
    }

    @Test
    void statusPageEscapesEveryValueAndRefreshesItself() {
        try (MetricsServer server = start(MetricsServerConfig.onPort(0), () -> PAGE)) {
            Reply reply = get(server, "/");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.headers().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
            assertThat(reply.headers().get("Content-Security-Policy")).contains("default-src 'none'");
            assertThat(reply.headers().get("Cache-Control")).isEqualTo("no-store");
            String escaped = "&lt;script&gt;alert(&#39;x &amp; y&#39;)&lt;/script&gt;";
            assertThat(reply.body())
                    .doesNotContain("<script")
                    .contains("<meta http-equiv=\"refresh\" content=\"5\">")
                    .contains("<title>node " + escaped + "</title>")
                    .contains("<tr><th>dial info</th><td>" + escaped + "</td></tr>")
                    .contains("<tr><th>flow</th><th>age &quot;s&quot;</th></tr>")
                    .contains("<tr><td>" + escaped + "</td><td>7</td></tr>");
            assertThat(reply.body().indexOf("node id")).isLessThan(reply.body().indexOf("dial info"));
            assertThat(reply.body().indexOf("dial info")).isLessThan(reply.body().indexOf("relay"));
        }
    }

    @Test
    void theRefreshIntervalIsConfigurable() {
        MetricsServerConfig config = MetricsServerConfig.onPort(0).withRefreshInterval(Duration.ofSeconds(2));
        try (MetricsServer server = start(config, () -> PAGE)) {
            assertThat(get(server, "/").body()).contains("<meta http-equiv=\"refresh\" content=\"2\">")
                    .contains("Reloads every 2 s.");
        }
    }

    @Test
    void statusJsonParsesBackIntoTheSuppliedPage() throws Exception {
        try (MetricsServer server = start(MetricsServerConfig.onPort(0), () -> PAGE)) {
            Reply reply = get(server, "/status.json");

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.headers().get("Content-Type")).isEqualTo("application/json");
            assertThat(new ObjectMapper().readValue(reply.body(), StatusPage.class)).isEqualTo(PAGE);
            assertThat(reply.body()).contains("\"kind\":\"fields\"").contains("\"kind\":\"table\"");
        }
    }

    @Test
    void everyAnswerReadsAFreshStatus() {
        AtomicInteger calls = new AtomicInteger();
        Supplier<StatusPage> counting = () -> StatusPage.of("call " + calls.incrementAndGet());
        try (MetricsServer server = start(MetricsServerConfig.onPort(0), counting)) {
            assertThat(get(server, "/").body()).contains("<h1>call 1</h1>");
            assertThat(get(server, "/status.json").body()).contains("\"title\":\"call 2\"");
        }
    }

    @Test
    void unknownPathsAreNotFoundAndOtherMethodsAreNotAllowed() {
        try (MetricsServer server = start(MetricsServerConfig.onPort(0), () -> PAGE)) {
            assertThat(get(server, "/favicon.ico").status()).isEqualTo(404);
            assertThat(get(server, "/metrics/").status()).isEqualTo(404);
            assertThat(request(server, HttpMethod.POST, "/nothing").status()).isEqualTo(404);

            for (String path : List.of("/", "/metrics", "/status.json")) {
                Reply reply = request(server, HttpMethod.POST, path);
                assertThat(reply.status()).as(path).isEqualTo(405);
                assertThat(reply.headers().get("Allow")).as(path).isEqualTo("GET");
            }
            assertThat(request(server, HttpMethod.DELETE, "/metrics").status()).isEqualTo(405);
        }
    }

    @Test
    void scrapingAndTheSupplierRunOffTheEventLoop() {
        // Thread.yield is a blocking call to BlockHound: on an event loop it would fail the request.
        Queue<String> threads = new ConcurrentLinkedQueue<>();
        Gauge.builder("veilflux.test.blocking", () -> {
            Thread.yield();
            threads.add(Thread.currentThread().getName());
            return 1;
        }).register(registry);
        Supplier<StatusPage> blocking = () -> {
            Thread.yield();
            threads.add(Thread.currentThread().getName());
            return PAGE;
        };
        try (MetricsServer server = start(MetricsServerConfig.onPort(0), blocking)) {
            assertThat(get(server, "/metrics").body()).contains("veilflux_test_blocking 1.0");
            assertThat(get(server, "/").status()).isEqualTo(200);
            assertThat(get(server, "/status.json").status()).isEqualTo(200);
        }
        assertThat(threads).hasSizeGreaterThanOrEqualTo(3).allMatch(name -> name.startsWith("boundedElastic-"));
    }

    @Test
    void aFailingSupplierIsAServerErrorAndTheServerCarriesOn() {
        AtomicBoolean fail = new AtomicBoolean(true);
        Supplier<StatusPage> flaky = () -> {
            if (fail.getAndSet(false)) {
                throw new IllegalStateException("routing table is gone");
            }
            return PAGE;
        };
        try (MetricsServer server = start(MetricsServerConfig.onPort(0), flaky)) {
            Reply failed = get(server, "/");
            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.body()).contains("routing table is gone");
            assertThat(get(server, "/").status()).isEqualTo(200);
        }
    }

    @Test
    void itListensOnLoopbackUnlessToldOtherwise() {
        try (MetricsServer server = start(MetricsServerConfig.onPort(0), () -> PAGE)) {
            assertThat(server.address().address()).isEqualTo(Address.parse("127.0.0.1"));
            assertThat(server.port()).isPositive();
        }
    }

    @Test
    void aTakenPortIsAnErrorThatNamesThePortAndTheFix() {
        try (MetricsServer first = start(MetricsServerConfig.onPort(0), () -> PAGE)) {
            int port = first.port();
            StepVerifier.create(MetricsServer.start(MetricsServerConfig.onPort(port), registry, () -> PAGE))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(MetricsBindException.class);
                        assertThat(((MetricsBindException) e).address().port()).isEqualTo(port);
                        assertThat(e.getMessage())
                                .contains("127.0.0.1:" + port)
                                .contains("is port " + port + " taken")
                                .contains("choose another metrics port, or 0 for any free one");
                    })
                    .verify(TIMEOUT);
            assertThat(get(first, "/").status()).as("the first server still serves").isEqualTo(200);
        }
    }

    @Test
    void stoppingReleasesThePortAndClosesOpenConnections() {
        MetricsServer first = start(MetricsServerConfig.onPort(0), () -> PAGE);
        int port = first.port();
        Connection idle = TcpClient.newConnection().host("127.0.0.1").port(port).connectNow(TIMEOUT);
        idle.outbound().sendString(Mono.just("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")).then().block(TIMEOUT);
        assertThat(idle.inbound().receive().asString().blockFirst(TIMEOUT)).startsWith("HTTP/1.1 200 OK");

        StepVerifier.create(first.stop()).expectComplete().verify(TIMEOUT);

        StepVerifier.create(idle.onDispose()).as("the keep-alive connection is closed").expectComplete().verify(TIMEOUT);

        StepVerifier.create(fresh(port).get().uri("/").response()).expectError().verify(TIMEOUT);
        try (MetricsServer second = start(MetricsServerConfig.onPort(port), () -> StatusPage.of("second"))) {
            assertThat(second.port()).isEqualTo(port);
            assertThat(get(second, "/").body()).contains("<h1>second</h1>");
        }
    }

    @Test
    void stoppingTwiceIsHarmless() {
        MetricsServer server = start(MetricsServerConfig.onPort(0), () -> PAGE);
        server.close();
        StepVerifier.create(server.stop()).expectComplete().verify(TIMEOUT);
    }

    @Test
    void theRefreshIntervalIsWholeSecondsOfAtLeastOne() {
        MetricsServerConfig config = MetricsServerConfig.onPort(0);
        assertThatThrownBy(() -> config.withRefreshInterval(Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole number of seconds, at least 1s");
        assertThatThrownBy(() -> config.withRefreshInterval(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(config.withRefreshInterval(Duration.ofSeconds(1)).refreshInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void theBindAddressIsConfigurable() {
        MetricsServerConfig config = MetricsServerConfig.onPort(9100).withBindAddress(Address.parse("0.0.0.0"));
        assertThat(config.listen().toString()).isEqualTo("0.0.0.0:9100");
        assertThat(MetricsServerConfig.onPort(9100).listen().toString()).isEqualTo("127.0.0.1:9100");
    }

    private MetricsServer start(MetricsServerConfig config, Supplier<StatusPage> status) {
        return MetricsServer.start(config, registry, status).block(TIMEOUT);
    }

    private static Reply get(MetricsServer server, String path) {
        return request(server, HttpMethod.GET, path);
    }

    private static Reply request(MetricsServer server, HttpMethod method, String path) {
        return HttpClient.create()
                .host("127.0.0.1")
                .port(server.port())
                .request(method)
                .uri(path)
                .responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> new Reply(response.status().code(), response.responseHeaders(), text)))
                .block(TIMEOUT);
    }

    private static HttpClient fresh(int port) {
        return HttpClient.newConnection().host("127.0.0.1").port(port);
    }

    private record Reply(int status, HttpHeaders headers, String body) {
    }
}
