package io.veilflux.cli.demo;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.node.LoopbackNetwork;
import io.veilflux.node.VeilfluxNode;
import io.veilflux.routing.RoutingDomain;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's network: a bootstrap node that also relays for a client, public nodes, nodes behind a
 * simulated NAT (one of them TCP only), and a UDP-only client that sends through its outbound
 * relay, so that every contact method is needed somewhere.
 */
final class DemoNetwork implements AutoCloseable {
    /** What a node of the demo is. */
    enum Role {
        BOOTSTRAP("bootstrap + relay"),
        PUBLIC("public"),
        NATED("behind NAT"),
        NATED_TCP_ONLY("behind NAT, TCP only"),
        UDP_CLIENT("UDP-only client, outbound relay");

        final String label;

        Role(String label) {
            this.label = label;
        }
    }

    /** The smallest network with every role. */
    static final int MIN_NODES = 5;

    private final LoopbackNetwork network;
    private final List<Role> roles;
    private final List<SimpleMeterRegistry> registries;

    private DemoNetwork(LoopbackNetwork network, List<Role> roles, List<SimpleMeterRegistry> registries) {
        this.network = network;
        this.roles = roles;
        this.registries = registries;
    }

    /**
     * Roles for {@code count} nodes: one bootstrap node, one TCP-only NATed node and one client; the
     * rest alternate NATed and public, NATed first, so that two UDP nodes behind NATs need a hole punch.
     */
    static List<Role> roles(int count) {
        if (count < MIN_NODES) {
            throw new IllegalArgumentException("the demo needs at least " + MIN_NODES + " nodes (one of each role), not "
                    + count);
        }
        List<Role> roles = new ArrayList<>();
        roles.add(Role.BOOTSTRAP);
        int rest = count - 3;
        for (int i = 0; i < rest; i++) {
            roles.add(i % 2 == 0 ? Role.NATED : Role.PUBLIC);
        }
        roles.add(Role.NATED_TCP_ONLY);
        roles.add(Role.UDP_CLIENT);
        return roles;
    }

    static DemoNetwork start(int count) {
        List<Role> roles = roles(count);
        KeyPair client = Crypto.standard().best().generateKeyPair();
        NodeId clientId = NodeId.fromPublicKey(client.key());
        KeyPair bootstrap = Crypto.standard().best().generateKeyPair();
        NodeId relayId = NodeId.fromPublicKey(bootstrap.key());
        List<SimpleMeterRegistry> registries = new ArrayList<>();
        LoopbackNetwork network = LoopbackNetwork.start(count, (builder, index) -> {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            registries.add(registry);
            builder.meterRegistry(registry);
            switch (roles.get(index)) {
                case BOOTSTRAP -> builder.nodeKeyPair(bootstrap).set("veilflux.relay_client_allowlist", clientId.toString());
                case PUBLIC -> { }
                case NATED -> builder.set("veilflux.nat", "port-restricted");
                case NATED_TCP_ONLY -> builder.set("veilflux.nat", "port-restricted")
                        .set("network.protocol.udp.enabled", "false");
                case UDP_CLIENT -> builder.nodeKeyPair(client).set("veilflux.outbound_relay", relayId.toString())
                        .set("network.protocol.tcp.connect", "false").set("network.protocol.tcp.listen", "false")
                        .set("network.protocol.ws.connect", "false").set("network.protocol.ws.listen", "false");
            }
        });
        return new DemoNetwork(network, roles, registries);
    }

    List<VeilfluxNode> nodes() {
        return network.nodes();
    }

    Role role(int index) {
        return roles.get(index);
    }

    SimpleMeterRegistry registry(int index) {
        return registries.get(index);
    }

    /** Whether every node behind the NAT publishes a relay and everyone knows everyone's published peer info. */
    boolean settled() {
        for (int i = 0; i < nodes().size(); i++) {
            boolean nated = role(i) == Role.NATED || role(i) == Role.NATED_TCP_ONLY;
            if (nated && relays(i) == 0) {
                return false;
            }
        }
        return knownPairs() == nodes().size() * (nodes().size() - 1);
    }

    int relays(int index) {
        return nodes().get(index).networkManager().routingDomains().detail(RoutingDomain.PUBLIC_INTERNET)
                .publishedPeerInfo().map(p -> p.nodeInfo().relayInfoList().size()).orElse(0);
    }

    /** Ordered pairs (a, b) where a's routing table holds b's current published peer info. */
    int knownPairs() {
        int known = 0;
        for (VeilfluxNode a : nodes()) {
            for (VeilfluxNode b : nodes()) {
                if (a != b && knowsCurrent(a, b)) {
                    known++;
                }
            }
        }
        return known;
    }

    private static boolean knowsCurrent(VeilfluxNode a, VeilfluxNode b) {
        var published = b.networkManager().routingDomains().detail(RoutingDomain.PUBLIC_INTERNET).publishedPeerInfo();
        return published.isPresent() && a.networkManager().routingTable().lookupNodeId(b.nodeId())
                .flatMap(n -> n.peerInfo(RoutingDomain.PUBLIC_INTERNET))
                .map(p -> p.nodeInfo().timestamp() == published.get().nodeInfo().timestamp()).orElse(false);
    }

    @Override
    public void close() {
        network.close();
    }
}
