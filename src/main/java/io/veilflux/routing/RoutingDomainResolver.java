package io.veilflux.routing;

import io.veilflux.net.Address;
import io.veilflux.net.Flow;
import java.util.Optional;
import java.util.Set;

/**
 * Which routing domain an address, a flow or a received node info belongs to: the questions the
 * routing table's entries ask of the routing domains (spec routing-rpc §3.1, §3.3).
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
}
