package io.veilflux.rpc.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.NodeId;
import io.veilflux.routing.Capability;
import io.veilflux.routing.HashCoordinate;
import io.veilflux.rpc.Operation;
import io.veilflux.rpc.RpcConfig;
import io.veilflux.rpc.RpcTestNetwork;
import io.veilflux.rpc.RpcTestNetwork.Sent;
import io.veilflux.rpc.RpcTestNetwork.TestNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Veilid's closest peers refresh (spec routing-rpc §7.5). */
class ClosestPeersRefreshTest {
    private final RpcTestNetwork net = new RpcTestNetwork(RpcConfig.defaults());
    private final TestNode a = net.node(2);

    @Test
    void theFiveClosestDhtPeersAreAskedForOurNeighbours() {
        List<NodeId> dht = new ArrayList<>();
        for (int n = 3; n < 10; n++) {
            dht.add(a.knows(net.node(n)).bestNodeId().orElseThrow());
        }
        TestNode noDht = net.node(10, List.of(Capability.RLAY, Capability.SGNL));
        a.knows(noDht);

        new ClosestPeersRefresh(a.routingTable, a.findPeers).run().block();

        HashCoordinate us = HashCoordinate.of(a.id);
        List<NodeId> closest = dht.stream()
                .sorted(Comparator.comparing((NodeId id) -> HashCoordinate.of(id).distance(us)))
                .limit(ClosestPeersRefresh.CLOSEST_PEERS_REQUEST_COUNT).toList();
        List<Sent> asked = a.sent.stream().filter(s -> Ops.findNode(s.operation()).isPresent()).toList();
        assertThat(asked).extracting(Sent::to).containsExactlyInAnyOrderElementsOf(closest);
        assertThat(asked).extracting(s -> Ops.findNode(s.operation()).orElseThrow())
                .containsOnly(new Operation.FindNodeQ(a.id, Capability.DISTANCE_METRIC));
    }
}
