package io.veilflux.bootstrap;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where bootstrap DNS lookups go: the given servers (tried in turn), or none for the system
 * resolver configuration ({@code /etc/resolv.conf} and its equivalents); and how long to wait for
 * an answer.
 */
public record DnsConfig(List<InetSocketAddress> servers, Duration timeout) {
    /** The wait for one answer, as hickory's default resolver options. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public DnsConfig {
        servers = List.copyOf(servers);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("DNS timeout must be positive, got " + timeout);
        }
    }

    /** The system's resolver configuration with the default timeout. */
    public static DnsConfig system() {
        return new DnsConfig(List.of(), DEFAULT_TIMEOUT);
    }

    /** One server, e.g. a test server on {@code 127.0.0.1:5353}. */
    public static DnsConfig server(InetSocketAddress server, Duration timeout) {
        return new DnsConfig(List.of(server), timeout);
    }
}
