package io.veilflux.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.Bytes;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.Flow;
import io.veilflux.net.NetworkResult;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import io.veilflux.routing.FilteredNodeRef;
import io.veilflux.routing.NodeRefFilter;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RelayKind;
import io.veilflux.routing.RelayStatus;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingDomainRelay;
import io.veilflux.rpc.Destination;
import io.veilflux.transport.ConnectionConfig;
import io.veilflux.transport.ConnectionTable;
import io.veilflux.transport.InboundChannel;
import io.veilflux.transport.NetworkConfig;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * One real network per contact method: nodes on 127.0.0.x, some behind the simulated NAT with a
 * relay, and a message that can only arrive by the method under test. The sender's meters say
 * which method carried it.
 */
class ContactMethodsNetworkTest {
    private static final UnaryOperator<NetworkManagerConfig> NATED =
            c -> c.toBuilder().reachability(DialInfoClass.PORT_RESTRICTED_NAT, true).build();

    private final LoopbackNodes nodes = new LoopbackNodes();

    @AfterEach
    void stop() {
        nodes.close();
    }

    private static void ping(NetworkManager from, NetworkManager to) {
        assertThat(from.rpc().rpcCallStatus(Destination.direct(LoopbackNodes.introduce(from, to))).block(Duration.ofSeconds(10)))
                .isInstanceOf(NetworkResult.Value.class);
    }

    /** {@code node} pings {@code relay} (opening its NAT and giving the relay a flow back) and publishes it as relay. */
    static void useRelay(NetworkManager node, NetworkManager relay, RelayKind kind) {
        ping(node, relay);
        PeerInfo relayInfo = relay.routingDomains().detail(RoutingDomain.PUBLIC_INTERNET).publishedPeerInfo().orElseThrow();
        RoutingDomainRelay candidate = RoutingDomainRelay.candidate(List.of(relay.nodeId()), relayInfo, kind);
        RelayStatus status = node.routingDomains().detail(RoutingDomain.PUBLIC_INTERNET).relayStatus();
        List<RoutingDomainRelay> relays = kind == RelayKind.INBOUND && status.applyRelay(candidate) ? status.relays()
                : List.of(candidate);
        node.routingDomains().edit(RoutingDomain.PUBLIC_INTERNET).setRelays(relays).commit();
        node.routingDomains().edit(RoutingDomain.PUBLIC_INTERNET).publish();
    }

    /** Sends an app message from {@code from} to {@code to} and checks it arrived, carried by {@code method}. */
    private void sendsBy(NetworkManager from, NetworkManager to, String method) {
        sendsBy(from, to, LoopbackNodes.introduce(from, to), method);
    }

    private void sendsBy(NetworkManager from, NetworkManager to, FilteredNodeRef target, String method) {
        StepVerifier.create(to.appMessages().take(1))
                .then(() -> assertThat(from.rpc().rpcCallAppMessage(Destination.direct(target),
                        Bytes.of(new byte[] {42})).block(Duration.ofSeconds(20))).isInstanceOf(NetworkResult.Value.class))
                .assertNext(m -> assertThat(m.sender()).isEqualTo(from.nodeId()))
                .expectComplete()
                .verify(Duration.ofSeconds(20));
        assertThat(nodes.counter(from, ContactMethodCache.SENDS, "method", method, "outcome", "sent"))
                .as("sent by " + method + "; " + from.snapshot()).isEqualTo(1);
    }

    @Test
    void signalReverseAsksANatedNodeToConnectBack() {
        NetworkManager relay = nodes.start(2);
        NetworkManager a = nodes.start(3);
        NetworkManager b = nodes.start(4, NATED);
        useRelay(b, relay, RelayKind.INBOUND);
        // As in Veilid, b records the relay's flow as a's last flow and answers over it, so the relay
        // must know a to pass the receipt on: in a real network a has talked to it before.
        ping(a, relay);
        sendsBy(a, b, "signal_reverse");
        assertThat(nodes.counter(a, NetworkManagerMeters.RECEIPTS, "event", "returned_in_band")).isEqualTo(1);
        assertThat(nodes.counter(relay, "veilflux.net.relay.enqueued", "kind", "inbound"))
                .as("the signal, the receipt, and the message over the flow the receipt came in on").isEqualTo(3);
    }

