package io.veilflux.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.filter.AddressFilterConfig;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import io.veilflux.rpc.RpcConfig;
import io.veilflux.transport.ConnectionConfig;
import io.veilflux.transport.NetworkConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LowerLayerConfigsTest {
    private static final VeilfluxConfig DEFAULTS = VeilfluxConfig.defaults();

    @Test
    void defaultsMapToTheLowerLayersOwnDefaults() {
        assertThat(LowerLayerConfigs.connectionConfig(DEFAULTS)).isEqualTo(ConnectionConfig.defaults());
        assertThat(LowerLayerConfigs.addressFilterConfig(DEFAULTS)).isEqualTo(AddressFilterConfig.defaults());
        assertThat(LowerLayerConfigs.rpcConfig(DEFAULTS)).isEqualTo(RpcConfig.defaults());
    }

    @Test
    void defaultListenAddressesPutUdpAndTcpOn5150() {
        NetworkConfig ipv4 = LowerLayerConfigs.networkConfig(DEFAULTS, false);
        assertThat(ipv4.udpListen()).containsExactly(SocketAddress.parse("0.0.0.0:5150"));
        assertThat(ipv4.tcpListen()).containsExactly(SocketAddress.parse("0.0.0.0:5150"));
        assertThat(ipv4.inboundCapacity()).isEqualTo(1024);
        assertThat(ipv4.connections()).isEqualTo(ConnectionConfig.defaults());
        NetworkConfig dual = LowerLayerConfigs.networkConfig(DEFAULTS, true);
        assertThat(dual.udpListen()).containsExactly(SocketAddress.parse("0.0.0.0:5150"), SocketAddress.parse("[::]:5150"));
        assertThat(dual.tcpListen()).isEqualTo(dual.udpListen());
    }

    @Test
    void builderPortsAndQueueSizeReachTheNetworkConfig() {
        VeilfluxConfig config = VeilfluxConfig.builder().listenUdp(0).listenTcp(5171).rpcQueueSize(300).build();
        NetworkConfig network = LowerLayerConfigs.networkConfig(config, false);
        assertThat(network.udpListen()).containsExactly(SocketAddress.parse("0.0.0.0:0"));
        assertThat(network.tcpListen()).containsExactly(SocketAddress.parse("0.0.0.0:5171"));
        assertThat(network.inboundCapacity()).isEqualTo(300);
    }

    @Test
    void hostListenAddressesAndDisabledUdp() {
        VeilfluxConfig config = VeilfluxConfig.builder().udpEnabled(false)
                .tcpListenAddress("127.0.0.1:5172").wsListenAddress("127.0.0.1:5172").build();
        NetworkConfig network = LowerLayerConfigs.networkConfig(config, true);
        assertThat(network.udpListen()).isEmpty();
        assertThat(network.tcpListen()).containsExactly(SocketAddress.parse("127.0.0.1:5172"));
    }

    @Test
    void equivalentListenAddressFormsCountAsTheSameSocket() {
        VeilfluxConfig config = VeilfluxConfig.builder().tcpListenAddress(":5150").wsListenAddress("").build();
        assertThat(LowerLayerConfigs.networkConfig(config, false).tcpListen()).containsExactly(SocketAddress.parse("0.0.0.0:5150"));
    }

    @Test
    void tcpAndWsShareOneSocketSoTheirSettingsMustAgree() {
        assertThatThrownBy(() -> LowerLayerConfigs.networkConfig(VeilfluxConfig.builder().wsListen(false).build(), false))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("network.protocol.ws.listen"))
                .hasMessageStartingWith("network.protocol.tcp.listen is true but network.protocol.ws.listen is false");
        assertThatThrownBy(() -> LowerLayerConfigs.networkConfig(
                VeilfluxConfig.builder().wsListenAddress(":5160").build(), false))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("network.protocol.ws.listen_address"))
                .hasMessageContaining("give them the same listen address");
    }

    @Test
    void aNodeThatListensOnNothingIsRefused() {
        VeilfluxConfig config = VeilfluxConfig.builder().udpEnabled(false).tcpListen(false).wsListen(false).build();
        assertThatThrownBy(() -> LowerLayerConfigs.networkConfig(config, false))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("nothing to listen on");
    }

    @Test
    void wssReadsTheConfiguredTlsFiles(@TempDir Path dir) {
        VeilfluxConfig config = VeilfluxConfig.builder().wssListen(true).wssUrl("wss://node.example:5150/ws")
                .tls(dir.resolve("cert.pem"), dir.resolve("key.pem")).build();
        assertThatThrownBy(() -> LowerLayerConfigs.connectionConfig(config))
                .hasMessage("network.tls.certificate_path " + dir.resolve("cert.pem") + " does not exist or cannot be read");
        VeilfluxConfig otherPath = config.toBuilder().wssPath("secure").build();
        assertThatThrownBy(() -> LowerLayerConfigs.connectionConfig(otherPath))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("network.protocol.wss.path"))
                .hasMessageContaining("WS and WSS share one listener and one path");
        VeilfluxConfig noTcp = config.toBuilder().tcpListen(false).wsListen(false).build();
        assertThatThrownBy(() -> LowerLayerConfigs.networkConfig(noTcp, false))
                .hasMessageStartingWith("network.protocol.wss.listen is true but network.protocol.tcp.listen is false");
    }

    @Test
    void changedValuesReachEveryRecord() {
        VeilfluxConfig config = VeilfluxConfig.builder()
                .connectionInitialTimeout(Duration.ofMillis(2500))
                .tlsConnectionInitialTimeout(Duration.ofMillis(2600))
                .connectionInactivityTimeout(Duration.ofSeconds(30))
                .tcpMaxConnections(10).wsMaxConnections(11).wssMaxConnections(12)
                .wsPath("/socket/")
                .maxConnectionsPerIp4(4).maxConnectionsPerIp6Prefix(5).maxConnectionsPerIp6PrefixSize(64)
                .maxConnectionFrequencyPerMin(20)
                .rpcTimeout(Duration.ofMillis(3000)).rpcQueueSize(512).rpcConcurrency(6)
                .dhtMaxFindNodeCount(8).dhtResolveNodeTimeout(Duration.ofSeconds(4)).dhtResolveNodeCount(2)
                .dhtResolveNodeFanout(3).dhtMinPeerCount(2).dhtMinPeerRefreshTime(Duration.ofSeconds(15))
                .dhtValidateDialInfoReceiptTime(Duration.ofMillis(1500))
                .directAppMessages(true)
                .build();

        ConnectionConfig connections = LowerLayerConfigs.connectionConfig(config);
        assertThat(connections.initialTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(connections.tlsInitialTimeout()).isEqualTo(Duration.ofMillis(2600));
        assertThat(connections.inactivityTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(connections.maxConnections())
                .containsEntry(ProtocolType.TCP, 10).containsEntry(ProtocolType.WS, 11).containsEntry(ProtocolType.WSS, 12);
        assertThat(connections.wsPath()).isEqualTo("socket");
        assertThat(connections.serverTls()).isEmpty();

        assertThat(LowerLayerConfigs.addressFilterConfig(config)).isEqualTo(new AddressFilterConfig(4, 5, 64, 20,
                AddressFilterConfig.PUNISHMENT_DURATION, AddressFilterConfig.DIAL_INFO_FAILURE_DURATION,
                AddressFilterConfig.MAX_PUNISHMENTS_BY_NODE_ID, AddressFilterConfig.MAX_DIAL_INFO_FAILURES,
                AddressFilterConfig.ADDRESS_FILTER_TASK_INTERVAL));

        assertThat(LowerLayerConfigs.rpcConfig(config)).isEqualTo(new RpcConfig(Duration.ofMillis(3000), 512, 6, 8,
                Duration.ofSeconds(4), 2, 3, 2, Duration.ofSeconds(15), Duration.ofMillis(1500), true));
    }
}
