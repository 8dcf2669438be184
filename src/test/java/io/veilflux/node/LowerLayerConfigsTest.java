package io.veilflux.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.bootstrap.BootstrapConfig;
import io.veilflux.bootstrap.DnsConfig;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.filter.AddressFilterConfig;
import io.veilflux.manager.NetworkManagerConfig;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import io.veilflux.routing.AddressClassifier;
import io.veilflux.routing.Capability;
import io.veilflux.rpc.RpcConfig;
import io.veilflux.transport.ConnectionConfig;
import io.veilflux.transport.NetworkConfig;
import java.net.InetSocketAddress;
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

    @Test
    void theNetworkManagerGetsEverySettingItReads() {
        KeyPair pair = Crypto.standard().best().generateKeyPair();
        NodeId relay = Crypto.standard().best().generateKeyPair().nodeId();
        NodeId client = Crypto.standard().best().generateKeyPair().nodeId();
        PublicKey signer = Crypto.standard().best().generateKeyPair().key();
        VeilfluxConfig config = VeilfluxConfig.builder()
                .listen("127.0.0.2:5190")
                .maxConnectionsPerIp4(4)
                .rpcTimeout(Duration.ofMillis(3000))
                .directAppMessages(true)
                .networkKeyPassword("private net")
                .disableCapabilities(Capability.RLAY, Capability.SGNL)
                .reverseConnectionReceiptTime(Duration.ofMillis(6000))
                .holePunchReceiptTime(Duration.ofMillis(7000))
                .clientAllowlistTimeout(Duration.ofMinutes(2))
                .rpcMaxTimestampBehind(Duration.ofMillis(20_000))
                .rpcMaxTimestampAhead(Duration.ZERO)
                .addressProfile(AddressProfile.LOOPBACK_AS_PUBLIC)
                .nat(NatProfile.PORT_RESTRICTED)
                .outboundRelay(relay)
                .relayClientAllowlist(client)
                .bootstrap("udp://127.0.0.3:5150", "bootstrap.test")
                .bootstrapKeys(signer)
                .dnsServer("127.0.0.1:5353")
                .build();

        NetworkManagerConfig nm = LowerLayerConfigs.networkManagerConfig(config, pair);

        assertThat(nm.keyPairs()).containsExactly(pair);
        assertThat(nm.network()).isEqualTo(LowerLayerConfigs.networkConfig(config));
        assertThat(nm.network().udpListen()).containsExactly(SocketAddress.parse("127.0.0.2:5190"));
        assertThat(nm.addressFilter()).isEqualTo(LowerLayerConfigs.addressFilterConfig(config));
        assertThat(nm.rpc()).isEqualTo(LowerLayerConfigs.rpcConfig(config));
        assertThat(nm.rpc().directAppMessages()).isTrue();
        assertThat(nm.networkKeyPassword()).contains("private net");
        assertThat(nm.disabledCapabilities()).containsExactlyInAnyOrder(Capability.RLAY, Capability.SGNL);
        assertThat(nm.reverseConnectionReceiptTime()).isEqualTo(Duration.ofMillis(6000));
        assertThat(nm.holePunchReceiptTime()).isEqualTo(Duration.ofMillis(7000));
        assertThat(nm.clientAllowlistTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(nm.maxTimestampBehind()).contains(Duration.ofMillis(20_000));
        assertThat(nm.maxTimestampAhead()).contains(Duration.ZERO);
        assertThat(nm.addressClassifier()).isEqualTo(AddressClassifier.loopbackAsPublic());
        assertThat(nm.publishedDialInfoClass()).isEqualTo(DialInfoClass.PORT_RESTRICTED_NAT);
        assertThat(nm.refuseUnsolicitedInbound()).isTrue();
        assertThat(nm.outboundRelay()).contains(relay);
        assertThat(nm.relayClients()).containsExactly(client);
        assertThat(nm.bootstrap()).containsExactly("udp://127.0.0.3:5150", "bootstrap.test");
        assertThat(nm.bootstrapKeys()).containsExactly(signer);
        assertThat(nm.dns()).isEqualTo(DnsConfig.server(new InetSocketAddress("127.0.0.1", 5353), DnsConfig.DEFAULT_TIMEOUT));
    }

    @Test
    void defaultsGiveTheNetworkManagerVeilidsOwnDefaults() {
        KeyPair pair = Crypto.standard().best().generateKeyPair();
        NetworkManagerConfig nm = LowerLayerConfigs.networkManagerConfig(DEFAULTS, pair);
        NetworkManagerConfig expected = NetworkManagerConfig.defaults(pair, LowerLayerConfigs.networkConfig(DEFAULTS))
                .toBuilder()
                .bootstrap(BootstrapConfig.DEFAULT_BOOTSTRAP, BootstrapConfig.DEFAULT_BOOTSTRAP_KEYS)
                .build();
        assertThat(nm).isEqualTo(expected);
        assertThat(nm.addressClassifier()).isEqualTo(AddressClassifier.standard());
        assertThat(nm.publishedDialInfoClass()).isEqualTo(DialInfoClass.DIRECT);
        assertThat(nm.refuseUnsolicitedInbound()).isFalse();
        assertThat(nm.dns()).isEqualTo(DnsConfig.system());
    }

    @Test
    void settingsTheManagerDoesNotActOnAreNamedWhenChanged() {
        assertThat(LowerLayerConfigs.settingsNotActedOn(DEFAULTS)).isEmpty();
        VeilfluxConfig config = VeilfluxConfig.builder().upnp(false).udpPublicAddress("203.0.113.7:5150")
                .requireInboundRelay(true).rpcTimeout(Duration.ofMillis(3000)).build();
        assertThat(LowerLayerConfigs.settingsNotActedOn(config)).containsExactly("network.upnp",
                "network.protocol.udp.public_address", "network.privacy.require_inbound_relay");
    }
}
