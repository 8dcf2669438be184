package io.veilflux.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.crypto.SecretKey;
import io.veilflux.crypto.TypedValue;
import io.veilflux.net.SocketAddress;
import io.veilflux.node.VeilfluxConfig.Password;
import io.veilflux.node.VeilfluxConfig.WebSocket;
import io.veilflux.routing.FourCc;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Every key veilflux reads, by Veilid's name, with Veilid's defaults ({@code veilid_config.rs},
 * 0.5.2), and the Veilid keys it knows but does not use. Keys may be written with or without
 * veilid-server's {@code core.} prefix.
 */
final class ConfigKeys {
    private static final Map<String, ConfigKey<?>> BY_NAME = new LinkedHashMap<>();

    private static final ValueType<Integer> U32 = ValueType.u32();
    private static final ValueType<Duration> MILLIS = ValueType.millis();
    private static final ValueType<Boolean> BOOL = ValueType.bool();
    private static final ValueType<String> STRING = ValueType.string();
    private static final ValueType<PublicKey> PUBLIC_KEY =
            ValueType.parsed("a public key (KIND:base64url)", trimmed(PublicKey::parse), TypedValue::encode);
    private static final ValueType<SecretKey> SECRET_KEY =
            ValueType.parsed("a secret key (KIND:base64url)", trimmed(SecretKey::parse), TypedValue::encode);
    private static final ValueType<NodeId> NODE_ID =
            ValueType.parsed("a node id (KIND:base64url)", trimmed(NodeId::parse), TypedValue::encode);
    private static final ValueType<FourCc> CAPABILITY =
            ValueType.parsed("four-character capability codes such as RLAY", trimmed(FourCc::of), FourCc::toString);

    static final ConfigKey<List<FourCc>> CAPABILITIES_DISABLE =
            key("capabilities.disable", ValueType.list(CAPABILITY), List.of(), c -> c.capabilities().disable());

    static final ConfigKey<Duration> CONNECTION_INITIAL_TIMEOUT = key("network.connection_initial_timeout_ms", MILLIS,
            Duration.ofMillis(2000), c -> c.network().connectionInitialTimeout());
    static final ConfigKey<Duration> CONNECTION_INACTIVITY_TIMEOUT = key("network.connection_inactivity_timeout_ms",
            MILLIS, Duration.ofMillis(60_000), c -> c.network().connectionInactivityTimeout());
    static final ConfigKey<Integer> MAX_CONNECTIONS_PER_IP4 =
            key("network.max_connections_per_ip4", U32, 32, c -> c.network().maxConnectionsPerIp4());
    static final ConfigKey<Integer> MAX_CONNECTIONS_PER_IP6_PREFIX =
            key("network.max_connections_per_ip6_prefix", U32, 32, c -> c.network().maxConnectionsPerIp6Prefix());
    static final ConfigKey<Integer> MAX_CONNECTIONS_PER_IP6_PREFIX_SIZE = key("network.max_connections_per_ip6_prefix_size",
            ValueType.integer(0, 128), 56, c -> c.network().maxConnectionsPerIp6PrefixSize());
    static final ConfigKey<Integer> MAX_CONNECTION_FREQUENCY_PER_MIN = key("network.max_connection_frequency_per_min",
            U32, 128, c -> c.network().maxConnectionFrequencyPerMin());
    static final ConfigKey<Duration> CLIENT_ALLOWLIST_TIMEOUT = key("network.client_allowlist_timeout_ms", MILLIS,
            Duration.ofMillis(300_000), c -> c.network().clientAllowlistTimeout());
    static final ConfigKey<Duration> REVERSE_CONNECTION_RECEIPT_TIME = key("network.reverse_connection_receipt_time_ms",
            MILLIS, Duration.ofMillis(5000), c -> c.network().reverseConnectionReceiptTime());
    static final ConfigKey<Duration> HOLE_PUNCH_RECEIPT_TIME = key("network.hole_punch_receipt_time_ms", MILLIS,
            Duration.ofMillis(5000), c -> c.network().holePunchReceiptTime());
    static final ConfigKey<Optional<Password>> NETWORK_KEY_PASSWORD = key("network.network_key_password",
            ValueType.optional(ValueType.parsed("a string", Password::new, Password::value)), Optional.empty(),
            c -> c.network().networkKeyPassword());

