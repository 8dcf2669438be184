package io.veilflux.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.crypto.SecretKey;
import io.veilflux.net.SocketAddress;
import io.veilflux.routing.Capability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VeilfluxConfigBuilderTest {
    private static final KeyPair PAIR = Crypto.standard().best().generateKeyPair();
    private static final KeyPair OTHER = Crypto.standard().best().generateKeyPair();

    /** A configuration that differs from the defaults in every key (so not one the transport can run). */
    static VeilfluxConfig everythingChanged() {
        return VeilfluxConfig.builder()
                .disableCapabilities(Capability.RLAY, Capability.DHTV)
                .connectionInitialTimeout(Duration.ofMillis(2500))
                .connectionInactivityTimeout(Duration.ofSeconds(90))
                .maxConnectionsPerIp4(8)
                .maxConnectionsPerIp6Prefix(9)
                .maxConnectionsPerIp6PrefixSize(48)
                .maxConnectionFrequencyPerMin(64)
                .clientAllowlistTimeout(Duration.ofMinutes(2))
                .reverseConnectionReceiptTime(Duration.ofMillis(6000))
                .holePunchReceiptTime(Duration.ofMillis(7000))
                .networkKeyPassword("private net")
                .nodeKeyPair(PAIR)
                .bootstrap("udp|127.0.0.1:5160", "bootstrap.test")
                .bootstrapKeys(OTHER.key())
                .rpcConcurrency(4)
                .rpcQueueSize(512)
                .rpcMaxTimestampBehind(Duration.ofMillis(20_000))
                .rpcMaxTimestampAhead(Duration.ZERO)
                .rpcTimeout(Duration.ofMillis(3000))
                .dhtMaxFindNodeCount(10)
                .dhtResolveNodeTimeout(Duration.ofMillis(11_000))
                .dhtResolveNodeCount(2)
                .dhtResolveNodeFanout(3)
                .dhtMinPeerCount(4)
                .dhtMinPeerRefreshTime(Duration.ofMillis(30_000))
                .dhtValidateDialInfoReceiptTime(Duration.ofMillis(3000))
                .upnp(false)
                .detectAddressChangesAuto()
                .restrictedNatRetries(2)
                .tls(Path.of("/etc/veilflux/cert.pem"), Path.of("/etc/veilflux/key.pem"))
                .tlsConnectionInitialTimeout(Duration.ofMillis(2200))
                .udpSocketPoolSize(3)
                .listenUdp(5160)
                .udpEnabled(false)
                .udpPublicAddress("203.0.113.7:5160")
                .tcpConnect(false)
                .tcpMaxConnections(16)
                .listenTcp(5161)
                .tcpListen(false)
                .wsListen(false)
                .tcpPublicAddress("203.0.113.7:5161")
                .wsConnect(false)
                .wsMaxConnections(17)
                .wsPath("socket")
                .wsUrl("ws://node.example:5161/socket")
                .wssConnect(false)
                .wssListen(true)
                .wssMaxConnections(18)
                .wssPath("socket")
                .wssUrl("wss://node.example:5161/socket")
                .requireInboundRelay(true)
                .addressProfile(AddressProfile.LOOPBACK_AS_PUBLIC)
                .directAppMessages(true)
                .outboundRelay(OTHER.nodeId())
                .relayClientAllowlist(OTHER.nodeId(), PAIR.nodeId())
                .nat(NatProfile.PORT_RESTRICTED)
                .dnsServer("127.0.0.1:5353")
                .metrics("0.0.0.0", 9100)
                .build();
    }

    @Test
    void settersReachTheirRecords() {
        VeilfluxConfig config = everythingChanged();
        assertThat(config.capabilities().disable()).containsExactly(Capability.RLAY, Capability.DHTV);
        assertThat(config.network().networkKeyPassword()).map(VeilfluxConfig.Password::value).contains("private net");
        assertThat(config.network().routingTable().nodeKeyPair()).contains(PAIR);
        assertThat(config.network().rpc().maxTimestampAhead()).contains(Duration.ZERO);
        assertThat(config.network().detectAddressChanges()).isEmpty();
        assertThat(config.network().protocol().udp().listenAddress()).isEqualTo(":5160");
        assertThat(config.network().protocol().tcp().listenAddress()).isEqualTo(":5161");
        assertThat(config.network().protocol().ws().listenAddress()).isEqualTo(":5161");
        assertThat(config.network().protocol().wss().listenAddress()).isEqualTo(":5161");
        assertThat(config.network().protocol().wss().url()).contains("wss://node.example:5161/socket");
        assertThat(config.veilflux().outboundRelay()).contains(OTHER.nodeId());
        assertThat(config.veilflux().nat()).isEqualTo(NatProfile.PORT_RESTRICTED);
        assertThat(config.veilflux().dnsServer()).contains(SocketAddress.parse("127.0.0.1:5353"));
        assertThat(config.metrics()).isEqualTo(new VeilfluxConfig.Metrics(true, "0.0.0.0", 9100));
    }

    @Test
    void listenPutsUdpAndTheSharedTcpSocketOnOneAddress() {
        VeilfluxConfig config = VeilfluxConfig.builder().udpEnabled(false).tcpListen(false).wsListen(true)
                .listen("127.0.0.2:0").build();
        VeilfluxConfig.Protocol protocol = config.network().protocol();
        assertThat(protocol.udp().enabled()).isTrue();
        assertThat(protocol.tcp().listen()).isTrue();
        assertThat(java.util.List.of(protocol.udp().listenAddress(), protocol.tcp().listenAddress(),
                protocol.ws().listenAddress(), protocol.wss().listenAddress())).containsOnly("127.0.0.2:0");
        assertThatThrownBy(() -> VeilfluxConfig.builder().listen("::1:5150").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("network.protocol.udp.listen_address: '::1:5150': an IPv6 address needs brackets");
    }

    @Test
    void natAndDnsServerAreReadByName() {
        VeilfluxConfig config = VeilfluxConfig.builder().set("veilflux.nat", "port-restricted")
                .set("veilflux.dns_server", "[::1]:5353").build();
        assertThat(config.veilflux().nat()).isEqualTo(NatProfile.PORT_RESTRICTED);
        assertThat(config.veilflux().dnsServer()).contains(SocketAddress.parse("[::1]:5353"));
        assertThat(VeilfluxConfig.builder().dnsServer("127.0.0.1:53").dnsServer("").build().veilflux().dnsServer())
                .as("empty text is the system resolver").isEmpty();
        assertThatThrownBy(() -> VeilfluxConfig.builder().set("veilflux.nat", "symmetric"))
                .hasMessage("veilflux.nat: expected none or port-restricted, got 'symmetric'");
        assertThatThrownBy(() -> VeilfluxConfig.builder().set("veilflux.dns_server", "dns.example:53"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("veilflux.dns_server: expected an IP address and port such as 9.9.9.9:53");
        assertThatThrownBy(() -> VeilfluxConfig.builder().dnsServer("9.9.9.9:0").build())
                .hasMessage("veilflux.dns_server needs a port other than 0, such as 9.9.9.9:53");
    }

    @Test
    void everyKeyDiffersFromItsDefaultInTheFixture() {
        Map<String, String> defaults = VeilfluxConfig.defaults().toProperties();
        Map<String, String> changed = everythingChanged().toProperties();
        assertThat(changed.keySet()).isEqualTo(defaults.keySet());
        defaults.forEach((key, value) -> assertThat(changed.get(key)).as(key).isNotEqualTo(value));
    }

    @Test
    void toBuilderRoundTrips() {
        VeilfluxConfig config = everythingChanged();
        assertThat(config.toBuilder().build()).isEqualTo(config);
        assertThat(VeilfluxConfig.defaults().toBuilder().build()).isEqualTo(VeilfluxConfig.defaults());
    }

    @Test
    void theTextOfEveryKeyRoundTripsThroughSet() {
        VeilfluxConfig config = everythingChanged();
        VeilfluxConfig.Builder builder = VeilfluxConfig.builder();
        config.toProperties().forEach(builder::set);
        assertThat(builder.build()).isEqualTo(config);
    }

    @Test
    void defaultsRoundTripThroughSetToo() {
        VeilfluxConfig.Builder builder = everythingChanged().toBuilder();
        VeilfluxConfig.defaults().toProperties().forEach(builder::set);
        assertThat(builder.build()).isEqualTo(VeilfluxConfig.defaults());
    }

    @Test
    void propertiesUseVeilidsKeyNames() {
        assertThat(VeilfluxConfig.defaults().toProperties())
                .containsEntry("network.rpc.timeout_ms", "5000")
                .containsEntry("network.detect_address_changes", "true")
                .containsEntry("network.protocol.wss.listen", "false")
                .containsEntry("network.protocol.ws.path", "ws")
                .containsEntry("network.network_key_password", "")
                .containsEntry("capabilities.disable", "")
                .containsEntry("veilflux.address_profile", "stock")
                .containsEntry("metrics.port", "9464");
    }

    @Test
    void setAcceptsVeilidNamesWithAndWithoutTheCorePrefix() {
        VeilfluxConfig config = VeilfluxConfig.builder()
                .set("network.rpc.timeout_ms", "7000")
                .set("core.network.rpc.queue_size", "2048")
                .set("core.capabilities.disable", "RLAY")
                .set("capabilities.disable", "[TUNL, 'SGNL']")
                .build();
        assertThat(config.network().rpc().timeout()).isEqualTo(Duration.ofMillis(7000));
        assertThat(config.network().rpc().queueSize()).isEqualTo(2048);
        assertThat(config.capabilities().disable()).containsExactly(Capability.TUNL, Capability.SGNL);
    }

    @Test
    void setReadsListsOptionalsAndAuto() {
        VeilfluxConfig config = VeilfluxConfig.builder()
                .set("network.routing_table.bootstrap", "[\"udp|127.0.0.1:5160\", \"tcp|127.0.0.1:5161\"]")
                .set("network.routing_table.bootstrap_keys", "")
                .set("network.rpc.max_timestamp_behind_ms", "")
                .set("network.detect_address_changes", "auto")
                .set("network.protocol.ws.url", "ws://127.0.0.1:5150/ws")
                .set("network.protocol.ws.url", "")
                .build();
        assertThat(config.network().routingTable().bootstrap()).containsExactly("udp|127.0.0.1:5160", "tcp|127.0.0.1:5161");
        assertThat(config.network().routingTable().bootstrapKeys()).isEmpty();
        assertThat(config.network().rpc().maxTimestampBehind()).isEmpty();
        assertThat(config.network().detectAddressChanges()).isEmpty();
        assertThat(config.network().protocol().ws().url()).isEmpty();
    }

    @Test
    void veilidSettingsVeilfluxDoesNotImplementAreIgnored() {
        VeilfluxConfig config = VeilfluxConfig.builder()
                .set("core.network.dht.get_value_count", "3")
                .set("network.rpc.max_route_hop_count", "4")
                .set("logging.terminal.enabled", "false")
                .set("core.protected_store.directory", "/tmp/x")
                .build();
        assertThat(config).isEqualTo(VeilfluxConfig.defaults());
    }

    @Test
    void anUnknownKeyIsNamedWithTheNearestKnownOne() {
        assertThatThrownBy(() -> VeilfluxConfig.builder().set("core.network.rpc.timout_ms", "5000"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("core.network.rpc.timout_ms"))
                .hasMessageContaining("unknown config key 'core.network.rpc.timout_ms'")
                .hasMessageContaining("did you mean 'network.rpc.timeout_ms'?");
        assertThatThrownBy(() -> VeilfluxConfig.builder().set("network.rpc", "5000"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown config key 'network.rpc'");
    }

    @Test
    void aValueOfTheWrongTypeNamesKeyAndType() {
        assertThatThrownBy(() -> VeilfluxConfig.builder().set("network.rpc.timeout_ms", "5s"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("network.rpc.timeout_ms"))
                .hasMessage("network.rpc.timeout_ms: expected a whole number of milliseconds 0..2147483647, got '5s'");
        assertThatThrownBy(() -> VeilfluxConfig.builder().set("network.upnp", "yes"))
                .hasMessage("network.upnp: expected true or false, got 'yes'");
        assertThatThrownBy(() -> VeilfluxConfig.builder().set("network.detect_address_changes", "maybe"))
                .hasMessage("network.detect_address_changes: expected auto, true or false, got 'maybe'");
        assertThatThrownBy(() -> VeilfluxConfig.builder().set("network.max_connections_per_ip4", "-1"))
                .hasMessage("network.max_connections_per_ip4: expected a whole number 0..2147483647, got -1");
        assertThatThrownBy(() -> VeilfluxConfig.builder().set("network.max_connections_per_ip6_prefix_size", "129"))
                .hasMessageStartingWith("network.max_connections_per_ip6_prefix_size: expected a whole number 0..128");
        assertThatThrownBy(() -> VeilfluxConfig.builder().set("veilflux.address_profile", "public"))
                .hasMessage("veilflux.address_profile: expected stock or loopback-as-public, got 'public'");
        assertThatThrownBy(() -> VeilfluxConfig.builder().set("network.routing_table.bootstrap_keys", "VLD0:!!"))
                .hasMessageStartingWith("network.routing_table.bootstrap_keys: expected a list of a public key");
        assertThatThrownBy(() -> VeilfluxConfig.builder().set("capabilities.disable", "RELAY"))
                .hasMessageStartingWith("capabilities.disable: expected a list of four-character capability codes");
    }

    @Test
    void javaSettersAreCheckedAgainstTheKeyToo() {
        assertThatThrownBy(() -> VeilfluxConfig.builder().rpcTimeout(Duration.ofMillis(-1)))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("network.rpc.timeout_ms"));
        assertThatThrownBy(() -> VeilfluxConfig.builder().connectionInitialTimeout(Duration.ofNanos(1_500_000)))
                .hasMessageStartingWith("network.connection_initial_timeout_ms: expected a whole number of milliseconds");
        assertThatThrownBy(() -> VeilfluxConfig.builder().rpcQueueSize(-5))
                .hasMessageStartingWith("network.rpc.queue_size: expected a whole number");
        assertThatThrownBy(() -> VeilfluxConfig.builder().listenUdp(70_000))
                .hasMessage("network.protocol.udp.listen_address port must be 0..65535, got 70000");
        assertThatThrownBy(() -> VeilfluxConfig.builder().wsPath(null))
                .hasMessage("network.protocol.ws.path: expected a string, got null");
    }

    @Test
    void veilidsRpcBoundsAreEnforced() {
        assertThatThrownBy(() -> VeilfluxConfig.builder().rpcQueueSize(255).build())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("network.rpc.queue_size"))
                .hasMessageContaining("network.rpc.queue_size must be at least 256, got 255");
        assertThat(VeilfluxConfig.builder().rpcQueueSize(256).build().network().rpc().queueSize()).isEqualTo(256);
        assertThatThrownBy(() -> VeilfluxConfig.builder().set("network.rpc.timeout_ms", "999").build())
                .hasMessage("network.rpc.timeout_ms must be at least 1000 (Veilid's minimum), got 999");
        assertThat(VeilfluxConfig.builder().rpcTimeout(Duration.ofSeconds(1)).build().network().rpc().timeout())
                .isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void listeningProtocolsNeedConnectionsAndWssNeedsAUrlAndTls() {
        assertThatThrownBy(() -> VeilfluxConfig.builder().tcpMaxConnections(0).build())
                .hasMessage("network.protocol.tcp.max_connections must be greater than 0 when network.protocol.tcp.listen is true");
        assertThat(VeilfluxConfig.builder().tcpListen(false).tcpMaxConnections(0).build().network().protocol().tcp()
                .maxConnections()).isZero();
        assertThatThrownBy(() -> VeilfluxConfig.builder().wsMaxConnections(0).build())
                .hasMessageStartingWith("network.protocol.ws.max_connections must be greater than 0");
        assertThatThrownBy(() -> VeilfluxConfig.builder().wssListen(true).build())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("network.protocol.wss.url"))
                .hasMessageStartingWith("network.protocol.wss.url must be set when network.protocol.wss.listen is true");
        assertThatThrownBy(() -> VeilfluxConfig.builder().wssListen(true).wssUrl("").build())
                .hasMessageStartingWith("network.protocol.wss.url must be set");
        assertThatThrownBy(() -> VeilfluxConfig.builder().wssListen(true).wssUrl("wss://node.example/ws").build())
                .hasMessage("network.tls.certificate_path must name a PEM certificate chain when network.protocol.wss.listen is true");
        assertThatThrownBy(() -> VeilfluxConfig.builder().wssListen(true).wssUrl("wss://node.example/ws").wssMaxConnections(0)
                .build()).hasMessageStartingWith("network.protocol.wss.max_connections must be greater than 0");
    }

    @Test
    void addressesAndUrlsMustParse() {
        assertThatThrownBy(() -> VeilfluxConfig.builder().udpListenAddress("::1:5150").build())
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("network.protocol.udp.listen_address"))
                .hasMessageContaining("an IPv6 address needs brackets");
        assertThatThrownBy(() -> VeilfluxConfig.builder().tcpListenAddress("host:99999").build())
                .hasMessageStartingWith("network.protocol.tcp.listen_address: 'host:99999': the port must be a number 0..65535");
        assertThatThrownBy(() -> VeilfluxConfig.builder().udpPublicAddress("203.0.113.7").build())
                .hasMessageStartingWith("network.protocol.udp.public_address");
        assertThatThrownBy(() -> VeilfluxConfig.builder().wsUrl("http://node.example/ws").build())
                .hasMessage("network.protocol.ws.url must be a ws://host[:port]/path URL, got 'http://node.example/ws'");
        assertThatThrownBy(() -> VeilfluxConfig.builder().wssListen(true).wssUrl("ws://node.example/ws").build())
                .hasMessageStartingWith("network.protocol.wss.url must be a wss://");
    }

    @Test
    void theNodeKeyPairIsBothKeysOrNeither() {
        assertThat(VeilfluxConfig.builder().nodeKeyPair(PAIR.encode()).build().network().routingTable().nodeKeyPair())
                .contains(PAIR);
        VeilfluxConfig fromKeys = VeilfluxConfig.builder()
                .set("core.network.routing_table.public_keys", "[" + PAIR.key().encode() + "]")
                .set("core.network.routing_table.secret_keys", PAIR.secret().encode())
                .build();
        assertThat(fromKeys.network().routingTable().nodeKeyPair()).contains(PAIR);
        assertThatThrownBy(() -> VeilfluxConfig.builder().set("network.routing_table.public_keys", PAIR.key().encode()).build())
                .hasMessage("network.routing_table.secret_keys is missing: set both keys, or neither to generate a key pair");
        assertThatThrownBy(() -> VeilfluxConfig.builder()
                .set("network.routing_table.public_keys", PAIR.key().encode())
                .set("network.routing_table.secret_keys", OTHER.secret().encode()).build())
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("network.routing_table.secret_keys"))
                .hasMessage("network.routing_table.secret_keys does not belong to network.routing_table.public_keys "
                        + PAIR.key().encode());
        assertThatThrownBy(() -> VeilfluxConfig.builder().nodeKeyPair("not a pair"))
                .hasMessageStartingWith("node key pair: invalid key pair");
    }

    @Test
    void onlySupportedCryptoKindsOfTheRightLengthAreAccepted() {
        CryptoKind vld1 = CryptoKind.VLD1;
        KeyPair foreign = new KeyPair(new PublicKey(vld1, PAIR.key().value()), new SecretKey(vld1, PAIR.secret().value()));
        assertThatThrownBy(() -> VeilfluxConfig.builder().nodeKeyPair(foreign).build())
                .hasMessage("network.routing_table.secret_keys: crypto kind VLD1 is not supported (supported: [VLD0])");
        assertThatThrownBy(() -> VeilfluxConfig.builder().bootstrapKeys(PublicKey.of(CryptoKind.VLD0, new byte[31])).build())
                .hasMessageStartingWith("network.routing_table.bootstrap_keys VLD0:").hasMessageEndingWith("is 31 bytes, not 32");
        assertThatThrownBy(() -> VeilfluxConfig.builder().outboundRelay(new NodeId(CryptoKind.VLD0, Bytes.of(new byte[8]))).build())
                .hasMessageStartingWith("veilflux.outbound_relay VLD0:");
        assertThatThrownBy(() -> VeilfluxConfig.builder().bootstrap("").build())
                .hasMessage("network.routing_table.bootstrap must not contain empty entries");
    }

    @Test
    void addressFilterLimitsOfZeroAreRefused() {
        assertThatThrownBy(() -> VeilfluxConfig.builder().maxConnectionsPerIp4(0).build())
                .hasMessage("network.max_connections_per_ip4 must be at least 1, got 0 (0 would refuse every IPv4 connection)");
        assertThatThrownBy(() -> VeilfluxConfig.builder().maxConnectionFrequencyPerMin(0).build())
                .hasMessageStartingWith("network.max_connection_frequency_per_min must be at least 1");
        assertThatThrownBy(() -> VeilfluxConfig.builder().connectionInitialTimeout(Duration.ZERO).build())
                .hasMessage("network.connection_initial_timeout_ms must be greater than 0");
    }

    @Test
    void recordsMadeDirectlyAreCheckedTheSameWay() {
        assertThatThrownBy(() -> new VeilfluxConfig.Rpc(0, 100, Optional.empty(), Optional.empty(), Duration.ofSeconds(5)))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("network.rpc.queue_size must be at least 256");
        assertThatThrownBy(() -> new VeilfluxConfig.Metrics(true, "", 80))
                .hasMessage("metrics.bind_address must not be empty");
    }

    @Test
    void aPasswordIsTakenVerbatimAndAnEmptyOneMeansNoNetworkKey() {
        assertThat(VeilfluxConfig.builder().set("network.network_key_password", " spaced ").build().network()
                .networkKeyPassword()).map(VeilfluxConfig.Password::value).contains(" spaced ");
        assertThat(VeilfluxConfig.builder().networkKeyPassword("").build()).isEqualTo(VeilfluxConfig.defaults());
        assertThat(VeilfluxConfig.builder().set("veilflux.outbound_relay", " " + PAIR.nodeId().encode() + " ").build()
                .veilflux().outboundRelay()).contains(PAIR.nodeId());
    }

    @Test
    void secretsStayOutOfToString() {
        VeilfluxConfig config = everythingChanged();
        assertThat(config.toString())
                .doesNotContain("private net")
                .doesNotContain(PAIR.secret().value().base64Url())
                .contains(PAIR.key().encode());
        assertThat(config.toProperties()).containsEntry("network.network_key_password", "private net");
    }
}
