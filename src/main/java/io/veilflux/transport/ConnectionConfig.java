package io.veilflux.transport;

import io.netty.handler.ssl.SslContext;
import io.veilflux.net.ProtocolType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the connection-oriented transports, with Veilid's defaults
 * ({@code network.connection_initial_timeout_ms}, {@code connection_inactivity_timeout_ms},
 * {@code protocol.{tcp,ws,wss}.max_connections}, {@code ws.path}, {@code tls.*}).
 *
 * @param serverTls the WSS server context (from the configured PEM chain and key); empty: no WSS listener
 * @param clientTls the context for dialling WSS; empty: the JDK's default trust
 */
public record ConnectionConfig(Duration initialTimeout, Duration tlsInitialTimeout, Duration inactivityTimeout,
                               Map<ProtocolType, Integer> maxConnections, String wsPath,
                               Optional<SslContext> serverTls, Optional<SslContext> clientTls,
                               Limits limits) {

    /**
     * The remaining bounds: the listen backlog (Veilid: 128), each connection's outbound queue
     * (unbounded in Veilid, 1024 here) and the share of a table kept for priority flows (25 %).
     */
    public record Limits(int listenBacklog, int outboundQueueCapacity, int priorityFlowPercentage) {
        public static final Limits DEFAULTS = new Limits(128, 1024, 25);

        public Limits {
            if (listenBacklog < 1 || outboundQueueCapacity < 1 || priorityFlowPercentage < 0 || priorityFlowPercentage > 100) {
                throw new IllegalArgumentException("listen backlog and outbound queue must be at least 1 and the priority"
                        + " flow share 0..100 %; got " + this);
            }
        }
    }

    public ConnectionConfig(Duration initialTimeout, Duration tlsInitialTimeout, Duration inactivityTimeout,
                            Map<ProtocolType, Integer> maxConnections, String wsPath,
                            Optional<SslContext> serverTls, Optional<SslContext> clientTls) {
        this(initialTimeout, tlsInitialTimeout, inactivityTimeout, maxConnections, wsPath, serverTls, clientTls, Limits.DEFAULTS);
    }
    public static final Duration DEFAULT_INITIAL_TIMEOUT = Duration.ofMillis(2000);
    public static final Duration DEFAULT_INACTIVITY_TIMEOUT = Duration.ofMillis(60000);
    public static final int DEFAULT_MAX_CONNECTIONS = 32;
    public static final String DEFAULT_WS_PATH = "ws";

    public ConnectionConfig {
        Objects.requireNonNull(initialTimeout, "initialTimeout");
        Objects.requireNonNull(tlsInitialTimeout, "tlsInitialTimeout");
        Objects.requireNonNull(inactivityTimeout, "inactivityTimeout");
        if (initialTimeout.isNegative() || initialTimeout.isZero() || inactivityTimeout.isNegative() || inactivityTimeout.isZero()) {
            throw new IllegalArgumentException("connection timeouts must be positive");
        }
        maxConnections = Map.copyOf(maxConnections);
        while (wsPath.endsWith("/")) {
            wsPath = wsPath.substring(0, wsPath.length() - 1);
        }
        while (wsPath.startsWith("/")) {
            wsPath = wsPath.substring(1);
        }
        Objects.requireNonNull(serverTls, "serverTls");
        Objects.requireNonNull(clientTls, "clientTls");
        Objects.requireNonNull(limits, "limits");
    }

    public static ConnectionConfig defaults() {
        Map<ProtocolType, Integer> max = new EnumMap<>(ProtocolType.class);
        max.put(ProtocolType.TCP, DEFAULT_MAX_CONNECTIONS);
        max.put(ProtocolType.WS, DEFAULT_MAX_CONNECTIONS);
        max.put(ProtocolType.WSS, DEFAULT_MAX_CONNECTIONS);
        return new ConnectionConfig(DEFAULT_INITIAL_TIMEOUT, DEFAULT_INITIAL_TIMEOUT, DEFAULT_INACTIVITY_TIMEOUT, max,
                DEFAULT_WS_PATH, Optional.empty(), Optional.empty());
    }

    public ConnectionConfig withMaxConnections(ProtocolType protocol, int max) {
        Map<ProtocolType, Integer> changed = new EnumMap<>(maxConnections);
        changed.put(protocol, max);
        return new ConnectionConfig(initialTimeout, tlsInitialTimeout, inactivityTimeout, changed, wsPath, serverTls, clientTls, limits);
    }

    public ConnectionConfig withInactivityTimeout(Duration timeout) {
        return new ConnectionConfig(initialTimeout, tlsInitialTimeout, timeout, maxConnections, wsPath, serverTls, clientTls, limits);
    }

    public ConnectionConfig withLimits(Limits changed) {
        return new ConnectionConfig(initialTimeout, tlsInitialTimeout, inactivityTimeout, maxConnections, wsPath, serverTls, clientTls, changed);
    }

    public ConnectionConfig withTls(Optional<SslContext> server, Optional<SslContext> client) {
        return new ConnectionConfig(initialTimeout, tlsInitialTimeout, inactivityTimeout, maxConnections, wsPath, server, client, limits);
    }
}
