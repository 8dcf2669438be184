package io.veilflux.rpc.tasks;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.NodeId;
import io.veilflux.net.AddressType;
import io.veilflux.net.ProtocolType;
import io.veilflux.routing.NodeInfo;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.rpc.RpcTestNetwork;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import reactor.core.scheduler.Scheduler;

/** The routing table tasks of a test node, and bootstrap records of test nodes. */
final class TaskNodes {
    private TaskNodes() {
    }

    static RoutingTableTasks tasks(RpcTestNetwork net, RpcTestNetwork.TestNode node, RoutingTaskNetwork network,
                                   Optional<NodeId> outboundRelay) {
        Scheduler clock = net.clock;
        return new RoutingTableTasks(node.routingTable, node.domains, node.rpc, node.findPeers, network, outboundRelay,
                node.registry, clock);
    }

    /**
     * What a bootstrap record says of {@code node}: its keys and dial info, unsigned, no
     * capabilities, every protocol and address type (Veilid's {@code new_from_unsigned}).
     */
    static BootstrapPeer unsignedRecord(RpcTestNetwork.TestNode node) {
        NodeInfo signed = node.publishedPeerInfo().nodeInfo();
        NodeInfo record = new NodeInfo(0, signed.envelopeSupport(), signed.cryptoInfoList(), List.of(),
                EnumSet.allOf(ProtocolType.class), EnumSet.allOf(AddressType.class), signed.dialInfoDetailList(),
                List.of());
        return new BootstrapPeer(new PeerInfo(Bytes.of(new byte[] {0}), record, List.of()), RoutingDomain.PUBLIC_INTERNET);
    }
}
