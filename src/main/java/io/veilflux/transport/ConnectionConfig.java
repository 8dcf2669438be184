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
                               Optional<SslContext> serverTls, Optional<SslContext> clientTls) {
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
        return new ConnectionConfig(initialTimeout, tlsInitialTimeout, inactivityTimeout, changed, wsPath, serverTls, clientTls);
    }

    public ConnectionConfig withInactivityTimeout(Duration timeout) {
        return new ConnectionConfig(initialTimeout, tlsInitialTimeout, timeout, maxConnections, wsPath, serverTls, clientTls);
    }

    public ConnectionConfig withTls(Optional<SslContext> server, Optional<SslContext> client) {
        return new ConnectionConfig(initialTimeout, tlsInitialTimeout, inactivityTimeout, maxConnections, wsPath, server, client);
    }
}
