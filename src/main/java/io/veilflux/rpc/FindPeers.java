package io.veilflux.rpc;

import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.net.NetworkResult;
import io.veilflux.net.Sequencing;
import io.veilflux.routing.FilteredNodeRef;
import io.veilflux.routing.FourCc;
import io.veilflux.routing.HashCoordinate;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingTable;
import io.veilflux.routing.RoutingTableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Finding nodes through FindNode: Veilid's routing-table helpers ({@code find_nodes_close_to_*},
 * {@code reverse_find_node}), which register every peer they hear of, and {@code resolve_node}.
 * Each question carries our peer info while the target has not seen it, so these calls also
 * announce us.
 */
public final class FindPeers {
    private static final Logger LOG = LoggerFactory.getLogger(FindPeers.class);

    private final RpcProcessor rpc;
    private final RoutingTable routingTable;
    private final Scheduler clock;

    public FindPeers(RpcProcessor rpc, RoutingTable routingTable, Scheduler clock) {
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        this.routingTable = Objects.requireNonNull(routingTable, "routingTable");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Asks {@code node} for the peers closest to {@code nodeId} and registers each (ourselves excepted). */
    public Mono<NetworkResult<List<NodeRef>>> findNodesCloseToNodeId(FilteredNodeRef node, NodeId nodeId,
                                                                     List<FourCc> capabilities) {
        return rpc.rpcCallFindNode(Destination.direct(node), nodeId, capabilities)
                .map(result -> result.map(answer -> register(answer.value())));
    }

    /** Asks {@code node} for its own id, which is how bootstrap learns its signed peer info. */
    public Mono<NetworkResult<List<NodeRef>>> findNodesCloseToNodeRef(CryptoKind kind, FilteredNodeRef node,
                                                                      List<FourCc> capabilities) {
        Optional<NodeId> id = node.nodeIds().get(kind);
        if (id.isEmpty()) {
            return Mono.just(new NetworkResult.NoConnection<>("node " + node + " has no " + kind + " id"));
        }
        return findNodesCloseToNodeId(node, id.get(), capabilities);
    }

    /**
     * Veilid's {@code reverse_find_node}: asks {@code node} (and, when {@code wide}, every peer it
     * names) for the peers closest to us, preferring ordered protocols.
     */
    public Mono<List<NodeRef>> reverseFindNode(CryptoKind kind, NodeRef node, boolean wide, List<FourCc> capabilities) {
        NodeId own = routingTable.identity().nodeId(kind);
        return findNodesCloseToNodeId(node.sequencingFiltered(Sequencing.PREFER_ORDERED), own, capabilities)
                .flatMap(result -> {
                    if (!(result instanceof NetworkResult.Value<List<NodeRef>> v)) {
                        LOG.debug("reverse find_node to {} ended with {}", node, result);
                        return Mono.just(List.<NodeRef>of());
                    }
                    if (!wide) {
                        return Mono.just(v.value());
                    }
                    return Flux.fromIterable(v.value())
                            .flatMap(peer -> findNodesCloseToNodeId(peer.sequencingFiltered(Sequencing.PREFER_ORDERED),
                                    own, capabilities))
                            .then(Mono.just(v.value()));
                });
    }

    /**
     * Veilid's {@code resolve_node}: the node if the routing table already has it alive with dial
     * info, else an iterative FindNode search towards it over PublicInternet ({@code
     * dht.resolve_node_fanout} questions at a time, up to {@code dht.resolve_node_timeout_ms}), then
     * whatever entry we have.
     */
    public Mono<Optional<NodeRef>> resolveNode(NodeId nodeId, Sequencing sequencing) {
        return Mono.defer(() -> {
            if (routingTable.identity().matchesOwnNodeId(List.of(nodeId))) {
                return Mono.error(new IllegalArgumentException("can't resolve our own node id " + nodeId));
            }
            if (lookup(nodeId).filter(FindPeers::usable).isPresent()) {
                return Mono.just(lookup(nodeId));
            }
            Set<NodeRef> asked = ConcurrentHashMap.newKeySet();
            RpcConfig config = rpc.config();
            return searchRound(nodeId, sequencing, asked, config)
                    .timeout(config.resolveNodeTimeout(), Mono.empty(), clock)
                    .then(Mono.fromCallable(() -> lookup(nodeId)));
        });
    }

    private Mono<Void> searchRound(NodeId nodeId, Sequencing sequencing, Set<NodeRef> asked, RpcConfig config) {
        return Mono.defer(() -> {
            if (lookup(nodeId).filter(FindPeers::usable).isPresent()) {
                return Mono.empty();
            }
            List<NodeRef> next = new ArrayList<>();
            for (NodeRef candidate : routingTable.findPreferredClosestNodes(config.maxFindNodeCount(),
                    HashCoordinate.of(nodeId), n -> n.peerInfo(RoutingDomain.PUBLIC_INTERNET).isPresent())) {
                if (next.size() < config.resolveNodeFanout() && asked.add(candidate)) {
                    next.add(candidate);
                }
            }
            if (next.isEmpty()) {
                return Mono.empty();
            }
            return Flux.fromIterable(next)
                    .flatMap(n -> findNodesCloseToNodeId(n.sequencingFiltered(sequencing), nodeId, List.of()),
                            config.resolveNodeFanout())
                    .then(searchRound(nodeId, sequencing, asked, config));
        });
    }

    private Optional<NodeRef> lookup(NodeId nodeId) {
        return routingTable.lookupNodeId(nodeId);
    }

    private static boolean usable(NodeRef node) {
        return node.isAlive() && node.hasAnyDialInfo();
    }

    private List<NodeRef> register(List<ValidatedPeerInfo> peers) {
        List<NodeRef> registered = new ArrayList<>(peers.size());
        for (ValidatedPeerInfo peer : peers) {
            if (routingTable.identity().matchesOwnNodeId(peer.nodeIds())) {
                continue;
            }
            try {
                registered.add(routingTable.registerNodeWithPeerInfo(peer.peerInfo(), peer.routingDomain(), false)
                        .nodeRef().unfiltered());
            } catch (RoutingTableException e) {
                LOG.debug("couldn't register peer {} from find_node: {}", peer.nodeIds(), e.getMessage());
            }
        }
        return registered;
    }
}
