package io.veilflux.manager;

import io.veilflux.crypto.NodeId;
import io.veilflux.net.DialInfo;
import io.veilflux.routing.LatencyStats;
import io.veilflux.routing.TransferStatsDownUp;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What Veilid's network manager debug command shows, as a value: node-wide transfer rates, the
 * relay workers' latencies, and the contact method cache (size, hits, and sends per method kind),
 * with the node's identity, dial infos and connection and routing table sizes around it.
 * {@link #toString()} prints it as Veilid does.
 *
 * @param sendsByMethod per contact method kind ({@code direct}, {@code signal_reverse}, ...): sends that succeeded and failed
 */
public record NetworkManagerSnapshot(boolean started, List<NodeId> nodeIds, List<DialInfo> dialInfos,
                                     TransferStatsDownUp transfer, Optional<LatencyStats> relayDequeueLatency,
                                     Optional<LatencyStats> relayProcessLatency, int relayQueued, int connections,
                                     int routingTableEntries, long contactMethodCacheSize, long cacheHits,
                                     long cacheLookups, SortedMap<String, Outcomes> sendsByMethod) {
    public NetworkManagerSnapshot {
        nodeIds = List.copyOf(nodeIds);
        dialInfos = List.copyOf(dialInfos);
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(relayDequeueLatency, "relayDequeueLatency");
        Objects.requireNonNull(relayProcessLatency, "relayProcessLatency");
        sendsByMethod = Collections.unmodifiableSortedMap(new TreeMap<>(sendsByMethod));
    }

    /** Sends by one contact method kind. */
    public record Outcomes(long succeeded, long failed) {
        long total() {
            return succeeded + failed;
        }
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append("Transfer stats:\n  ").append(transfer).append('\n');
        out.append("Relay Worker Dequeue Latency:\n  ").append(latency(relayDequeueLatency)).append('\n');
        out.append("Relay Worker Process Latency:\n  ").append(latency(relayProcessLatency)).append('\n');
        out.append("Node Contact Method Cache\n-------------------------\n");
        out.append("Cache size: ").append(contactMethodCacheSize).append('\n');
        out.append("Cache hits: ").append(ratio(cacheHits, cacheLookups)).append('\n');
        out.append("Contact methods:\n");
        for (Map.Entry<String, Outcomes> kind : sendsByMethod.entrySet()) {
            out.append("  ").append(kind.getKey()).append(": ")
                    .append(ratio(kind.getValue().succeeded(), kind.getValue().total())).append('\n');
        }
        return out.toString();
    }

    private static String latency(Optional<LatencyStats> stats) {
        return stats.map(LatencyStats::toString).orElse("(no samples)");
    }

    /** Veilid's {@code hit/total pct%} with two decimals. */
    private static String ratio(long part, long total) {
        double pct = total == 0 ? 0 : 100.0 * part / total;
        return part + "/" + total + " " + String.format(Locale.ROOT, "%.2f", pct) + "%";
    }
}
