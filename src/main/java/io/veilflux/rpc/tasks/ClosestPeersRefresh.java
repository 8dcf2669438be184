package io.veilflux.rpc.tasks;

import io.veilflux.crypto.CryptoKind;
import io.veilflux.routing.Capability;
import io.veilflux.routing.HashCoordinate;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingTable;
import io.veilflux.rpc.FindPeers;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Veilid's closest peers refresh ({@code tasks/closest_peers_refresh.rs}): our closest DHT-capable
 * PublicInternet peers are asked for the nodes closest to us, which keeps our neighbourhood full.
 */
final class ClosestPeersRefresh {
    /** Veilid's {@code CLOSEST_PEERS_REQUEST_COUNT}: closest peers asked at once. */
    static final int CLOSEST_PEERS_REQUEST_COUNT = 5;

    private static final Logger LOG = LoggerFactory.getLogger(ClosestPeersRefresh.class);

    private final RoutingTable routingTable;
    private final FindPeers findPeers;

    ClosestPeersRefresh(RoutingTable routingTable, FindPeers findPeers) {
        this.routingTable = routingTable;
        this.findPeers = findPeers;
    }

    Mono<Void> run() {
        List<Mono<List<NodeRef>>> lookups = new ArrayList<>();
        for (CryptoKind kind : routingTable.identity().order().validKinds()) {
            HashCoordinate us = HashCoordinate.of(routingTable.identity().nodeId(kind));
            List<NodeRef> closest = routingTable.findPreferredClosestNodes(CLOSEST_PEERS_REQUEST_COUNT, us,
                    node -> node.nodeInfo(RoutingDomain.PUBLIC_INTERNET)
                            .map(ni -> ni.hasAllCapabilities(Capability.DISTANCE_METRIC)).orElse(false));
            closest.forEach(node -> lookups.add(findPeers.reverseFindNode(kind, node, false, Capability.DISTANCE_METRIC)
                    .onErrorResume(e -> {
                        LOG.debug("closest peers refresh: reverse find_node to {} failed: {}", node, e.toString());
                        return Mono.empty();
                    })));
        }
        return Flux.fromIterable(lookups).flatMap(lookup -> lookup).then();
    }
}