    static final ConfigKey<List<PublicKey>> PUBLIC_KEYS = key("network.routing_table.public_keys",
            ValueType.list(PUBLIC_KEY), List.of(),
            c -> c.network().routingTable().nodeKeyPair().map(pair -> List.of(pair.key())).orElse(List.of()));
    static final ConfigKey<List<SecretKey>> SECRET_KEYS = key("network.routing_table.secret_keys",
            ValueType.list(SECRET_KEY), List.of(),
            c -> c.network().routingTable().nodeKeyPair().map(pair -> List.of(pair.secret())).orElse(List.of()));
    static final ConfigKey<List<String>> BOOTSTRAP = key("network.routing_table.bootstrap", ValueType.list(STRING),
            List.of("bootstrap-v1.veilid.net"), c -> c.network().routingTable().bootstrap());
    static final ConfigKey<List<PublicKey>> BOOTSTRAP_KEYS = key("network.routing_table.bootstrap_keys",
            ValueType.list(PUBLIC_KEY), List.of(
                    PublicKey.parse("VLD0:Vj0lKDdUQXmQ5Ol1SZdlvXkBHUccBcQvGLN9vbLSI7k"),
                    PublicKey.parse("VLD0:QeQJorqbXtC7v3OlynCZ_W3m76wGNeB5NTF81ypqHAo"),
                    PublicKey.parse("VLD0:QNdcl-0OiFfYVj9331XVR6IqZ49NG-E18d5P7lwi4TA")),
            c -> c.network().routingTable().bootstrapKeys());

    static final ConfigKey<Integer> RPC_CONCURRENCY =
            key("network.rpc.concurrency", U32, 0, c -> c.network().rpc().concurrency());
    static final ConfigKey<Integer> RPC_QUEUE_SIZE =
            key("network.rpc.queue_size", U32, 1024, c -> c.network().rpc().queueSize());
    static final ConfigKey<Optional<Duration>> RPC_MAX_TIMESTAMP_BEHIND = key("network.rpc.max_timestamp_behind_ms",
            ValueType.optional(MILLIS), Optional.of(Duration.ofMillis(10_000)), c -> c.network().rpc().maxTimestampBehind());
    static final ConfigKey<Optional<Duration>> RPC_MAX_TIMESTAMP_AHEAD = key("network.rpc.max_timestamp_ahead_ms",
            ValueType.optional(MILLIS), Optional.of(Duration.ofMillis(10_000)), c -> c.network().rpc().maxTimestampAhead());
    static final ConfigKey<Duration> RPC_TIMEOUT =
            key("network.rpc.timeout_ms", MILLIS, Duration.ofMillis(5000), c -> c.network().rpc().timeout());

    static final ConfigKey<Integer> DHT_MAX_FIND_NODE_COUNT =
            key("network.dht.max_find_node_count", U32, 20, c -> c.network().dht().maxFindNodeCount());
    static final ConfigKey<Duration> DHT_RESOLVE_NODE_TIMEOUT = key("network.dht.resolve_node_timeout_ms", MILLIS,
            Duration.ofMillis(10_000), c -> c.network().dht().resolveNodeTimeout());
    static final ConfigKey<Integer> DHT_RESOLVE_NODE_COUNT =
            key("network.dht.resolve_node_count", U32, 1, c -> c.network().dht().resolveNodeCount());
    static final ConfigKey<Integer> DHT_RESOLVE_NODE_FANOUT =
            key("network.dht.resolve_node_fanout", U32, 5, c -> c.network().dht().resolveNodeFanout());
    static final ConfigKey<Integer> DHT_MIN_PEER_COUNT =
            key("network.dht.min_peer_count", U32, 20, c -> c.network().dht().minPeerCount());
    static final ConfigKey<Duration> DHT_MIN_PEER_REFRESH_TIME = key("network.dht.min_peer_refresh_time_ms", MILLIS,
            Duration.ofMillis(60_000), c -> c.network().dht().minPeerRefreshTime());
    static final ConfigKey<Duration> DHT_VALIDATE_DIAL_INFO_RECEIPT_TIME = key(
            "network.dht.validate_dial_info_receipt_time_ms", MILLIS, Duration.ofMillis(2000),
            c -> c.network().dht().validateDialInfoReceiptTime());