    @Test
    void signalHolePunchGetsTwoNatedNodesTalking() {
        NetworkManager relay = nodes.start(2);
        NetworkManager a = nodes.start(3, NATED);
        NetworkManager b = nodes.start(4, NATED);
        useRelay(a, relay, RelayKind.INBOUND);
        useRelay(b, relay, RelayKind.INBOUND);
        sendsBy(a, b, "signal_hole_punch");
        assertThat(nodes.counter(a, NetworkManagerMeters.RECEIPTS, "event", "returned_in_band")).isEqualTo(1);
        assertThat(nodes.counter(a, NetworkManagerMeters.SIGNALS, "method", "signal_hole_punch",
                "receipt", "returned_in_band")).isEqualTo(1);
    }

    @Test
    void inboundRelayCarriesWhatNoSignalCan() {
        NetworkManager relay = nodes.start(2);
        NetworkManager a = nodes.start(3, NATED);
        NetworkManager b = nodes.start(4, c -> NATED.apply(c).toBuilder().network(only(false, "127.0.0.4")).build());
        useRelay(a, relay, RelayKind.INBOUND);
        useRelay(b, relay, RelayKind.INBOUND);
        sendsBy(a, b, "inbound_relay");
        assertThat(nodes.counter(relay, "veilflux.net.relay.enqueued", "kind", "inbound")).isEqualTo(1);
    }

    @Test
    void existingIsHowARelayReachesTheNodeItRelaysFor() {
        NetworkManager relay = nodes.start(2);
        NetworkManager b = nodes.start(4, NATED);
        useRelay(b, relay, RelayKind.INBOUND);
        sendsBy(relay, b, "existing");
    }

    @Test
    void aRelayKeepsItsOrderedFlowToANodeItRelaysForAmongThePriorityFlows() {
        NetworkManager relay = nodes.start(2);
        NetworkManager b = nodes.start(4, NATED);
        NodeRefFilter tcp = NodeRefFilter.all().withProtocolType(ProtocolType.TCP);
        // b opens a TCP flow to the relay before naming it as its relay, so receiving on it marks nothing.
        assertThat(b.rpc().rpcCallStatus(Destination.direct(LoopbackNodes.introduce(b, relay).unfiltered().customFiltered(tcp)))
                .block(Duration.ofSeconds(10))).isInstanceOf(NetworkResult.Value.class);
        useRelay(b, relay, RelayKind.INBOUND);
        FilteredNodeRef bByTcp = LoopbackNodes.introduce(relay, b).unfiltered().customFiltered(tcp);
        Flow flow = bByTcp.lastFlow().orElseThrow();
        ConnectionTable table = relay.network().orElseThrow().connections().table();
        assertThat(table.isPriorityFlow(flow)).isFalse();

        sendsBy(relay, b, bByTcp, "existing");
        assertThat(table.isPriorityFlow(flow)).as("sending to a node we relay for marks its ordered flow").isTrue();
    }

    @Test
    void outboundRelaySendsForAnAllowListedClient() {
        // The client speaks only UDP and the target only TCP: only the relay, which speaks both, connects them.
        NetworkManager client = nodes.start(3, c -> c.toBuilder().network(only(true, "127.0.0.3")).build());
        NetworkManager relay = nodes.start(2, c -> c.toBuilder().relayClients(List.of(client.nodeId())).build());
        NetworkManager b = nodes.start(4, c -> c.toBuilder().network(only(false, "127.0.0.4")).build());
        LoopbackNodes.introduce(relay, b);
        useRelay(client, relay, RelayKind.OUTBOUND);
        sendsBy(client, b, "outbound_relay");
        assertThat(nodes.counter(relay, "veilflux.net.relay.enqueued", "kind", "outbound")).isEqualTo(1);
    }

    private static NetworkConfig only(boolean udp, String host) {
        List<SocketAddress> address = List.of(SocketAddress.parse(host + ":0"));
        return new NetworkConfig(udp ? address : List.of(), udp ? List.of() : address, ConnectionConfig.defaults(),
                InboundChannel.DEFAULT_CAPACITY);
    }
}
