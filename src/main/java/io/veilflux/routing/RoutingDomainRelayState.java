package io.veilflux.routing;

/**
 * Bookkeeping the relay management keeps per relay: when it was last sent a keepalive ping and
 * last checked for optimisation (microseconds since the Unix epoch).
 */
public record RoutingDomainRelayState(long lastKeepalive, long lastOptimized) {
}