    static final ConfigKey<Boolean> UPNP = key("network.upnp", BOOL, true, c -> c.network().upnp());
    static final ConfigKey<Optional<Boolean>> DETECT_ADDRESS_CHANGES = key("network.detect_address_changes",
            ValueType.autoBool(), Optional.of(true), c -> c.network().detectAddressChanges());
    static final ConfigKey<Integer> RESTRICTED_NAT_RETRIES =
            key("network.restricted_nat_retries", U32, 0, c -> c.network().restrictedNatRetries());

    static final ConfigKey<String> TLS_CERTIFICATE_PATH =
            key("network.tls.certificate_path", STRING, "", c -> c.network().tls().certificatePath());
    static final ConfigKey<String> TLS_PRIVATE_KEY_PATH =
            key("network.tls.private_key_path", STRING, "", c -> c.network().tls().privateKeyPath());
    static final ConfigKey<Duration> TLS_CONNECTION_INITIAL_TIMEOUT = key("network.tls.connection_initial_timeout_ms",
            MILLIS, Duration.ofMillis(2000), c -> c.network().tls().connectionInitialTimeout());

    static final ConfigKey<Boolean> UDP_ENABLED =
            key("network.protocol.udp.enabled", BOOL, true, c -> c.network().protocol().udp().enabled());
    static final ConfigKey<Integer> UDP_SOCKET_POOL_SIZE =
            key("network.protocol.udp.socket_pool_size", U32, 0, c -> c.network().protocol().udp().socketPoolSize());
    static final ConfigKey<String> UDP_LISTEN_ADDRESS =
            key("network.protocol.udp.listen_address", STRING, "", c -> c.network().protocol().udp().listenAddress());
    static final ConfigKey<Optional<String>> UDP_PUBLIC_ADDRESS = key("network.protocol.udp.public_address",
            ValueType.optional(STRING), Optional.empty(), c -> c.network().protocol().udp().publicAddress());

    static final ConfigKey<Boolean> TCP_CONNECT =
            key("network.protocol.tcp.connect", BOOL, true, c -> c.network().protocol().tcp().connect());
    static final ConfigKey<Boolean> TCP_LISTEN =
            key("network.protocol.tcp.listen", BOOL, true, c -> c.network().protocol().tcp().listen());
    static final ConfigKey<Integer> TCP_MAX_CONNECTIONS =
            key("network.protocol.tcp.max_connections", U32, 32, c -> c.network().protocol().tcp().maxConnections());
    static final ConfigKey<String> TCP_LISTEN_ADDRESS =
            key("network.protocol.tcp.listen_address", STRING, "", c -> c.network().protocol().tcp().listenAddress());
    static final ConfigKey<Optional<String>> TCP_PUBLIC_ADDRESS = key("network.protocol.tcp.public_address",
            ValueType.optional(STRING), Optional.empty(), c -> c.network().protocol().tcp().publicAddress());

    static final WebSocketKeys WS = webSocketKeys("network.protocol.ws", true, c -> c.network().protocol().ws());
    static final WebSocketKeys WSS = webSocketKeys("network.protocol.wss", false, c -> c.network().protocol().wss());

    static final ConfigKey<Boolean> REQUIRE_INBOUND_RELAY = key("network.privacy.require_inbound_relay", BOOL, false,
            c -> c.network().privacy().requireInboundRelay());

