package io.veilflux.rpc.tasks;

import io.veilflux.crypto.CryptoKind;
import io.veilflux.routing.Capability;
import io.veilflux.routing.LiveEntryCounts;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingTable;
import io.veilflux.rpc.FindPeers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Veilid's peer minimum refresh ({@code tasks/peer_minimum_refresh.rs}): with some but too few
 * PublicInternet connectivity peers of a kind, the fastest of them not questioned lately are asked
 * for the nodes closest to us, before we trouble the bootstrap servers again.
 */
final class PeerMinimumRefresh {
    private static final Logger LOG = LoggerFactory.getLogger(PeerMinimumRefresh.class);

    private final RoutingTable routingTable;
    private final FindPeers findPeers;
    private final int minPeerCount;
    private final long minPeerRefreshTimeMicros;

    /**
     * @param minPeerCount {@code dht.min_peer_count}
     * @param minPeerRefreshTime {@code dht.min_peer_refresh_time_ms}
     */
    PeerMinimumRefresh(RoutingTable routingTable, FindPeers findPeers, int minPeerCount, Duration minPeerRefreshTime) {
        this.routingTable = routingTable;
        this.findPeers = findPeers;
        this.minPeerCount = minPeerCount;
        this.minPeerRefreshTimeMicros = TimeUnit.NANOSECONDS.toMicros(minPeerRefreshTime.toNanos());
    }

    /** Veilid's tick condition: some kind has fewer than {@code dht.min_peer_count} PublicInternet connectivity peers. */
    boolean isNeeded(LiveEntryCounts counts) {
        return routingTable.identity().order().validKinds().stream()
                .anyMatch(kind -> counts.connectivity(RoutingDomain.PUBLIC_INTERNET, kind) < minPeerCount);
    }

    Mono<Void> run(long now) {
        LiveEntryCounts counts = routingTable.cachedLiveEntryCounts();
        List<Mono<List<NodeRef>>> lookups = new ArrayList<>();
        for (CryptoKind kind : routingTable.identity().order().validKinds()) {
            int count = counts.connectivity(RoutingDomain.PUBLIC_INTERNET, kind);
            // None at all is the bootstrap's job; enough needs nothing.
            if (count == 0 || count > minPeerCount) {
                continue;
            }
            List<NodeRef> fastest = routingTable.findPreferredFastestNodes(minPeerCount,
                    node -> node.nodeIds().containsKind(kind) && hasConnectivity(node) && notQuestionedSince(node, now));
            fastest.forEach(node -> lookups.add(findPeers.reverseFindNode(kind, node, false, Capability.CONNECTIVITY)
                    .onErrorResume(e -> {
                        LOG.debug("peer minimum refresh: reverse find_node to {} failed: {}", node, e.toString());
                        return Mono.empty();
                    })));
        }
        // All at once, results taken fastest node first, as Veilid's ordered futures do.
        return Flux.fromIterable(lookups).flatMapSequential(lookup -> lookup).then();
    }

    private static boolean hasConnectivity(NodeRef node) {
        return node.nodeInfo(RoutingDomain.PUBLIC_INTERNET)
                .map(ni -> ni.hasAllCapabilities(Capability.CONNECTIVITY)).orElse(false);
    }

    private boolean notQuestionedSince(NodeRef node, long now) {
        OptionalLong lastQuestion = node.peerStats().rpcStats().lastQuestionTs();
        return lastQuestion.isEmpty() || Math.max(0, now - lastQuestion.getAsLong()) >= minPeerRefreshTimeMicros;
    }
}
