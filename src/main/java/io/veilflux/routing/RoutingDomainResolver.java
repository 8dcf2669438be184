package io.veilflux.routing;

import io.veilflux.crypto.NodeId;
import io.veilflux.net.Address;
import io.veilflux.net.Flow;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the routing table needs of the routing domains: which domain an address, a flow or a
 * received node info belongs to (spec routing-rpc §3.1, §3.3), and the news that a node's peer
 * info changed, on which our own peer info may depend.
 */
public interface RoutingDomainResolver {
    /** The first domain (LocalNetwork, then PublicInternet) that can contain {@code address}. */
    Optional<RoutingDomain> forAddress(Address address);

    /** Veilid's {@code routing_domain_for_flow}. */
    Optional<RoutingDomain> forFlow(Flow flow);

    /** Veilid's {@code get_node_info_routing_domains}: where every dial info of the node and its relays is valid. */
    Set<RoutingDomain> nodeInfoDomains(NodeInfo nodeInfo);

    /** Veilid's {@code find_best_node_info_routing_domain} for a node info that arrived on {@code origin}. */
    Optional<RoutingDomain> bestNodeInfoDomain(RoutingDomain origin, NodeInfo nodeInfo);

    /**
     * Veilid's {@code on_entry_peer_info_updated}: the node known by {@code nodeIds} (its old and
     * new ids) has a new or changed {@code peerInfo} in {@code rd}. If it is one of our relays
     * there, our peer info names it and must be rebuilt and republished. Called outside the
     * routing table's lock.
     */
    void peerInfoUpdated(RoutingDomain rd, List<NodeId> nodeIds, PeerInfo peerInfo);
}
