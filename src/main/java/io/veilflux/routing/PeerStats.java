package io.veilflux.routing;

import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of what we know about a peer's behaviour: when it entered the table, its RPC
 * statistics and, once an answer arrived, its round-trip latencies.
 *
 * @param timeAdded microseconds, when its routing table entry was created
 */
public record PeerStats(long timeAdded, RpcStats rpcStats, Optional<LatencyStats> latency) {
    public PeerStats {
        Objects.requireNonNull(rpcStats, "rpcStats");
        Objects.requireNonNull(latency, "latency");
    }
}
