package io.veilflux.node;

import io.veilflux.net.Address;
import io.veilflux.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the {@link MetricsServer} listens and how often its status page reloads itself. It
 * listens on loopback unless told otherwise: metrics and the status page name peers and
 * addresses, which are nobody else's business.
 */
public record MetricsServerConfig(SocketAddress listen, Duration refreshInterval) {
    public static final Address DEFAULT_BIND_ADDRESS = Address.parse("127.0.0.1");
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(5);

    public MetricsServerConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        if (refreshInterval.compareTo(Duration.ofSeconds(1)) < 0 || refreshInterval.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("status page refresh interval " + refreshInterval
                    + " must be a whole number of seconds, at least 1s");
        }
    }

    /** Listens on {@code 127.0.0.1:port} ({@code 0} picks a free port), refreshing every 5 s. */
    public static MetricsServerConfig onPort(int port) {
        return new MetricsServerConfig(new SocketAddress(DEFAULT_BIND_ADDRESS, port), DEFAULT_REFRESH_INTERVAL);
    }

    /** The same port on another address, such as {@code 0.0.0.0} to be scraped from elsewhere. */
    public MetricsServerConfig withBindAddress(Address address) {
        return new MetricsServerConfig(new SocketAddress(address, listen.port()), refreshInterval);
    }

    public MetricsServerConfig withRefreshInterval(Duration interval) {
        return new MetricsServerConfig(listen, interval);
    }
}