    static final ConfigKey<AddressProfile> ADDRESS_PROFILE = key("veilflux.address_profile",
            ValueType.parsed("stock or loopback-as-public", trimmed(AddressProfile::of), AddressProfile::configName),
            AddressProfile.STOCK, c -> c.veilflux().addressProfile());
    static final ConfigKey<Boolean> DIRECT_APP_MESSAGES =
            key("veilflux.direct_app_messages", BOOL, false, c -> c.veilflux().directAppMessages());
    static final ConfigKey<Optional<NodeId>> OUTBOUND_RELAY = key("veilflux.outbound_relay", ValueType.optional(NODE_ID),
            Optional.empty(), c -> c.veilflux().outboundRelay());
    static final ConfigKey<List<NodeId>> RELAY_CLIENT_ALLOWLIST = key("veilflux.relay_client_allowlist",
            ValueType.list(NODE_ID), List.of(), c -> c.veilflux().relayClientAllowlist());
    static final ConfigKey<NatProfile> NAT = key("veilflux.nat",
            ValueType.parsed("none or port-restricted", trimmed(NatProfile::of), NatProfile::configName),
            NatProfile.NONE, c -> c.veilflux().nat());
    static final ConfigKey<Optional<SocketAddress>> DNS_SERVER = key("veilflux.dns_server",
            ValueType.optional(ValueType.parsed("an IP address and port such as 9.9.9.9:53 or [2620:fe::fe]:53",
                    trimmed(SocketAddress::parse), SocketAddress::toString)),
            Optional.empty(), c -> c.veilflux().dnsServer());

    static final ConfigKey<Boolean> METRICS_ENABLED = key("metrics.enabled", BOOL, false, c -> c.metrics().enabled());
    static final ConfigKey<String> METRICS_BIND_ADDRESS =
            key("metrics.bind_address", STRING, "127.0.0.1", c -> c.metrics().bindAddress());
    static final ConfigKey<Integer> METRICS_PORT =
            key("metrics.port", ValueType.integer(0, 0xFFFF), 9464, c -> c.metrics().port());

    /**
     * Veilid settings veilflux does not implement (storage, private routes, DHT records, attachment
     * limits, veilid-server's own sections): accepted so that a veilid-server config file loads,
     * and logged as ignored.
     */
    private static final Set<String> IGNORED_SUBTREES = Set.of(
            "program_name", "namespace", "protected_store", "table_store", "block_store",
            "daemon", "client_api", "auto_attach", "logging", "testing",
            "network.disable_capabilites", "network.virtual_network", "network.privacy.country_code_denylist",
            "network.routing_table.limit_over_attached", "network.routing_table.limit_fully_attached",
            "network.routing_table.limit_attached_strong", "network.routing_table.limit_attached_good",
            "network.routing_table.limit_attached_weak",
            "network.rpc.max_route_hop_count", "network.rpc.default_route_hop_count",
            "network.dht.get_value_timeout_ms", "network.dht.get_value_count", "network.dht.get_value_fanout",
            "network.dht.set_value_timeout_ms", "network.dht.set_value_count", "network.dht.set_value_fanout",
            "network.dht.consensus_width", "network.dht.local_subkey_cache_size",
            "network.dht.local_max_subkey_cache_memory_mb", "network.dht.remote_subkey_cache_size",
            "network.dht.remote_max_records", "network.dht.remote_max_subkey_cache_memory_mb",
            "network.dht.remote_max_storage_space_mb", "network.dht.public_watch_limit",
            "network.dht.member_watch_limit", "network.dht.max_watch_expiration_ms",
            "network.dht.public_transaction_limit", "network.dht.member_transaction_limit");

    private static final String CORE_PREFIX = "core.";

    private ConfigKeys() {
    }

    /** The six keys of a WebSocket protocol section ({@code ws} or {@code wss}). */
    record WebSocketKeys(ConfigKey<Boolean> connect, ConfigKey<Boolean> listen, ConfigKey<Integer> maxConnections,
                         ConfigKey<String> listenAddress, ConfigKey<String> path, ConfigKey<Optional<String>> url) {
    }

    static Collection<ConfigKey<?>> all() {
        return Collections.unmodifiableCollection(BY_NAME.values());
    }

