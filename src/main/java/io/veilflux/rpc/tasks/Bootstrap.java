package io.veilflux.rpc.tasks;

import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.net.DialInfo;
import io.veilflux.net.Sequencing;
import io.veilflux.routing.Capability;
import io.veilflux.routing.FilteredNodeRef;
import io.veilflux.routing.LiveEntryCounts;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingDomains;
import io.veilflux.routing.RoutingTable;
import io.veilflux.routing.RoutingTableException;
import io.veilflux.rpc.FindPeers;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Veilid's bootstrap task ({@code tasks/bootstrap.rs}) with the network manager's
 * {@code bootstrap_with_peer_list}: the peers the network manager collected from the bootstraps
 * are registered (unsigned peer info allowed), asked for their own signed peer info, then asked
 * for the nodes closest to us, and each answer is asked again. Those that answered are remembered
 * as the domain's bootstrap peers.
 */
final class Bootstrap {
    /** Veilid's {@code MIN_BOOTSTRAP_CONNECTIVITY_PEERS}: fewer live connectivity peers of a kind and we bootstrap. */
    static final int MIN_BOOTSTRAP_CONNECTIVITY_PEERS = 4;
    /** Veilid's {@code BOOTSTRAP_ROUTING_DOMAINS}. */
    static final List<RoutingDomain> BOOTSTRAP_ROUTING_DOMAINS = List.of(RoutingDomain.PUBLIC_INTERNET);

    private static final Logger LOG = LoggerFactory.getLogger(Bootstrap.class);

    private final RoutingTable routingTable;
    private final RoutingDomains domains;
    private final FindPeers findPeers;
    private final RoutingTaskNetwork network;
    private final RoutingTaskMeters meters;

    Bootstrap(RoutingTable routingTable, RoutingDomains domains, FindPeers findPeers, RoutingTaskNetwork network,
              RoutingTaskMeters meters) {
        this.routingTable = routingTable;
        this.domains = domains;
        this.findPeers = findPeers;
        this.network = network;
        this.meters = meters;
    }

    /** Veilid's {@code get_bootstrap_crypto_kinds}: kinds with too few live connectivity peers in a bootstrap domain. */
    List<CryptoKind> cryptoKindsNeedingBootstrap(LiveEntryCounts counts) {
        List<CryptoKind> kinds = new ArrayList<>();
        for (RoutingDomain rd : BOOTSTRAP_ROUTING_DOMAINS) {
            for (CryptoKind kind : routingTable.identity().order().validKinds()) {
                if (counts.connectivity(rd, kind) < MIN_BOOTSTRAP_CONNECTIVITY_PEERS && !kinds.contains(kind)) {
                    kinds.add(kind);
                }
            }
        }
        return kinds;
    }

    Mono<Void> run() {
        return network.bootstrapPeers().flatMap(collected -> {
            List<BootstrapPeer> peers = distinctOthers(collected);
            Set<RoutingDomain> bootstrapped = EnumSet.noneOf(RoutingDomain.class);
            peers.forEach(p -> bootstrapped.add(p.routingDomain()));
            bootstrapped.forEach(rd -> domains.detail(rd).clearBootstrapPeers());
            return bootstrapWithPeerList(peers).doOnNext(valid -> remember(peers, bootstrapped, valid));
        }).then();
    }

    /** The peers in the order given, each node once, ourselves left out. */
    private List<BootstrapPeer> distinctOthers(List<BootstrapPeer> collected) {
        Set<NodeId> seen = new HashSet<>();
        List<BootstrapPeer> out = new ArrayList<>();
        for (BootstrapPeer peer : collected) {
            List<NodeId> ids = peer.nodeIds();
            if (ids.stream().anyMatch(seen::contains)) {
                continue;
            }
            if (routingTable.identity().matchesOwnNodeId(ids)) {
                LOG.debug("ignoring our own node in a bootstrap response");
                continue;
            }
            seen.addAll(ids);
            out.add(peer);
        }
        return out;
    }

