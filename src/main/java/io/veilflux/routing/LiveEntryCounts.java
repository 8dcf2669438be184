package io.veilflux.routing;

import io.veilflux.crypto.CryptoKind;
import java.util.Map;

/**
 * How many live entries (Unreliable or Reliable) with a signed peer info the table holds, per
 * routing domain and crypto kind: with any capabilities, with all {@link Capability#CONNECTIVITY}
 * ones (the bootstrap and peer-minimum decisions), with all {@link Capability#DISTANCE_METRIC} ones.
 */
public record LiveEntryCounts(Map<Key, Integer> anyCapabilities, Map<Key, Integer> connectivityCapabilities,
        Map<Key, Integer> distanceMetricCapabilities) {

    public static final LiveEntryCounts EMPTY = new LiveEntryCounts(Map.of(), Map.of(), Map.of());

    /** A count's domain and kind. */
    public record Key(RoutingDomain routingDomain, CryptoKind kind) {
    }

    public LiveEntryCounts {
        anyCapabilities = Map.copyOf(anyCapabilities);
        connectivityCapabilities = Map.copyOf(connectivityCapabilities);
        distanceMetricCapabilities = Map.copyOf(distanceMetricCapabilities);
    }

    public int any(RoutingDomain rd, CryptoKind kind) {
        return anyCapabilities.getOrDefault(new Key(rd, kind), 0);
    }

    public int connectivity(RoutingDomain rd, CryptoKind kind) {
        return connectivityCapabilities.getOrDefault(new Key(rd, kind), 0);
    }

    public int distanceMetric(RoutingDomain rd, CryptoKind kind) {
        return distanceMetricCapabilities.getOrDefault(new Key(rd, kind), 0);
    }
}
