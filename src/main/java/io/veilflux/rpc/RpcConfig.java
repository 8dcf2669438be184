package io.veilflux.rpc;

import java.time.Duration;

/**
 * Veilid's {@code network.rpc.*} settings and the {@code network.dht.*} settings the RPC processor
 * and the routing tasks use, with Veilid's defaults ({@link #defaults()}).
 *
 * @param timeout {@code rpc.timeout_ms}: how long a question waits for its answer
 * @param queueSize {@code rpc.queue_size}: received operations that may wait for a worker
 * @param concurrency {@code rpc.concurrency}: workers; 0 means cores × 16
 * @param maxFindNodeCount {@code dht.max_find_node_count}: peers in a FindNode answer
 * @param resolveNodeTimeout {@code dht.resolve_node_timeout_ms}
 * @param resolveNodeCount {@code dht.resolve_node_count}
 * @param resolveNodeFanout {@code dht.resolve_node_fanout}
 * @param minPeerCount {@code dht.min_peer_count}
 * @param minPeerRefreshTime {@code dht.min_peer_refresh_time_ms}
 * @param validateDialInfoReceiptTime {@code dht.validate_dial_info_receipt_time_ms}
 * @param directAppMessages Veilid's {@code footgun} build feature: accept AppMessage and AppCall
 *     sent directly rather than over a private route. Off in Veilid builds; veilflux has no private
 *     routes, so a network of veilflux nodes needs it on to exchange app messages at all.
 */
public record RpcConfig(Duration timeout, int queueSize, int concurrency, int maxFindNodeCount,
                        Duration resolveNodeTimeout, int resolveNodeCount, int resolveNodeFanout, int minPeerCount,
                        Duration minPeerRefreshTime, Duration validateDialInfoReceiptTime,
                        boolean directAppMessages) {

    public RpcConfig {
        positive("rpc.timeout_ms", timeout);
        atLeast("rpc.queue_size", queueSize, 1);
        atLeast("rpc.concurrency", concurrency, 0);
        atLeast("dht.max_find_node_count", maxFindNodeCount, 1);
        positive("dht.resolve_node_timeout_ms", resolveNodeTimeout);
        atLeast("dht.resolve_node_count", resolveNodeCount, 1);
        atLeast("dht.resolve_node_fanout", resolveNodeFanout, 1);
        atLeast("dht.min_peer_count", minPeerCount, 0);
        positive("dht.min_peer_refresh_time_ms", minPeerRefreshTime);
        positive("dht.validate_dial_info_receipt_time_ms", validateDialInfoReceiptTime);
    }

    public static RpcConfig defaults() {
        return new RpcConfig(Duration.ofMillis(5000), 1024, 0, 20, Duration.ofMillis(10_000), 1, 5, 20,
                Duration.ofMillis(60_000), Duration.ofMillis(2000), false);
    }

    public RpcConfig withDirectAppMessages(boolean allowed) {
        return new RpcConfig(timeout, queueSize, concurrency, maxFindNodeCount, resolveNodeTimeout, resolveNodeCount,
                resolveNodeFanout, minPeerCount, minPeerRefreshTime, validateDialInfoReceiptTime, allowed);
    }

    public RpcConfig withTimeout(Duration changed) {
        return new RpcConfig(changed, queueSize, concurrency, maxFindNodeCount, resolveNodeTimeout, resolveNodeCount,
                resolveNodeFanout, minPeerCount, minPeerRefreshTime, validateDialInfoReceiptTime, directAppMessages);
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("network." + key + " must be a positive duration, got " + value);
        }
    }

    private static void atLeast(String key, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("network." + key + " must be at least " + min + ", got " + value);
        }
    }
}
