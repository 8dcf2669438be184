package io.veilflux.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.routing.Capability;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path dir;

    private static VeilfluxConfig yaml(String text) {
        VeilfluxConfig.Builder builder = VeilfluxConfig.builder();
        ConfigFile.readYaml(new StringReader(text), "test.yaml", builder);
        return builder.build();
    }

    private static VeilfluxConfig properties(String text) {
        VeilfluxConfig.Builder builder = VeilfluxConfig.builder();
        ConfigFile.readProperties(new StringReader(text), "test.properties", builder);
        return builder.build();
    }

    @Test
    void aVeilidServerConfigFileLoads() throws IOException {
        VeilfluxConfig.Builder builder = VeilfluxConfig.builder();
        try (InputStream in = getClass().getResourceAsStream("/node/veilid-server.conf")) {
            ConfigFile.readYaml(new InputStreamReader(in, StandardCharsets.UTF_8), "veilid-server.conf", builder);
        }
        VeilfluxConfig config = builder.build();

        assertThat(config.capabilities().disable()).containsExactly(Capability.TUNL, Capability.DHTV);
        VeilfluxConfig.Network network = config.network();
        assertThat(network.connectionInitialTimeout()).isEqualTo(Duration.ofMillis(3000));
        assertThat(network.maxConnectionsPerIp4()).isEqualTo(16);
        assertThat(network.networkKeyPassword()).map(VeilfluxConfig.Password::value).contains("test network");
        assertThat(network.routingTable().nodeKeyPair()).isEmpty();
        assertThat(network.routingTable().bootstrap()).containsExactly("udp|127.0.0.1:5160", "tcp|127.0.0.1:5160");
        assertThat(network.routingTable().bootstrapKeys()).isEmpty();
        assertThat(network.rpc().maxTimestampBehind()).contains(Duration.ofMillis(10_000));
        assertThat(network.rpc().maxTimestampAhead()).isEmpty();
        assertThat(network.dht().minPeerCount()).isEqualTo(4);
        assertThat(network.upnp()).isFalse();
        assertThat(network.detectAddressChanges()).isEmpty();
        assertThat(network.tls().certificatePath()).isEqualTo("/etc/veilid-server/ssl/certs/server.crt");
        assertThat(network.protocol().udp().listenAddress()).isEqualTo(":5160");
        assertThat(network.protocol().udp().publicAddress()).isEmpty();
        assertThat(network.protocol().tcp().maxConnections()).isEqualTo(256);
        assertThat(network.protocol().ws().url()).isEmpty();
        assertThat(network.protocol().wss().listen()).isFalse();
        assertThat(network.protocol().wss().maxConnections()).isEqualTo(256);
        assertThat(config.veilflux().addressProfile()).isEqualTo(AddressProfile.LOOPBACK_AS_PUBLIC);
        assertThat(config.veilflux().directAppMessages()).isTrue();
        assertThat(config.metrics()).isEqualTo(new VeilfluxConfig.Metrics(true, "127.0.0.1", 9100));
    }

    @Test
    void theSameSettingsAsBuilderCallsGiveTheSameConfig() {
        VeilfluxConfig fromFile = yaml("""
                core:
                  network:
                    rpc:
                      timeout_ms: 7000
                    protocol:
                      udp: {listen_address: ':5170'}
                      tcp: {listen_address: ':5171'}
                      ws: {listen_address: ':5171'}
                      wss: {listen_address: ':5171'}
                    routing_table:
                      bootstrap: ['udp|127.0.0.1:5160']
                      bootstrap_keys: []
                """);
        VeilfluxConfig fromBuilder = VeilfluxConfig.builder().rpcTimeout(Duration.ofMillis(7000))
                .listenUdp(5170).listenTcp(5171).bootstrap("udp|127.0.0.1:5160").bootstrapKeys().build();
        assertThat(fromFile).isEqualTo(fromBuilder);
    }

    @Test
    void dottedKeysWorkAtAnyLevelWithOrWithoutCore() {
        VeilfluxConfig config = yaml("""
                network.rpc.timeout_ms: 6000
                core.network.rpc.queue_size: 512
                core:
                  network.dht:
                    min_peer_count: 3
                veilflux.outbound_relay: ''
                """);
        assertThat(config.network().rpc().timeout()).isEqualTo(Duration.ofMillis(6000));
        assertThat(config.network().rpc().queueSize()).isEqualTo(512);
        assertThat(config.network().dht().minPeerCount()).isEqualTo(3);
        assertThat(config.veilflux().outboundRelay()).isEmpty();
    }

    @Test
    void emptySectionsAndAnEmptyFileLeaveTheDefaults() {
        assertThat(yaml("")).isEqualTo(VeilfluxConfig.defaults());
        assertThat(yaml("---\n# nothing\n")).isEqualTo(VeilfluxConfig.defaults());
        assertThat(yaml("core:\n  network:\n    rpc:\n    dht: {}\n")).isEqualTo(VeilfluxConfig.defaults());
        assertThat(yaml("core:\n  network:\n    protocol:\n      udp:\n        public_address:\n"))
                .isEqualTo(VeilfluxConfig.defaults());
    }

    @Test
    void anUnknownKeyIsAnErrorThatNamesIt() {
        assertThatThrownBy(() -> yaml("core:\n  network:\n    rpc:\n      timout_ms: 5000\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("core.network.rpc.timout_ms"))
                .hasMessage("test.yaml: unknown config key 'core.network.rpc.timout_ms' (did you mean 'network.rpc.timeout_ms'?)");
        assertThatThrownBy(() -> yaml("core:\n  netwrok:\n    upnp: false\n"))
                .hasMessage("test.yaml: unknown config key 'core.netwrok.upnp' (did you mean 'network.upnp'?)");
        assertThatThrownBy(() -> yaml("colors: {}\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("colors"))
                .hasMessageStartingWith("test.yaml: unknown config key 'colors'");
        assertThatThrownBy(() -> yaml("core:\n  network:\n    rpc:\n      timeout_ms: 5000\n      extra: 1\n"))
                .hasMessageStartingWith("test.yaml: unknown config key 'core.network.rpc.extra'");
    }

    @Test
    void aValueOfTheWrongTypeNamesKeyAndExpectedType() {
        assertThatThrownBy(() -> yaml("core:\n  network:\n    rpc:\n      timeout_ms: fast\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("core.network.rpc.timeout_ms"))
                .hasMessage("test.yaml: core.network.rpc.timeout_ms: expected a whole number of milliseconds 0..2147483647,"
                        + " got 'fast'");
        assertThatThrownBy(() -> yaml("core:\n  network:\n    rpc:\n      timeout_ms: 5000.5\n"))
                .hasMessageContaining("core.network.rpc.timeout_ms: expected a whole number of milliseconds");
        assertThatThrownBy(() -> yaml("core:\n  network:\n    upnp: 1\n"))
                .hasMessage("test.yaml: core.network.upnp: expected true or false, got '1'");
        assertThatThrownBy(() -> yaml("core:\n  network:\n    upnp: null\n"))
                .hasMessage("test.yaml: core.network.upnp: expected true or false, got null");
        assertThatThrownBy(() -> yaml("core:\n  network:\n    routing_table:\n      bootstrap: {a: 1}\n"))
                .hasMessage("test.yaml: core.network.routing_table.bootstrap: expected a list of a string, got a mapping");
        assertThatThrownBy(() -> yaml("core:\n  network:\n    protocol:\n      ws:\n        path: [a, b]\n"))
                .hasMessage("test.yaml: core.network.protocol.ws.path: expected a string, got a list");
        assertThatThrownBy(() -> yaml("core:\n  network:\n    rpc: 5000\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("core.network.rpc"))
                .hasMessage("test.yaml: core.network.rpc: expected a mapping of keys, got '5000'");
    }

    @Test
    void anInvalidValueFailsTheBuildNamingTheKey() {
        assertThatThrownBy(() -> yaml("core:\n  network:\n    rpc:\n      queue_size: 100\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("network.rpc.queue_size"))
                .hasMessageContaining("network.rpc.queue_size must be at least 256, got 100");
        assertThatThrownBy(() -> yaml("core:\n  network:\n    protocol:\n      wss:\n        listen: true\n"))
                .hasMessageStartingWith("network.protocol.wss.url must be set");
    }

    @Test
    void duplicateKeysBrokenYamlAndAListAtTheTopAreErrors() {
        assertThatThrownBy(() -> yaml("core:\n  network:\n    upnp: true\n    upnp: false\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML").hasMessageContaining("upnp");
        assertThatThrownBy(() -> yaml("core:\n  network: [\n"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("test.yaml: not valid YAML");
        assertThatThrownBy(() -> yaml("- a\n- b\n"))
                .hasMessage("test.yaml: expected a mapping of keys at the top, such as core: network: ...");
    }

    @Test
    void propertiesUseTheSamePath() {
        VeilfluxConfig config = properties("""
                # flat form
                network.rpc.timeout_ms=7000
                core.network.protocol.udp.listen_address=:5170
                network.routing_table.bootstrap=udp|127.0.0.1:5160,tcp|127.0.0.1:5160
                network.detect_address_changes=false
                network.dht.get_value_count=3
                """);
        assertThat(config.network().rpc().timeout()).isEqualTo(Duration.ofMillis(7000));
        assertThat(config.network().protocol().udp().listenAddress()).isEqualTo(":5170");
        assertThat(config.network().routingTable().bootstrap()).containsExactly("udp|127.0.0.1:5160", "tcp|127.0.0.1:5160");
        assertThat(config.network().detectAddressChanges()).contains(false);
        assertThatThrownBy(() -> properties("network.rpc.timeout=7000\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("network.rpc.timeout"))
                .hasMessage("test.properties: unknown config key 'network.rpc.timeout' (did you mean 'network.rpc.timeout_ms'?)");
        assertThatThrownBy(() -> properties("network.upnp=maybe\n"))
                .hasMessage("test.properties: network.upnp: expected true or false, got 'maybe'");
    }

    @Test
    void filesAreReadByExtensionAndLaterSettingsWin() throws IOException {
        Path yamlFile = Files.writeString(dir.resolve("node.conf"), "core:\n  network:\n    rpc:\n      timeout_ms: 6000\n");
        Path propertiesFile = Files.writeString(dir.resolve("node.properties"), "network.rpc.queue_size=4096\n");
        assertThat(ConfigFile.load(yamlFile).network().rpc().timeout()).isEqualTo(Duration.ofMillis(6000));
        VeilfluxConfig config = VeilfluxConfig.builder()
                .file(yamlFile)
                .file(propertiesFile)
                .set("network.rpc.timeout_ms", "8000")
                .build();
        assertThat(config.network().rpc().timeout()).isEqualTo(Duration.ofMillis(8000));
        assertThat(config.network().rpc().queueSize()).isEqualTo(4096);
        assertThatThrownBy(() -> ConfigFile.load(dir.resolve("missing.yaml")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("missing.yaml");
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "core:\n  network:\n    upnp: maybe\n");
        assertThatThrownBy(() -> ConfigFile.load(broken))
                .hasMessage(broken + ": core.network.upnp: expected true or false, got 'maybe'");
    }

    @Test
    void aKeyPairFromKeygenFitsVeilidsKeyGroups() {
        KeyPair pair = Crypto.standard().best().generateKeyPair();
        VeilfluxConfig config = yaml("core:\n  network:\n    routing_table:\n"
                + "      public_keys: ['" + pair.key().encode() + "']\n"
                + "      secret_keys: ['" + pair.secret().encode() + "']\n");
        assertThat(config.network().routingTable().nodeKeyPair()).isEqualTo(Optional.of(pair));
    }
}
