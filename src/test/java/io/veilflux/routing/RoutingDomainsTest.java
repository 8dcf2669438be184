package io.veilflux.routing;

import static io.veilflux.routing.Nodes.direct;
import static io.veilflux.routing.Nodes.inboundRelay;
import static io.veilflux.routing.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.net.Address;
import io.veilflux.net.DialInfo;
import io.veilflux.net.Flow;
import io.veilflux.net.PeerAddress;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/** Which routing domain addresses, flows and received node infos belong to (spec routing-rpc §3.1, §3.3). */
class RoutingDomainsTest {
    private static final RoutingDomain LOCAL = RoutingDomain.LOCAL_NETWORK;
    private static final RoutingDomain PUBLIC = RoutingDomain.PUBLIC_INTERNET;

    private static RoutingDomains domains(AddressClassifier classifier, String... interfaces) {
        RoutingDomains domains = new RoutingDomains(classifier, List.of(Nodes.key(1)), ni -> {
            throw new AssertionError("nothing is signed here");
        }, Schedulers.immediate(), e -> { }, RoutingDomains.DEFAULT_IP6_PREFIX_SIZE);
        List<InterfaceAddress> addresses = Arrays.stream(interfaces).map(InterfaceAddress::parse).toList();
        domains.edit(LOCAL).setInterfaceAddresses(addresses).commit();
        domains.edit(PUBLIC).setInterfaceAddresses(addresses).commit();
        return domains;
    }

    private final RoutingDomains stock = domains(AddressClassifier.standard(), "192.168.1.20/24", "fd00::20/64",
            "1.2.3.4/24", "127.0.0.1/8");
    private final RoutingDomains onLoopback = domains(AddressClassifier.loopbackAsPublic(), "192.168.1.20/24",
            "127.0.0.1/8");

    private static Flow flow(String remote, String local) {
        PeerAddress peer = new PeerAddress(ProtocolType.TCP, SocketAddress.parse(remote));
        return local == null ? new Flow(peer, Optional.empty()) : Flow.of(peer, SocketAddress.parse(local));
    }

    @Test
    void eachDomainKeepsOnlyInterfaceAddressesOfItsKind() {
        assertThat(stock.detail(LOCAL).interfaceAddresses()).containsExactly(
                InterfaceAddress.parse("fd00::20/64"), InterfaceAddress.parse("192.168.1.20/24"));
        assertThat(stock.detail(PUBLIC).interfaceAddresses()).containsExactly(InterfaceAddress.parse("1.2.3.4/24"));
        assertThat(onLoopback.detail(PUBLIC).interfaceAddresses()).containsExactly(InterfaceAddress.parse("127.0.0.1/8"));
    }

    @Test
    void addressesGoToTheFirstDomainThatCanContainThem() {
        assertThat(stock.forAddress(Address.parse("192.168.1.99"))).contains(LOCAL);
        assertThat(stock.forAddress(Address.parse("fd00::99"))).contains(LOCAL);
        assertThat(stock.forAddress(Address.parse("8.8.8.8"))).contains(PUBLIC);
        assertThat(stock.forAddress(Address.parse("10.9.9.9"))).as("local but on no interface network").isEmpty();
        assertThat(stock.forAddress(Address.parse("127.0.0.2"))).as("loopback is in no domain").isEmpty();
        assertThat(stock.forAddress(Address.parse("::1"))).isEmpty();
        assertThat(onLoopback.forAddress(Address.parse("127.0.0.2"))).contains(PUBLIC);
        assertThat(onLoopback.forAddress(Address.parse("192.168.1.99"))).contains(LOCAL);
    }

    @Test
    void aFlowTakesItsRemoteDomainUnlessItsLocalAddressSaysOtherwise() {
        assertThat(stock.forFlow(flow("8.8.8.8:5150", null))).contains(PUBLIC);
        assertThat(stock.forFlow(flow("192.168.1.5:5150", null))).contains(LOCAL);
        assertThat(stock.forFlow(flow("192.168.1.5:5150", "0.0.0.0:5150"))).as("unspecified local").contains(LOCAL);
        assertThat(stock.forFlow(flow("192.168.1.5:5150", "192.168.1.20:5150"))).contains(LOCAL);
        assertThat(stock.forFlow(flow("192.168.1.5:5150", "1.2.3.4:5150"))).contains(PUBLIC);
        assertThat(stock.forFlow(flow("8.8.8.8:5150", "192.168.1.20:5150"))).contains(PUBLIC);
        assertThat(stock.forFlow(flow("8.8.8.8:5150", "1.2.3.4:5150"))).contains(PUBLIC);
        assertThat(stock.forFlow(flow("192.168.1.5:5150", "127.0.0.1:5150"))).as("local in no domain").isEmpty();
        assertThat(stock.forFlow(flow("127.0.0.2:5150", "192.168.1.20:5150"))).as("remote in no domain").isEmpty();
        assertThat(stock.forFlow(flow("127.0.0.3:5150", "127.0.0.2:5150"))).isEmpty();
        assertThat(onLoopback.forFlow(flow("127.0.0.3:5150", "127.0.0.2:5150"))).contains(PUBLIC);
    }