    /** Veilid's name for a key written with or without veilid-server's {@code core.} prefix. */
    static String normalize(String writtenKey) {
        String key = writtenKey.trim();
        if (key.equals("core")) {
            return "";
        }
        return key.startsWith(CORE_PREFIX) ? key.substring(CORE_PREFIX.length()) : key;
    }

    static Optional<ConfigKey<?>> find(String writtenKey) {
        return Optional.ofNullable(BY_NAME.get(normalize(writtenKey)));
    }

    /** Whether the key is a Veilid setting (or inside a section) that veilflux ignores. */
    static boolean isIgnored(String writtenKey) {
        String key = normalize(writtenKey);
        return IGNORED_SUBTREES.stream().anyMatch(ignored -> key.equals(ignored) || key.startsWith(ignored + "."));
    }

    /** Whether keys live below this path ({@code network.rpc}, or the root). */
    static boolean isSection(String writtenKey) {
        String key = normalize(writtenKey);
        return key.isEmpty() || BY_NAME.keySet().stream().anyMatch(name -> name.startsWith(key + "."));
    }

    /**
     * Applies {@code text} to the key through the builder.
     *
     * @return false when the key is a Veilid setting veilflux ignores
     * @throws ConfigException for an unknown key or a value of the wrong type
     */
    static boolean apply(VeilfluxConfig.Builder builder, String writtenKey, String text) {
        return apply(builder, writtenKey, key -> key.parse(writtenKey, text));
    }

    /** {@link #apply(VeilfluxConfig.Builder, String, String)} for a value read from YAML. */
    static boolean apply(VeilfluxConfig.Builder builder, String writtenKey, JsonNode node) {
        return apply(builder, writtenKey, key -> key.read(writtenKey, node));
    }

    static ConfigException unknown(String writtenKey) {
        String key = normalize(writtenKey);
        String hint = BY_NAME.keySet().stream()
                .min(Comparator.comparingInt(name -> editDistance(name, key)))
                .filter(name -> editDistance(name, key) <= Math.max(3, key.length() / 6))
                .map(name -> " (did you mean '" + name + "'?)")
                .orElse(" (keys are Veilid's names, such as network.rpc.timeout_ms, optionally prefixed with core.)");
        return new ConfigException(writtenKey, "unknown config key '" + writtenKey + "'" + hint);
    }

    private static boolean apply(VeilfluxConfig.Builder builder, String writtenKey,
                                 Function<ConfigKey<?>, Object> valueOf) {
        Optional<ConfigKey<?>> key = find(writtenKey);
        if (key.isEmpty()) {
            if (isIgnored(writtenKey)) {
                return false;
            }
            throw unknown(writtenKey);
        }
        builder.putParsed(key.get(), valueOf.apply(key.get()));
        return true;
    }

    private static <T> ConfigKey<T> key(String name, ValueType<T> type, T defaultValue,
                                        Function<VeilfluxConfig, T> read) {
        ConfigKey<T> key = new ConfigKey<>(name, type, defaultValue, read);
        if (BY_NAME.putIfAbsent(name, key) != null) {
            throw new IllegalStateException("config key " + name + " defined twice");
        }
        return key;
    }

    private static <T> Function<String, T> trimmed(Function<String, T> parser) {
        return text -> parser.apply(text.trim());
    }

    private static WebSocketKeys webSocketKeys(String prefix, boolean listen, Function<VeilfluxConfig, WebSocket> section) {
        return new WebSocketKeys(
                key(prefix + ".connect", BOOL, true, section.andThen(WebSocket::connect)),
                key(prefix + ".listen", BOOL, listen, section.andThen(WebSocket::listen)),
                key(prefix + ".max_connections", U32, 32, section.andThen(WebSocket::maxConnections)),
                key(prefix + ".listen_address", STRING, "", section.andThen(WebSocket::listenAddress)),
                key(prefix + ".path", STRING, "ws", section.andThen(WebSocket::path)),
                key(prefix + ".url", ValueType.optional(STRING), Optional.empty(), section.andThen(WebSocket::url)));
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
