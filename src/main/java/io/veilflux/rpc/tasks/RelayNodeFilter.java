package io.veilflux.rpc.tasks;

import io.veilflux.crypto.NodeId;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.routing.Capability;
import io.veilflux.routing.NodeInfo;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingDomainDetail;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Veilid's {@code make_public_internet_relay_node_filter}: which nodes may relay for us in
 * PublicInternet, judged against our current peer info and outbound filter there.
 */
final class RelayNodeFilter {
    private RelayNodeFilter() {
    }

    /**
     * A node passes when it has no LocalNetwork peer info, a best id, no failed sends, a
     * PublicInternet peer info; does not relay through us; offers RLAY; speaks all our envelope
     * versions; has a dial info needing no signal that we can reach; and is not on our IP block.
     *
     * @param ip6PrefixSize IPv6 prefix bits of an IP block
     */
    static Predicate<NodeRef> publicInternet(RoutingDomainDetail publicInternet, int ip6PrefixSize) {
        DialInfoFilter outbound = publicInternet.outboundDialInfoFilter();
        NodeInfo own = publicInternet.currentPeerInfo().nodeInfo();
        List<NodeId> ownIds = own.nodeIds();
        return node -> {
            if (node.nodeInfo(RoutingDomain.LOCAL_NETWORK).isPresent() || node.bestNodeId().isEmpty()
                    || node.peerStats().rpcStats().failedToSend() > 0) {
                return false;
            }
            Optional<NodeInfo> found = node.nodeInfo(RoutingDomain.PUBLIC_INTERNET);
            if (found.isEmpty()) {
                return false;
            }
            NodeInfo peer = found.get();
            return peer.relayIds().stream().noneMatch(ownIds::contains)
                    && peer.hasCapability(Capability.RLAY)
                    && peer.envelopeSupport().containsAll(own.envelopeSupport())
                    && peer.dialInfoDetailList().stream()
                            .anyMatch(d -> !d.dialInfoClass().requiresSignal() && outbound.matches(d.dialInfo()))
                    && !own.isOnSameIpBlock(peer, ip6PrefixSize);
        };
    }
}