    @Test
    void dialInfoIsValidWhereItsAddressBelongsAndItIsWellFormed() {
        assertThat(stock.ensureDialInfoIsValid(PUBLIC, DialInfo.parse("udp|8.8.8.8:5150"))).isTrue();
        assertThat(stock.ensureDialInfoIsValid(PUBLIC, DialInfo.parse("udp|8.8.8.8:0"))).isFalse();
        assertThat(stock.ensureDialInfoIsValid(PUBLIC, DialInfo.parse("udp|192.168.1.5:5150"))).isFalse();
        assertThat(stock.ensureDialInfoIsValid(LOCAL, DialInfo.parse("udp|192.168.1.5:5150"))).isTrue();
        assertThat(stock.ensureDialInfoIsValid(LOCAL, DialInfo.parse("udp|8.8.8.8:5150"))).isFalse();
        assertThat(stock.ensureDialInfoIsValid(PUBLIC, DialInfo.parse("udp|127.0.0.2:5150"))).isFalse();
        assertThat(onLoopback.ensureDialInfoIsValid(PUBLIC, DialInfo.parse("udp|127.0.0.2:5150"))).isTrue();
    }

    @Test
    void aNodeInfoIsValidWhereAllItsAndItsRelaysDialInfoIs() {
        NodeInfo publicNode = node(2).dial("udp|8.8.8.8:5150").dial("tcp|8.8.8.8:5150").nodeInfo();
        NodeInfo localNode = node(2).dial("udp|192.168.1.5:5150").nodeInfo();
        NodeInfo mixed = node(2).dial("udp|192.168.1.5:5150").dial("udp|8.8.8.8:5150").nodeInfo();
        NodeInfo relayedOnly = node(2).relay(inboundRelay(3, direct("tcp|9.9.9.9:5150"))).nodeInfo();
        NodeInfo localWithPublicRelay = node(2).dial("udp|192.168.1.5:5150")
                .relay(inboundRelay(3, direct("tcp|9.9.9.9:5150"))).nodeInfo();
        NodeInfo nothing = node(2).relay(inboundRelay(3)).nodeInfo();

        assertThat(stock.nodeInfoDomains(publicNode)).containsExactly(PUBLIC);
        assertThat(stock.nodeInfoDomains(localNode)).containsExactly(LOCAL);
        assertThat(stock.nodeInfoDomains(mixed)).isEmpty();
        assertThat(stock.nodeInfoDomains(relayedOnly)).containsExactly(PUBLIC);
        assertThat(stock.nodeInfoDomains(localWithPublicRelay)).isEmpty();
        assertThat(stock.nodeInfoDomains(nothing)).as("at least one dial info is needed").isEmpty();
        assertThat(stock.nodeInfoDomains(node(2).dial("udp|127.0.0.2:5150").nodeInfo())).isEmpty();
        assertThat(onLoopback.nodeInfoDomains(node(2).dial("udp|127.0.0.2:5150").nodeInfo())).containsExactly(PUBLIC);
    }

    @Test
    void theBestDomainMustAcceptTheOriginTheNodeInfoArrivedOn() {
        NodeInfo publicNode = node(2).dial("udp|8.8.8.8:5150").nodeInfo();
        NodeInfo localNode = node(2).dial("udp|192.168.1.5:5150").nodeInfo();
        assertThat(stock.bestNodeInfoDomain(PUBLIC, publicNode)).contains(PUBLIC);
        assertThat(stock.bestNodeInfoDomain(LOCAL, publicNode)).as("PublicInternet accepts LocalNetwork origins").contains(PUBLIC);
        assertThat(stock.bestNodeInfoDomain(LOCAL, localNode)).contains(LOCAL);
        assertThat(stock.bestNodeInfoDomain(PUBLIC, localNode)).as("LocalNetwork accepts only LocalNetwork").isEmpty();
        assertThat(stock.detail(PUBLIC).originRoutingDomains()).isEqualTo(Set.of(LOCAL, PUBLIC));
        assertThat(stock.detail(LOCAL).originRoutingDomains()).isEqualTo(Set.of(LOCAL));
    }

    @Test
    void constructionChecksKeysAndPrefix() {
        assertThatThrownBy(() -> new RoutingDomains(AddressClassifier.standard(), List.of(), ni -> null,
                Schedulers.immediate(), e -> { }, 56)).hasMessageContaining("1 to 3 public keys");
        assertThatThrownBy(() -> new RoutingDomains(AddressClassifier.standard(), List.of(Nodes.key(1)), ni -> null,
                Schedulers.immediate(), e -> { }, 129)).hasMessageContaining("outside 0..128");
    }
}
