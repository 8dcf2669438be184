package io.veilflux.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.veilflux.net.SocketAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A small HTTP server for watching a node: {@code GET /metrics} is the Prometheus text
 * exposition of a registry, {@code GET /} a status page that reloads itself, and
 * {@code GET /status.json} the same status as JSON. What the status page shows comes from a
 * supplier, so this server knows nothing of nodes.
 *
 * <p>Scraping and the supplier run on {@link Schedulers#boundedElastic()}, never on an event
 * loop: a large registry or a supplier that takes locks must not stall other connections.
 */
public final class MetricsServer implements AutoCloseable {
    /** What {@link PrometheusMeterRegistry#scrape(String)} writes for this content type. */
    public static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String HTML_CONTENT_TYPE = "text/html; charset=utf-8";
    static final String JSON_CONTENT_TYPE = "application/json";
    static final String TEXT_CONTENT_TYPE = "text/plain; charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Idle keep-alive connections (a scraper between scrapes) are closed after this long. */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Only our own inline style may apply: an escaping slip still cannot run a script. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    private final DisposableServer server;
    private final ChannelGroup connections;
    private final SocketAddress address;

    private MetricsServer(DisposableServer server, ChannelGroup connections) {
        this.server = server;
        this.connections = connections;
        this.address = SocketAddress.of((InetSocketAddress) server.address());
    }

    /**
     * Listens as {@code config} says; completes with the running server once it is bound, or
     * fails with {@link MetricsBindException} when it cannot be.
     */
    public static Mono<MetricsServer> start(MetricsServerConfig config, PrometheusMeterRegistry registry,
                                            Supplier<StatusPage> status) {
        Objects.requireNonNull(config, "config");
        Handler handler = new Handler(Objects.requireNonNull(registry, "registry"),
                Objects.requireNonNull(status, "status"), config.refreshInterval(), Schedulers.boundedElastic());
        // Kept so that stopping closes open keep-alive connections along with the listener.
        ChannelGroup connections = new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE);
        return HttpServer.create()
                .bindAddress(() -> config.listen().toInet())
                .idleTimeout(IDLE_TIMEOUT)
                .channelGroup(connections)
                .handle(handler::handle)
                .bind()
                .onErrorMap(e -> new MetricsBindException(config.listen(), e))
                .map(server -> new MetricsServer(server, connections))
                .doOnNext(started -> LOG.info("serving metrics and status on http://{}/", started.address()));
    }

    /** The address listened on, with the port picked when the config asked for port 0. */
    public SocketAddress address() {
        return address;
    }

    public int port() {
        return address.port();
    }

    /**
     * Stops listening and closes open connections, cutting off answers still being written;
     * completes when the port is free again.
     */
    public Mono<Void> stop() {
        return Mono.defer(() -> {
            server.dispose();
            Mono<Void> connectionsClosed = Mono.create(sink -> connections.close().addListener(done -> sink.success()));
            return Mono.when(server.onDispose(), connectionsClosed);
        }).doOnSuccess(ignored -> LOG.debug("stopped serving metrics on {}", address));
    }

    /** {@link #stop()}, waiting for it: not for event loops. */
    @Override
    public void close() {
        stop().timeout(CLOSE_TIMEOUT, Mono.error(() -> new IllegalStateException(
                "the metrics server on " + address + " did not stop within " + CLOSE_TIMEOUT.toSeconds() + " s")))
                .block();
    }

    /** Routes a request and answers it; everything that reads the node runs on {@code work}. */
    private record Handler(PrometheusMeterRegistry registry, Supplier<StatusPage> status,
                           Duration refreshInterval, Scheduler work) {

        Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
            Callable<Reply> route = route(new QueryStringDecoder(request.uri()).path());
            if (route == null) {
                return send(response, Reply.text(HttpResponseStatus.NOT_FOUND, "not found: try /, /metrics or /status.json"));
            }
            if (!HttpMethod.GET.equals(request.method())) {
                response.header(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
                return send(response, Reply.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET is served here"));
            }
            return Mono.fromCallable(route)
                    .subscribeOn(work)
                    .onErrorResume(e -> {
                        LOG.warn("cannot answer {}", request.uri(), e);
                        return Mono.just(Reply.text(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                                "cannot answer " + request.uri() + ": " + e));
                    })
                    .flatMap(reply -> send(response, reply));
        }

        private Callable<Reply> route(String path) {
            return switch (path) {
                case "/metrics" -> () -> new Reply(HttpResponseStatus.OK, PROMETHEUS_CONTENT_TYPE,
                        registry.scrape(PROMETHEUS_CONTENT_TYPE).getBytes(StandardCharsets.UTF_8));
                case "/" -> () -> new Reply(HttpResponseStatus.OK, HTML_CONTENT_TYPE,
                        StatusPageHtml.render(status.get(), refreshInterval).getBytes(StandardCharsets.UTF_8));
                case "/status.json" -> () -> new Reply(HttpResponseStatus.OK, JSON_CONTENT_TYPE,
                        JSON.writeValueAsBytes(status.get()));
                default -> null;
            };
        }

        private static Mono<Void> send(HttpServerResponse response, Reply reply) {
            return response.status(reply.status())
                    .header(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                    .header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                    .header("X-Content-Type-Options", "nosniff")
                    .header(HttpHeaderNames.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY)
                    .sendByteArray(Mono.just(reply.body()))
                    .then();
        }
    }

    private record Reply(HttpResponseStatus status, String contentType, byte[] body) {
        static Reply text(HttpResponseStatus status, String text) {
            return new Reply(status, TEXT_CONTENT_TYPE, (text + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
