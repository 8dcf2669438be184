package io.veilflux.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.PublicKey;
import io.veilflux.node.VeilfluxConfig.Network;
import io.veilflux.node.VeilfluxConfig.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The defaults are Veilid's ({@code veilid_config.rs}, 0.5.2, native build), section by section. */
class VeilfluxConfigDefaultsTest {
    private final VeilfluxConfig config = VeilfluxConfig.defaults();
    private final Network network = config.network();

    @Test
    void capabilitiesDisableNothing() {
        assertThat(config.capabilities().disable()).isEmpty();
    }

    @Test
    void networkTopLevel() {
        assertThat(network.connectionInitialTimeout()).isEqualTo(Duration.ofMillis(2000));
        assertThat(network.connectionInactivityTimeout()).isEqualTo(Duration.ofMillis(60_000));
        assertThat(network.maxConnectionsPerIp4()).isEqualTo(32);
        assertThat(network.maxConnectionsPerIp6Prefix()).isEqualTo(32);
        assertThat(network.maxConnectionsPerIp6PrefixSize()).isEqualTo(56);
        assertThat(network.maxConnectionFrequencyPerMin()).isEqualTo(128);
        assertThat(network.clientAllowlistTimeout()).isEqualTo(Duration.ofMillis(300_000));
        assertThat(network.reverseConnectionReceiptTime()).isEqualTo(Duration.ofMillis(5000));
        assertThat(network.holePunchReceiptTime()).isEqualTo(Duration.ofMillis(5000));
        assertThat(network.networkKeyPassword()).isEmpty();
        assertThat(network.upnp()).isTrue();
        assertThat(network.detectAddressChanges()).contains(true);
        assertThat(network.restrictedNatRetries()).isZero();
    }

    @Test
    void routingTableBootstrapsFromVeilidsFoundationWithItsThreeSigningKeys() {
        assertThat(network.routingTable().nodeKeyPair()).isEmpty();
        assertThat(network.routingTable().bootstrap()).containsExactly("bootstrap-v1.veilid.net");
        assertThat(network.routingTable().bootstrapKeys()).extracting(PublicKey::encode).containsExactly(
                "VLD0:Vj0lKDdUQXmQ5Ol1SZdlvXkBHUccBcQvGLN9vbLSI7k",
                "VLD0:QeQJorqbXtC7v3OlynCZ_W3m76wGNeB5NTF81ypqHAo",
                "VLD0:QNdcl-0OiFfYVj9331XVR6IqZ49NG-E18d5P7lwi4TA");
    }

    @Test
    void rpc() {
        assertThat(network.rpc().concurrency()).isZero();
        assertThat(network.rpc().queueSize()).isEqualTo(1024);
        assertThat(network.rpc().maxTimestampBehind()).contains(Duration.ofMillis(10_000));
        assertThat(network.rpc().maxTimestampAhead()).contains(Duration.ofMillis(10_000));
        assertThat(network.rpc().timeout()).isEqualTo(Duration.ofMillis(5000));
    }

    @Test
    void dhtKeysOfRoutingAndRpc() {
        assertThat(network.dht().maxFindNodeCount()).isEqualTo(20);
        assertThat(network.dht().resolveNodeTimeout()).isEqualTo(Duration.ofMillis(10_000));
        assertThat(network.dht().resolveNodeCount()).isEqualTo(1);
        assertThat(network.dht().resolveNodeFanout()).isEqualTo(5);
        assertThat(network.dht().minPeerCount()).isEqualTo(20);
        assertThat(network.dht().minPeerRefreshTime()).isEqualTo(Duration.ofMillis(60_000));
        assertThat(network.dht().validateDialInfoReceiptTime()).isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void tlsHasNoFilesAndVeilidsSniffTimeout() {
        assertThat(network.tls().certificatePath()).isEmpty();
        assertThat(network.tls().privateKeyPath()).isEmpty();
        assertThat(network.tls().certificate()).isEmpty();
        assertThat(network.tls().connectionInitialTimeout()).isEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void udpAndTcpListenOnTheDefaultAddress() {
        VeilfluxConfig.Udp udp = network.protocol().udp();
        assertThat(udp.enabled()).isTrue();
        assertThat(udp.socketPoolSize()).isZero();
        assertThat(udp.listenAddress()).isEmpty();
        assertThat(udp.publicAddress()).isEmpty();
        VeilfluxConfig.Tcp tcp = network.protocol().tcp();
        assertThat(tcp.connect()).isTrue();
        assertThat(tcp.listen()).isTrue();
        assertThat(tcp.maxConnections()).isEqualTo(32);
        assertThat(tcp.listenAddress()).isEmpty();
        assertThat(tcp.publicAddress()).isEmpty();
    }

    @Test
    void wsListensAndWssOnlyConnects() {
        assertThat(network.protocol().ws()).isEqualTo(new WebSocket(true, true, 32, "", "ws", Optional.empty()));
        assertThat(network.protocol().wss()).isEqualTo(new WebSocket(true, false, 32, "", "ws", Optional.empty()));
    }

    @Test
    void privacyRequiresNoInboundRelay() {
        assertThat(network.privacy().requireInboundRelay()).isFalse();
    }

    @Test
    void veilfluxExtensionsBehaveLikeAStockVeilidBuild() {
        assertThat(config.veilflux().addressProfile()).isEqualTo(AddressProfile.STOCK);
        assertThat(config.veilflux().directAppMessages()).isFalse();
        assertThat(config.veilflux().outboundRelay()).isEmpty();
        assertThat(config.veilflux().relayClientAllowlist()).isEmpty();
        assertThat(config.veilflux().nat()).isEqualTo(NatProfile.NONE);
        assertThat(config.veilflux().dnsServer()).isEmpty();
    }

    @Test
    void metricsAreOffAndWouldListenOnLoopback() {
        assertThat(config.metrics()).isEqualTo(new VeilfluxConfig.Metrics(false, "127.0.0.1", 9464));
    }

    @Test
    void theListenDefaultsPutUdpTcpAndWsOnPort5150() {
        for (String address : List.of(network.protocol().udp().listenAddress(), network.protocol().tcp().listenAddress(),
                network.protocol().ws().listenAddress())) {
            assertThat(ListenAddress.parse(address)).isEqualTo(new ListenAddress(Optional.empty(), 5150));
        }
    }
}
