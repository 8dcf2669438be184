package io.veilflux.routing;

import io.veilflux.crypto.NodeId;
import io.veilflux.net.Address;
import io.veilflux.net.Flow;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A stand-in for the routing domains: private addresses are LocalNetwork, global ones
 * PublicInternet; it has no relays, so peer info news concern it not, but are kept for tests.
 */
final class TestResolver implements RoutingDomainResolver {
    /** One {@link #peerInfoUpdated} call. */
    record Update(RoutingDomain rd, List<NodeId> nodeIds, PeerInfo peerInfo) {
    }

    final List<Update> updates = new CopyOnWriteArrayList<>();

    @Override
    public Optional<RoutingDomain> forAddress(Address address) {
        if (address.isLocal()) {
            return Optional.of(RoutingDomain.LOCAL_NETWORK);
        }
        return address.isGlobal() ? Optional.of(RoutingDomain.PUBLIC_INTERNET) : Optional.empty();
    }

    @Override
    public Optional<RoutingDomain> forFlow(Flow flow) {
        return forAddress(flow.remote().socketAddress().address());
    }

    @Override
    public Set<RoutingDomain> nodeInfoDomains(NodeInfo nodeInfo) {
        List<DialInfoDetail> all = Stream.concat(nodeInfo.dialInfoDetailList().stream(),
                nodeInfo.relayInfoList().stream().flatMap(r -> r.dialInfoDetailList().stream())).toList();
        Set<RoutingDomain> out = EnumSet.noneOf(RoutingDomain.class);
        for (RoutingDomain rd : RoutingDomain.values()) {
            if (!all.isEmpty() && all.stream().allMatch(
                    d -> forAddress(d.dialInfo().socketAddress().address()).equals(Optional.of(rd)))) {
                out.add(rd);
            }
        }
        return out;
    }

    @Override
    public Optional<RoutingDomain> bestNodeInfoDomain(RoutingDomain origin, NodeInfo nodeInfo) {
        throw new UnsupportedOperationException("the routing table's entries never ask for it");
    }

    @Override
    public void peerInfoUpdated(RoutingDomain rd, List<NodeId> nodeIds, PeerInfo peerInfo) {
        updates.add(new Update(rd, List.copyOf(nodeIds), peerInfo));
    }
}
