package io.veilflux.rpc.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.routing.Capability;
import io.veilflux.rpc.Operation;
import io.veilflux.rpc.RpcConfig;
import io.veilflux.rpc.RpcTestNetwork;
import io.veilflux.rpc.RpcTestNetwork.TestNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Veilid's peer minimum refresh (spec routing-rpc §7.2). */
class PeerMinimumRefreshTest {
    private final RpcTestNetwork net = new RpcTestNetwork(RpcConfig.defaults());
    private final TestNode a = net.node(2);
    private final TestNode b = net.node(3);
    private final TestNode c = net.node(4);

    private PeerMinimumRefresh refresh(int minPeerCount) {
        return new PeerMinimumRefresh(a.routingTable, a.findPeers, minPeerCount, Duration.ofMillis(60_000));
    }

    private void run(PeerMinimumRefresh refresh) {
        a.routingTable.refreshLiveEntryCounts();
        refresh.run(net.clock.now(TimeUnit.MICROSECONDS)).block();
    }

    private long asked(TestNode node) {
        return Ops.count(a.sentTo(node), op -> Ops.isFindNode(op, a.id));
    }

    @Test
    void withSomeButTooFewPeersEachIsAskedForOurNeighboursOncePerRefreshTime() {
        a.knows(b);
        a.knows(c);
        TestNode plain = net.node(5, List.of(Capability.APPM));
        a.knows(plain);
        PeerMinimumRefresh refresh = refresh(20);
        run(refresh);

        assertThat(asked(b)).isOne();
        assertThat(asked(c)).isOne();
        assertThat(asked(plain)).as("no connectivity capabilities").isZero();
        assertThat(Ops.findNode(a.sentTo(b).get(0)))
                .contains(new Operation.FindNodeQ(a.id, Capability.CONNECTIVITY));

        net.clock.advanceTimeBy(Duration.ofMillis(59_999));
        run(refresh);
        assertThat(asked(b)).as("questioned within min_peer_refresh_time").isOne();
        net.clock.advanceTimeBy(Duration.ofMillis(1));
        run(refresh);
        assertThat(asked(b)).isEqualTo(2);
        assertThat(asked(c)).isEqualTo(2);
    }

    @Test
    void noPeersIsTheBootstrapsBusinessAndMoreThanTheMinimumNeedsNothing() {
        run(refresh(20));
        assertThat(a.sent).isEmpty();

        a.knows(b);
        a.knows(c);
        run(refresh(1));
        assertThat(a.sent).as("2 > 1").isEmpty();
        run(refresh(2));
        assertThat(asked(b)).as("2 is not more than 2").isOne();
    }

    @Test
    void itIsNeededWhileAKindHasFewerThanTheMinimum() {
        a.knows(b);
        assertThat(refresh(2).isNeeded(a.routingTable.refreshLiveEntryCounts())).isTrue();
        a.knows(c);
        assertThat(refresh(2).isNeeded(a.routingTable.refreshLiveEntryCounts())).isFalse();
    }
}