    /** The bootstraps that answered become their domain's bootstrap peers, if a bootstrap named them there. */
    private void remember(List<BootstrapPeer> peers, Set<RoutingDomain> bootstrapped, List<NodeRef> valid) {
        if (valid.isEmpty()) {
            LOG.debug("no external bootstrap peers");
            return;
        }
        for (RoutingDomain rd : bootstrapped) {
            Set<NodeId> named = new HashSet<>();
            peers.stream().filter(p -> p.routingDomain() == rd).forEach(p -> named.addAll(p.nodeIds()));
            for (NodeRef node : valid) {
                boolean inDomain = node.peerInfo(rd)
                        .map(pi -> pi.nodeInfo().nodeIds().stream().anyMatch(named::contains)).orElse(false);
                if (inDomain) {
                    node.bestNodeId().ifPresent(domains.detail(rd)::addBootstrapPeer);
                }
            }
        }
    }

    /** Veilid's {@code bootstrap_with_peer_list}: every peer and kind at once; the nodes that answered. */
    private Mono<List<NodeRef>> bootstrapWithPeerList(List<BootstrapPeer> peers) {
        if (peers.isEmpty()) {
            LOG.debug("no peers suitable for bootstrap");
            return Mono.just(List.of());
        }
        List<CryptoKind> kinds = cryptoKindsNeedingBootstrap(routingTable.cachedLiveEntryCounts());
        return Flux.fromIterable(peers)
                .filter(p -> p.nodeIds().stream().anyMatch(id -> kinds.contains(id.kind())))
                .flatMap(p -> bootstrapWithPeer(kinds, p))
                .collectList();
    }

    private Flux<NodeRef> bootstrapWithPeer(List<CryptoKind> kinds, BootstrapPeer peer) {
        FilteredNodeRef registered;
        try {
            registered = routingTable.registerNodeWithPeerInfo(peer.peerInfo(), peer.routingDomain(), true).nodeRef();
        } catch (RoutingTableException e) {
            LOG.warn("failed to register bootstrap peer info of {}: {}", peer.nodeIds(), e.getMessage());
            return Flux.empty();
        }
        LOG.info("attempting bootstrap: {}", peer.nodeIds());
        NodeRef node = registered.unfiltered();
        return Flux.fromIterable(kinds).flatMap(kind -> bootstrapKind(kind, node, peer.routingDomain()));
    }

    private Mono<NodeRef> bootstrapKind(CryptoKind kind, NodeRef node, RoutingDomain rd) {
        FilteredNodeRef preferOrdered = node.sequencingFiltered(Sequencing.PREFER_ORDERED);
        Optional<DialInfo> dialInfo = network.directDialInfo(preferOrdered);
        if (dialInfo.isEmpty()) {
            LOG.debug("no direct contact method to bootstrap {}, ignoring it", node);
            meters.bootstrap("not_direct");
            return Mono.empty();
        }
        // Asking the bootstrap for its own id brings its signed peer info along.
        return findPeers.findNodesCloseToNodeRef(kind, preferOrdered, List.of())
                .onErrorResume(e -> {
                    LOG.debug("find_node to bootstrap {} failed: {}", node, e.toString());
                    return Mono.empty();
                })
                .then(Mono.defer(() -> {
                    if (!node.peerInfoHasValidSignature(rd)) {
                        LOG.info("bootstrap server is not responding for dial info {}", dialInfo.get());
                        network.setDialInfoFailed(dialInfo.get());
                        meters.bootstrap("unanswered");
                        return Mono.empty();
                    }
                    return findPeers.reverseFindNode(kind, node, true, Capability.CONNECTIVITY)
                            .onErrorResume(e -> {
                                LOG.debug("reverse find_node to bootstrap {} failed: {}", node, e.toString());
                                return Mono.empty();
                            })
                            .then(Mono.fromCallable(() -> {
                                LOG.info("bootstrap of {} successful via {}", kind, node);
                                meters.bootstrap("succeeded");
                                return node;
                            }));
                }));
    }
}
