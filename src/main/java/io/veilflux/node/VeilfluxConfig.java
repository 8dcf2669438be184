package io.veilflux.node;

import static io.veilflux.node.ConfigKeys.ADDRESS_PROFILE;
import static io.veilflux.node.ConfigKeys.BOOTSTRAP;
import static io.veilflux.node.ConfigKeys.BOOTSTRAP_KEYS;
import static io.veilflux.node.ConfigKeys.CAPABILITIES_DISABLE;
import static io.veilflux.node.ConfigKeys.CLIENT_ALLOWLIST_TIMEOUT;
import static io.veilflux.node.ConfigKeys.CONNECTION_INACTIVITY_TIMEOUT;
import static io.veilflux.node.ConfigKeys.CONNECTION_INITIAL_TIMEOUT;
import static io.veilflux.node.ConfigKeys.DETECT_ADDRESS_CHANGES;
import static io.veilflux.node.ConfigKeys.DHT_MAX_FIND_NODE_COUNT;
import static io.veilflux.node.ConfigKeys.DHT_MIN_PEER_COUNT;
import static io.veilflux.node.ConfigKeys.DHT_MIN_PEER_REFRESH_TIME;
import static io.veilflux.node.ConfigKeys.DHT_RESOLVE_NODE_COUNT;
import static io.veilflux.node.ConfigKeys.DHT_RESOLVE_NODE_FANOUT;
import static io.veilflux.node.ConfigKeys.DHT_RESOLVE_NODE_TIMEOUT;
import static io.veilflux.node.ConfigKeys.DHT_VALIDATE_DIAL_INFO_RECEIPT_TIME;
import static io.veilflux.node.ConfigKeys.DIRECT_APP_MESSAGES;
import static io.veilflux.node.ConfigKeys.DNS_SERVER;
import static io.veilflux.node.ConfigKeys.HOLE_PUNCH_RECEIPT_TIME;
import static io.veilflux.node.ConfigKeys.MAX_CONNECTIONS_PER_IP4;
import static io.veilflux.node.ConfigKeys.MAX_CONNECTIONS_PER_IP6_PREFIX;
import static io.veilflux.node.ConfigKeys.MAX_CONNECTIONS_PER_IP6_PREFIX_SIZE;
import static io.veilflux.node.ConfigKeys.MAX_CONNECTION_FREQUENCY_PER_MIN;
import static io.veilflux.node.ConfigKeys.METRICS_BIND_ADDRESS;
import static io.veilflux.node.ConfigKeys.METRICS_ENABLED;
import static io.veilflux.node.ConfigKeys.METRICS_PORT;
import static io.veilflux.node.ConfigKeys.NAT;
import static io.veilflux.node.ConfigKeys.NETWORK_KEY_PASSWORD;
import static io.veilflux.node.ConfigKeys.OUTBOUND_RELAY;
import static io.veilflux.node.ConfigKeys.PUBLIC_KEYS;
import static io.veilflux.node.ConfigKeys.RELAY_CLIENT_ALLOWLIST;
import static io.veilflux.node.ConfigKeys.REQUIRE_INBOUND_RELAY;
import static io.veilflux.node.ConfigKeys.RESTRICTED_NAT_RETRIES;
import static io.veilflux.node.ConfigKeys.REVERSE_CONNECTION_RECEIPT_TIME;
import static io.veilflux.node.ConfigKeys.RPC_CONCURRENCY;
import static io.veilflux.node.ConfigKeys.RPC_MAX_TIMESTAMP_AHEAD;
import static io.veilflux.node.ConfigKeys.RPC_MAX_TIMESTAMP_BEHIND;
import static io.veilflux.node.ConfigKeys.RPC_QUEUE_SIZE;
import static io.veilflux.node.ConfigKeys.RPC_TIMEOUT;
import static io.veilflux.node.ConfigKeys.SECRET_KEYS;
import static io.veilflux.node.ConfigKeys.TCP_CONNECT;
import static io.veilflux.node.ConfigKeys.TCP_LISTEN;
import static io.veilflux.node.ConfigKeys.TCP_LISTEN_ADDRESS;
import static io.veilflux.node.ConfigKeys.TCP_MAX_CONNECTIONS;
import static io.veilflux.node.ConfigKeys.TCP_PUBLIC_ADDRESS;
import static io.veilflux.node.ConfigKeys.TLS_CERTIFICATE_PATH;
import static io.veilflux.node.ConfigKeys.TLS_CONNECTION_INITIAL_TIMEOUT;
import static io.veilflux.node.ConfigKeys.TLS_PRIVATE_KEY_PATH;
import static io.veilflux.node.ConfigKeys.UDP_ENABLED;
import static io.veilflux.node.ConfigKeys.UDP_LISTEN_ADDRESS;
import static io.veilflux.node.ConfigKeys.UDP_PUBLIC_ADDRESS;
import static io.veilflux.node.ConfigKeys.UDP_SOCKET_POOL_SIZE;
import static io.veilflux.node.ConfigKeys.UPNP;
import static io.veilflux.node.ConfigKeys.WS;
import static io.veilflux.node.ConfigKeys.WSS;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoSystem;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.crypto.SecretKey;
import io.veilflux.crypto.TypedValue;
import io.veilflux.net.SocketAddress;
import io.veilflux.node.ConfigKeys.WebSocketKeys;
import io.veilflux.routing.FourCc;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's whole configuration: every Veilid {@code network.*} setting veilflux implements, under
 * Veilid's names and with Veilid's defaults ({@code veilid_config.rs}, 0.5.2), Veilid's
 * {@code capabilities.disable}, and veilflux's own {@code veilflux.*} and {@code metrics.*}
 * sections. Immutable; every record checks its values when built, with messages that name the
 * key. Make one with {@link #builder()}, from a file with {@link ConfigFile}, or take
 * {@link #defaults()}.
 *
 * @param capabilities Veilid's {@code capabilities} section
 * @param network Veilid's {@code network} section
 * @param veilflux veilflux's additions, {@code veilflux.*}
 * @param metrics the metrics endpoint, {@code metrics.*}
 */
public record VeilfluxConfig(Capabilities capabilities, Network network, Extensions veilflux, Metrics metrics) {

    public VeilfluxConfig {
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(veilflux, "veilflux");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** Veilid's defaults throughout. */
    public static VeilfluxConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration, to change some of it. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        ConfigKeys.all().forEach(key -> copyInto(builder, key));
        return builder;
    }

    /**
     * Every key with its value in the text form {@link Builder#set} reads, in Veilid's order.
     * Includes the node's secret key and the network key password.
     */
    public Map<String, String> toProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        ConfigKeys.all().forEach(key -> out.put(key.name(), key.format(this)));
        return out;
    }

    private <T> void copyInto(Builder builder, ConfigKey<T> key) {
        builder.put(key, key.read().apply(this));
    }

    /**
     * Veilid's {@code capabilities}.
     *
     * @param disable capabilities this node does not offer; {@code RLAY} also refuses inbound relaying
     */
    public record Capabilities(List<FourCc> disable) {
        public Capabilities {
            disable = List.copyOf(CAPABILITIES_DISABLE.check(disable));
        }
    }

    /**
     * Veilid's {@code network} section.
     *
     * @param connectionInitialTimeout {@code connection_initial_timeout_ms}: connects, protocol sniffing, WS handshakes
     * @param connectionInactivityTimeout {@code connection_inactivity_timeout_ms}: idle connections close
     * @param maxConnectionsPerIp4 {@code max_connections_per_ip4}
     * @param maxConnectionsPerIp6Prefix {@code max_connections_per_ip6_prefix}
     * @param maxConnectionsPerIp6PrefixSize {@code max_connections_per_ip6_prefix_size}: the IPv6 block in bits
     * @param maxConnectionFrequencyPerMin {@code max_connection_frequency_per_min}
     * @param clientAllowlistTimeout {@code client_allowlist_timeout_ms}
     * @param reverseConnectionReceiptTime {@code reverse_connection_receipt_time_ms}
     * @param holePunchReceiptTime {@code hole_punch_receipt_time_ms}
     * @param networkKeyPassword {@code network_key_password}: none (or empty) for Veilid's public network
     * @param detectAddressChanges {@code detect_address_changes}: empty is "auto"
     * @param restrictedNatRetries {@code restricted_nat_retries}
     */
    public record Network(Duration connectionInitialTimeout, Duration connectionInactivityTimeout,
                          int maxConnectionsPerIp4, int maxConnectionsPerIp6Prefix, int maxConnectionsPerIp6PrefixSize,
                          int maxConnectionFrequencyPerMin, Duration clientAllowlistTimeout,
                          Duration reverseConnectionReceiptTime, Duration holePunchReceiptTime,
                          Optional<Password> networkKeyPassword, RoutingTable routingTable, Rpc rpc, Dht dht,
                          boolean upnp, Optional<Boolean> detectAddressChanges, int restrictedNatRetries, Tls tls,
                          Protocol protocol, Privacy privacy) {
        public Network {
            positive(CONNECTION_INITIAL_TIMEOUT, connectionInitialTimeout);
            positive(CONNECTION_INACTIVITY_TIMEOUT, connectionInactivityTimeout);
            atLeast(MAX_CONNECTIONS_PER_IP4, maxConnectionsPerIp4, 1, "0 would refuse every IPv4 connection");
            atLeast(MAX_CONNECTIONS_PER_IP6_PREFIX, maxConnectionsPerIp6Prefix, 1, "0 would refuse every IPv6 connection");
            MAX_CONNECTIONS_PER_IP6_PREFIX_SIZE.check(maxConnectionsPerIp6PrefixSize);
            atLeast(MAX_CONNECTION_FREQUENCY_PER_MIN, maxConnectionFrequencyPerMin, 1, "0 would refuse every connection");
            CLIENT_ALLOWLIST_TIMEOUT.check(clientAllowlistTimeout);
            REVERSE_CONNECTION_RECEIPT_TIME.check(reverseConnectionReceiptTime);
            HOLE_PUNCH_RECEIPT_TIME.check(holePunchReceiptTime);
            // Veilid runs without a network key when the password is empty
            networkKeyPassword = NETWORK_KEY_PASSWORD.check(networkKeyPassword).filter(p -> !p.value().isEmpty());
            Objects.requireNonNull(routingTable, "routingTable");
            Objects.requireNonNull(rpc, "rpc");
            Objects.requireNonNull(dht, "dht");
            DETECT_ADDRESS_CHANGES.check(detectAddressChanges);
            RESTRICTED_NAT_RETRIES.check(restrictedNatRetries);
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(privacy, "privacy");
            if (protocol.wss().listen()) {
                require(!tls.certificatePath().isBlank(), TLS_CERTIFICATE_PATH,
                        "must name a PEM certificate chain when " + WSS.listen() + " is true");
                require(!tls.privateKeyPath().isBlank(), TLS_PRIVATE_KEY_PATH,
                        "must name a PEM private key when " + WSS.listen() + " is true");
            }
        }
    }

    /**
     * A secret string, such as the network key password, kept out of {@code toString()} so that
     * logging a configuration does not leak it.
     */
    public record Password(String value) {
        public Password {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "<hidden>";
        }
    }

    /**
     * Veilid's {@code network.routing_table} settings veilflux uses.
     *
     * @param nodeKeyPair {@code public_keys} and {@code secret_keys}: the node's VLD0 key pair; empty
     *     to have one generated
     * @param bootstrap {@code bootstrap}: host names for DNS TXT bootstrap, or dial info URLs
     * @param bootstrapKeys {@code bootstrap_keys}: keys that sign bootstrap records; empty accepts
     *     unsigned (v0) records
     */
    public record RoutingTable(Optional<KeyPair> nodeKeyPair, List<String> bootstrap, List<PublicKey> bootstrapKeys) {
        public RoutingTable {
            Objects.requireNonNull(nodeKeyPair, "nodeKeyPair");
            nodeKeyPair.ifPresent(pair -> {
                CryptoSystem system = supported(SECRET_KEYS, pair.secret());
                require(system.validateKeyPair(pair.key(), pair.secret()), SECRET_KEYS,
                        "does not belong to " + PUBLIC_KEYS + " " + pair.key().encode());
            });
            bootstrap = List.copyOf(BOOTSTRAP.check(bootstrap));
            bootstrap.forEach(entry -> require(!entry.isBlank(), BOOTSTRAP, "must not contain empty entries"));
            bootstrapKeys = List.copyOf(BOOTSTRAP_KEYS.check(bootstrapKeys));
            bootstrapKeys.forEach(key -> supportedLength(BOOTSTRAP_KEYS, key, CryptoSystem::publicKeyLength));
        }
    }

    /**
     * Veilid's {@code network.rpc}.
     *
     * @param concurrency {@code concurrency}: RPC and relay workers; 0 is cores × 16
     * @param queueSize {@code queue_size}: waiting operations and relays
     * @param maxTimestampBehind {@code max_timestamp_behind_ms}: empty or zero turns the check off
     * @param maxTimestampAhead {@code max_timestamp_ahead_ms}: empty or zero turns the check off
     * @param timeout {@code timeout_ms}: how long a question waits for its answer
     */
    public record Rpc(int concurrency, int queueSize, Optional<Duration> maxTimestampBehind,
                      Optional<Duration> maxTimestampAhead, Duration timeout) {
        /** Veilid's lower bounds (config validation in {@code veilid_config.rs}). */
        public static final int MIN_QUEUE_SIZE = 256;
        public static final Duration MIN_TIMEOUT = Duration.ofMillis(1000);

        public Rpc {
            RPC_CONCURRENCY.check(concurrency);
            atLeast(RPC_QUEUE_SIZE, queueSize, MIN_QUEUE_SIZE, "Veilid's minimum");
            RPC_MAX_TIMESTAMP_BEHIND.check(maxTimestampBehind);
            RPC_MAX_TIMESTAMP_AHEAD.check(maxTimestampAhead);
            require(RPC_TIMEOUT.check(timeout).compareTo(MIN_TIMEOUT) >= 0, RPC_TIMEOUT,
                    "must be at least " + MIN_TIMEOUT.toMillis() + " (Veilid's minimum), got " + timeout.toMillis());
        }
    }

    /**
     * The {@code network.dht} settings the routing table and RPC processor use.
     *
     * @param maxFindNodeCount {@code max_find_node_count}: peers in a FindNode answer
     * @param resolveNodeTimeout {@code resolve_node_timeout_ms}
     * @param resolveNodeCount {@code resolve_node_count}
     * @param resolveNodeFanout {@code resolve_node_fanout}
     * @param minPeerCount {@code min_peer_count}
     * @param minPeerRefreshTime {@code min_peer_refresh_time_ms}
     * @param validateDialInfoReceiptTime {@code validate_dial_info_receipt_time_ms}
     */
    public record Dht(int maxFindNodeCount, Duration resolveNodeTimeout, int resolveNodeCount, int resolveNodeFanout,
                      int minPeerCount, Duration minPeerRefreshTime, Duration validateDialInfoReceiptTime) {
        public Dht {
            atLeast(DHT_MAX_FIND_NODE_COUNT, maxFindNodeCount, 1, "a FindNode answer needs room for a peer");
            positive(DHT_RESOLVE_NODE_TIMEOUT, resolveNodeTimeout);
            atLeast(DHT_RESOLVE_NODE_COUNT, resolveNodeCount, 1, "a lookup needs a result");
            atLeast(DHT_RESOLVE_NODE_FANOUT, resolveNodeFanout, 1, "a lookup needs someone to ask");
            DHT_MIN_PEER_COUNT.check(minPeerCount);
            positive(DHT_MIN_PEER_REFRESH_TIME, minPeerRefreshTime);
            positive(DHT_VALIDATE_DIAL_INFO_RECEIPT_TIME, validateDialInfoReceiptTime);
        }
    }

    /**
     * Veilid's {@code network.tls}: the WSS listener's PEM files.
     *
     * @param connectionInitialTimeout {@code connection_initial_timeout_ms}: TLS sniffing and WSS handshakes
     */
    public record Tls(String certificatePath, String privateKeyPath, Duration connectionInitialTimeout) {
        public Tls {
            TLS_CERTIFICATE_PATH.check(certificatePath);
            TLS_PRIVATE_KEY_PATH.check(privateKeyPath);
            positive(TLS_CONNECTION_INITIAL_TIMEOUT, connectionInitialTimeout);
        }

        public Optional<Path> certificate() {
            return certificatePath.isBlank() ? Optional.empty() : Optional.of(Path.of(certificatePath));
        }

        public Optional<Path> privateKey() {
            return privateKeyPath.isBlank() ? Optional.empty() : Optional.of(Path.of(privateKeyPath));
        }
    }

    /**
     * Veilid's {@code network.protocol}, checked as Veilid does: a listening connection protocol
     * needs {@code max_connections > 0}, a listening WSS a {@code url}, and every address must parse.
     */
    public record Protocol(Udp udp, Tcp tcp, WebSocket ws, WebSocket wss) {
        public Protocol {
            Objects.requireNonNull(udp, "udp");
            Objects.requireNonNull(tcp, "tcp");
            Objects.requireNonNull(ws, "ws");
            Objects.requireNonNull(wss, "wss");
            UDP_SOCKET_POOL_SIZE.check(udp.socketPoolSize());
            listenAddress(UDP_LISTEN_ADDRESS, udp.listenAddress());
            UDP_PUBLIC_ADDRESS.check(udp.publicAddress()).ifPresent(address -> publicAddress(UDP_PUBLIC_ADDRESS, address));
            maxConnections(TCP_MAX_CONNECTIONS, tcp.maxConnections(), tcp.listen(), TCP_LISTEN);
            listenAddress(TCP_LISTEN_ADDRESS, tcp.listenAddress());
            TCP_PUBLIC_ADDRESS.check(tcp.publicAddress()).ifPresent(address -> publicAddress(TCP_PUBLIC_ADDRESS, address));
            webSocket(WS, ws, "ws");
            webSocket(WSS, wss, "wss");
            if (wss.listen()) {
                require(wss.url().filter(url -> !url.isBlank()).isPresent(), WSS.url(),
                        "must be set when " + WSS.listen() + " is true: WSS dial info is only ever the configured URL");
            }
        }

        private static void webSocket(WebSocketKeys keys, WebSocket section, String scheme) {
            maxConnections(keys.maxConnections(), section.maxConnections(), section.listen(), keys.listen());
            listenAddress(keys.listenAddress(), section.listenAddress());
            keys.path().check(section.path());
            keys.url().check(section.url()).filter(url -> !url.isBlank()).ifPresent(url -> url(keys.url(), url, scheme));
        }

        private static void maxConnections(ConfigKey<Integer> key, int value, boolean listen, ConfigKey<Boolean> listenKey) {
            key.check(value);
            require(!listen || value > 0, key, "must be greater than 0 when " + listenKey + " is true");
        }

        private static void listenAddress(ConfigKey<String> key, String value) {
            try {
                ListenAddress.parse(key.check(value));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key.name(), key + ": " + e.getMessage()
                        + " (expected empty, :port, port, host, host:port or [ipv6]:port)", e);
            }
        }

        private static void publicAddress(ConfigKey<Optional<String>> key, String value) {
            try {
                ListenAddress parsed = ListenAddress.parse(value);
                require(parsed.host().isPresent() && value.contains(":"), key, "is '" + value + "'");
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key.name(), key + ": " + e.getMessage()
                        + " (expected host:port or [ipv6]:port)", e);
            }
        }

        private static void url(ConfigKey<Optional<String>> key, String value, String scheme) {
            try {
                URI uri = new URI(value);
                require(scheme.equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null, key,
                        "must be a " + scheme + "://host[:port]/path URL, got '" + value + "'");
            } catch (URISyntaxException e) {
                throw new ConfigException(key.name(), key + ": '" + value + "' is not a URL: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Veilid's {@code network.protocol.udp}.
     *
     * @param socketPoolSize {@code socket_pool_size}: receive tasks; 0 is max(1, cores / 2)
     * @param listenAddress see {@link ListenAddress}
     * @param publicAddress {@code host:port} published as static public dial info
     */
    public record Udp(boolean enabled, int socketPoolSize, String listenAddress, Optional<String> publicAddress) {
        public Udp {
            Objects.requireNonNull(listenAddress, "listenAddress");
            Objects.requireNonNull(publicAddress, "publicAddress");
        }
    }

    /** Veilid's {@code network.protocol.tcp}. */
    public record Tcp(boolean connect, boolean listen, int maxConnections, String listenAddress,
                      Optional<String> publicAddress) {
        public Tcp {
            Objects.requireNonNull(listenAddress, "listenAddress");
            Objects.requireNonNull(publicAddress, "publicAddress");
        }
    }

    /**
     * Veilid's {@code network.protocol.ws} or {@code wss}.
     *
     * @param path the HTTP path WebSocket upgrades are accepted on ({@code ws})
     * @param url the public URL published as dial info (WSS: required when listening)
     */
    public record WebSocket(boolean connect, boolean listen, int maxConnections, String listenAddress, String path,
                            Optional<String> url) {
        public WebSocket {
            Objects.requireNonNull(listenAddress, "listenAddress");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(url, "url");
        }
    }

    /**
     * Veilid's {@code network.privacy}.
     *
     * @param requireInboundRelay no public dial info: always reached through a relay
     */
    public record Privacy(boolean requireInboundRelay) {
    }

    /**
     * veilflux's own settings, {@code veilflux.*}.
     *
     * @param addressProfile {@code address_profile}: {@code stock}, or {@code loopback-as-public} for tests
     * @param directAppMessages {@code direct_app_messages}: Veilid's {@code footgun} build feature,
     *     accepting app messages and calls sent directly instead of over a private route; veilflux
     *     has no private routes, so nodes exchanging app messages need it
     * @param outboundRelay {@code outbound_relay}: the relay a client uses instead of choosing one
     * @param relayClientAllowlist {@code relay_client_allowlist}: the only clients this node relays
     *     for; empty for any
     * @param nat {@code nat}: {@code none}, or {@code port-restricted} to act as behind such a NAT
     *     (for networks of nodes on one machine)
     * @param dnsServer {@code dns_server}: the server DNS TXT bootstrap asks; empty for the system's
     *     resolver configuration
     */
    public record Extensions(AddressProfile addressProfile, boolean directAppMessages, Optional<NodeId> outboundRelay,
                             List<NodeId> relayClientAllowlist, NatProfile nat, Optional<SocketAddress> dnsServer) {
        public Extensions {
            ADDRESS_PROFILE.check(addressProfile);
            OUTBOUND_RELAY.check(outboundRelay).ifPresent(id -> supportedLength(OUTBOUND_RELAY, id, s -> Crypto.HASH_COORDINATE_LENGTH));
            relayClientAllowlist = List.copyOf(RELAY_CLIENT_ALLOWLIST.check(relayClientAllowlist));
            relayClientAllowlist.forEach(id -> supportedLength(RELAY_CLIENT_ALLOWLIST, id, s -> Crypto.HASH_COORDINATE_LENGTH));
            NAT.check(nat);
            DNS_SERVER.check(dnsServer).ifPresent(server -> require(server.port() > 0, DNS_SERVER,
                    "needs a port other than 0, such as " + server.address() + ":53"));
        }
    }

    /**
     * The metrics endpoint, {@code metrics.*}; off unless enabled.
     *
     * @param bindAddress the address it listens on (loopback by default)
     * @param port its port; 0 lets the system pick one
     */
    public record Metrics(boolean enabled, String bindAddress, int port) {
        public Metrics {
            require(!METRICS_BIND_ADDRESS.check(bindAddress).isBlank(), METRICS_BIND_ADDRESS, "must not be empty");
            METRICS_PORT.check(port);
        }
    }

    private static final Crypto CRYPTO = Crypto.standard();

    private static CryptoSystem supported(ConfigKey<?> key, TypedValue value) {
        return CRYPTO.get(value.kind()).orElseThrow(() -> new ConfigException(key.name(), key + ": crypto kind "
                + value.kind() + " is not supported (supported: " + CRYPTO.validKinds() + ")"));
    }

    private static void supportedLength(ConfigKey<?> key, TypedValue value,
                                        ToIntFunction<CryptoSystem> length) {
        int expected = length.applyAsInt(supported(key, value));
        require(value.value().length() == expected, key,
                value.encode() + " is " + value.value().length() + " bytes, not " + expected);
    }

    private static void positive(ConfigKey<Duration> key, Duration value) {
        require(!key.check(value).isZero(), key, "must be greater than 0");
    }

    private static void atLeast(ConfigKey<Integer> key, int value, int min, String why) {
        key.check(value);
        require(value >= min, key, "must be at least " + min + ", got " + value + " (" + why + ")");
    }

    private static void require(boolean ok, ConfigKey<?> key, String problem) {
        if (!ok) {
            throw new ConfigException(key.name(), key + " " + problem);
        }
    }

    /**
     * Builds a {@link VeilfluxConfig} (what {@code VeilfluxNode.builder()} exposes). Starts from
     * Veilid's defaults; a setter per key, {@link #set} for any key by Veilid's name (the path
     * command-line flags and files take), and {@link #file} for a config file. Values are checked
     * as they are set and again, together, by {@link #build()}.
     */
    public static final class Builder {
        private static final Logger LOG = LoggerFactory.getLogger(Builder.class);

        private final Map<ConfigKey<?>, Object> values = new HashMap<>();

        private Builder() {
        }

        /**
         * Sets a key by Veilid's name, with or without veilid-server's {@code core.} prefix
         * ({@code network.rpc.timeout_ms}, {@code core.network.rpc.timeout_ms}). Lists are
         * {@code a,b} or {@code [a, b]}; empty text clears an optional value. Veilid settings
         * veilflux does not implement are logged and ignored.
         *
         * @throws ConfigException for an unknown key or a value the key does not accept
         */
        public Builder set(String veilidKey, String value) {
            Objects.requireNonNull(value, "value");
            if (!ConfigKeys.apply(this, veilidKey, value)) {
                LOG.info("{} is a Veilid setting veilflux does not implement; ignored", veilidKey);
            }
            return this;
        }

        /** Applies a YAML (veilid-server layout) or {@code .properties} file; see {@link ConfigFile}. */
        public Builder file(Path file) {
            ConfigFile.read(file, this);
            return this;
        }

        /** Checks every value together and makes the configuration. */
        public VeilfluxConfig build() {
            Network network = new Network(get(CONNECTION_INITIAL_TIMEOUT), get(CONNECTION_INACTIVITY_TIMEOUT),
                    get(MAX_CONNECTIONS_PER_IP4), get(MAX_CONNECTIONS_PER_IP6_PREFIX),
                    get(MAX_CONNECTIONS_PER_IP6_PREFIX_SIZE), get(MAX_CONNECTION_FREQUENCY_PER_MIN),
                    get(CLIENT_ALLOWLIST_TIMEOUT), get(REVERSE_CONNECTION_RECEIPT_TIME), get(HOLE_PUNCH_RECEIPT_TIME),
                    get(NETWORK_KEY_PASSWORD),
                    new RoutingTable(nodeKeyPair(), get(BOOTSTRAP), get(BOOTSTRAP_KEYS)),
                    new Rpc(get(RPC_CONCURRENCY), get(RPC_QUEUE_SIZE), get(RPC_MAX_TIMESTAMP_BEHIND),
                            get(RPC_MAX_TIMESTAMP_AHEAD), get(RPC_TIMEOUT)),
                    new Dht(get(DHT_MAX_FIND_NODE_COUNT), get(DHT_RESOLVE_NODE_TIMEOUT), get(DHT_RESOLVE_NODE_COUNT),
                            get(DHT_RESOLVE_NODE_FANOUT), get(DHT_MIN_PEER_COUNT), get(DHT_MIN_PEER_REFRESH_TIME),
                            get(DHT_VALIDATE_DIAL_INFO_RECEIPT_TIME)),
                    get(UPNP), get(DETECT_ADDRESS_CHANGES), get(RESTRICTED_NAT_RETRIES),
                    new Tls(get(TLS_CERTIFICATE_PATH), get(TLS_PRIVATE_KEY_PATH), get(TLS_CONNECTION_INITIAL_TIMEOUT)),
                    new Protocol(
                            new Udp(get(UDP_ENABLED), get(UDP_SOCKET_POOL_SIZE), get(UDP_LISTEN_ADDRESS),
                                    get(UDP_PUBLIC_ADDRESS)),
                            new Tcp(get(TCP_CONNECT), get(TCP_LISTEN), get(TCP_MAX_CONNECTIONS), get(TCP_LISTEN_ADDRESS),
                                    get(TCP_PUBLIC_ADDRESS)),
                            webSocket(WS), webSocket(WSS)),
                    new Privacy(get(REQUIRE_INBOUND_RELAY)));
            return new VeilfluxConfig(new Capabilities(get(CAPABILITIES_DISABLE)), network,
                    new Extensions(get(ADDRESS_PROFILE), get(DIRECT_APP_MESSAGES), get(OUTBOUND_RELAY),
                            get(RELAY_CLIENT_ALLOWLIST), get(NAT), get(DNS_SERVER)),
                    new Metrics(get(METRICS_ENABLED), get(METRICS_BIND_ADDRESS), get(METRICS_PORT)));
        }

        // capabilities

        /** {@code capabilities.disable}. */
        public Builder disableCapabilities(FourCc... capabilities) {
            return put(CAPABILITIES_DISABLE, List.of(capabilities));
        }

        // network

        /** {@code network.connection_initial_timeout_ms}. */
        public Builder connectionInitialTimeout(Duration timeout) {
            return put(CONNECTION_INITIAL_TIMEOUT, timeout);
        }

        /** {@code network.connection_inactivity_timeout_ms}. */
        public Builder connectionInactivityTimeout(Duration timeout) {
            return put(CONNECTION_INACTIVITY_TIMEOUT, timeout);
        }

        /** {@code network.max_connections_per_ip4}. */
        public Builder maxConnectionsPerIp4(int max) {
            return put(MAX_CONNECTIONS_PER_IP4, max);
        }

        /** {@code network.max_connections_per_ip6_prefix}. */
        public Builder maxConnectionsPerIp6Prefix(int max) {
            return put(MAX_CONNECTIONS_PER_IP6_PREFIX, max);
        }

        /** {@code network.max_connections_per_ip6_prefix_size}. */
        public Builder maxConnectionsPerIp6PrefixSize(int bits) {
            return put(MAX_CONNECTIONS_PER_IP6_PREFIX_SIZE, bits);
        }

        /** {@code network.max_connection_frequency_per_min}. */
        public Builder maxConnectionFrequencyPerMin(int max) {
            return put(MAX_CONNECTION_FREQUENCY_PER_MIN, max);
        }

        /** {@code network.client_allowlist_timeout_ms}. */
        public Builder clientAllowlistTimeout(Duration timeout) {
            return put(CLIENT_ALLOWLIST_TIMEOUT, timeout);
        }

        /** {@code network.reverse_connection_receipt_time_ms}. */
        public Builder reverseConnectionReceiptTime(Duration time) {
            return put(REVERSE_CONNECTION_RECEIPT_TIME, time);
        }

        /** {@code network.hole_punch_receipt_time_ms}. */
        public Builder holePunchReceiptTime(Duration time) {
            return put(HOLE_PUNCH_RECEIPT_TIME, time);
        }

        /** {@code network.network_key_password}: a private network's password. */
        public Builder networkKeyPassword(String password) {
            return put(NETWORK_KEY_PASSWORD, Optional.of(new Password(password)));
        }

        // network.routing_table

        /** {@code network.routing_table.public_keys} and {@code secret_keys}: the node's key pair. */
        public Builder nodeKeyPair(KeyPair pair) {
            put(PUBLIC_KEYS, List.of(pair.key()));
            return put(SECRET_KEYS, List.of(pair.secret()));
        }

        /** The node's key pair in {@code veilflux keygen}'s form, {@code VLD0:<public>:<secret>}. */
        public Builder nodeKeyPair(String keygenForm) {
            try {
                return nodeKeyPair(KeyPair.parse(keygenForm));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(SECRET_KEYS.name(), "node key pair: " + e.getMessage()
                        + " (expected veilflux keygen's KIND:public:secret)", e);
            }
        }

        /** {@code network.routing_table.bootstrap}: host names or dial info URLs. */
        public Builder bootstrap(String... entries) {
            return put(BOOTSTRAP, List.of(entries));
        }

        /** {@code network.routing_table.bootstrap_keys}; none accepts unsigned bootstrap records. */
        public Builder bootstrapKeys(PublicKey... keys) {
            return put(BOOTSTRAP_KEYS, List.of(keys));
        }

        // network.rpc

        /** {@code network.rpc.concurrency}; 0 is cores × 16. */
        public Builder rpcConcurrency(int workers) {
            return put(RPC_CONCURRENCY, workers);
        }

        /** {@code network.rpc.queue_size}; at least 256. */
        public Builder rpcQueueSize(int size) {
            return put(RPC_QUEUE_SIZE, size);
        }

        /** {@code network.rpc.max_timestamp_behind_ms}; zero turns the check off. */
        public Builder rpcMaxTimestampBehind(Duration max) {
            return put(RPC_MAX_TIMESTAMP_BEHIND, Optional.of(max));
        }

        /** {@code network.rpc.max_timestamp_ahead_ms}; zero turns the check off. */
        public Builder rpcMaxTimestampAhead(Duration max) {
            return put(RPC_MAX_TIMESTAMP_AHEAD, Optional.of(max));
        }

        /** {@code network.rpc.timeout_ms}; at least one second. */
        public Builder rpcTimeout(Duration timeout) {
            return put(RPC_TIMEOUT, timeout);
        }

        // network.dht

        /** {@code network.dht.max_find_node_count}. */
        public Builder dhtMaxFindNodeCount(int count) {
            return put(DHT_MAX_FIND_NODE_COUNT, count);
        }

        /** {@code network.dht.resolve_node_timeout_ms}. */
        public Builder dhtResolveNodeTimeout(Duration timeout) {
            return put(DHT_RESOLVE_NODE_TIMEOUT, timeout);
        }

        /** {@code network.dht.resolve_node_count}. */
        public Builder dhtResolveNodeCount(int count) {
            return put(DHT_RESOLVE_NODE_COUNT, count);
        }

        /** {@code network.dht.resolve_node_fanout}. */
        public Builder dhtResolveNodeFanout(int fanout) {
            return put(DHT_RESOLVE_NODE_FANOUT, fanout);
        }

        /** {@code network.dht.min_peer_count}. */
        public Builder dhtMinPeerCount(int count) {
            return put(DHT_MIN_PEER_COUNT, count);
        }

        /** {@code network.dht.min_peer_refresh_time_ms}. */
        public Builder dhtMinPeerRefreshTime(Duration time) {
            return put(DHT_MIN_PEER_REFRESH_TIME, time);
        }

        /** {@code network.dht.validate_dial_info_receipt_time_ms}. */
        public Builder dhtValidateDialInfoReceiptTime(Duration time) {
            return put(DHT_VALIDATE_DIAL_INFO_RECEIPT_TIME, time);
        }

        // network: discovery

        /** {@code network.upnp}. */
        public Builder upnp(boolean enabled) {
            return put(UPNP, enabled);
        }

        /** {@code network.detect_address_changes}. */
        public Builder detectAddressChanges(boolean detect) {
            return put(DETECT_ADDRESS_CHANGES, Optional.of(detect));
        }

        /** {@code network.detect_address_changes: auto}: off only when the node has global IPv4 and IPv6. */
        public Builder detectAddressChangesAuto() {
            return put(DETECT_ADDRESS_CHANGES, Optional.empty());
        }

        /** {@code network.restricted_nat_retries}. */
        public Builder restrictedNatRetries(int retries) {
            return put(RESTRICTED_NAT_RETRIES, retries);
        }

        // network.tls

        /** {@code network.tls.certificate_path} and {@code private_key_path}: the WSS listener's PEM files. */
        public Builder tls(Path certificateChain, Path privateKey) {
            put(TLS_CERTIFICATE_PATH, certificateChain.toString());
            return put(TLS_PRIVATE_KEY_PATH, privateKey.toString());
        }

        /** {@code network.tls.connection_initial_timeout_ms}. */
        public Builder tlsConnectionInitialTimeout(Duration timeout) {
            return put(TLS_CONNECTION_INITIAL_TIMEOUT, timeout);
        }

        // network.protocol

        /** UDP on {@code port} on the unspecified addresses: {@code udp.enabled} and {@code udp.listen_address :port}. */
        public Builder listenUdp(int port) {
            put(UDP_ENABLED, true);
            return put(UDP_LISTEN_ADDRESS, portOnly(UDP_LISTEN_ADDRESS, port));
        }

        /**
         * The shared TCP port on the unspecified addresses: {@code tcp.listen} and the
         * {@code listen_address} of TCP, WS and WSS, which one socket serves together (spec
         * transport-bootstrap §3.4).
         */
        public Builder listenTcp(int port) {
            String address = portOnly(TCP_LISTEN_ADDRESS, port);
            put(TCP_LISTEN, true);
            put(TCP_LISTEN_ADDRESS, address);
            put(WS.listenAddress(), address);
            return put(WSS.listenAddress(), address);
        }

        /**
         * UDP and the shared TCP/WS(/WSS) socket on one listen address, in {@link ListenAddress}'s
         * forms ({@code 127.0.0.2:5150}, {@code :5150}, {@code 127.0.0.2:0} for any free port):
         * {@code udp.enabled}, {@code tcp.listen} and every protocol's {@code listen_address}.
         */
        public Builder listen(String address) {
            put(UDP_ENABLED, true);
            put(UDP_LISTEN_ADDRESS, address);
            put(TCP_LISTEN, true);
            put(TCP_LISTEN_ADDRESS, address);
            put(WS.listenAddress(), address);
            return put(WSS.listenAddress(), address);
        }

        /** {@code network.protocol.udp.enabled}: inbound and outbound UDP. */
        public Builder udpEnabled(boolean enabled) {
            return put(UDP_ENABLED, enabled);
        }

        /** {@code network.protocol.udp.socket_pool_size}. */
        public Builder udpSocketPoolSize(int size) {
            return put(UDP_SOCKET_POOL_SIZE, size);
        }

        /** {@code network.protocol.udp.listen_address}, in {@link ListenAddress}'s forms. */
        public Builder udpListenAddress(String address) {
            return put(UDP_LISTEN_ADDRESS, address);
        }

        /** {@code network.protocol.udp.public_address}: {@code host:port}. */
        public Builder udpPublicAddress(String address) {
            return put(UDP_PUBLIC_ADDRESS, Optional.of(address));
        }

        /** {@code network.protocol.tcp.connect}. */
        public Builder tcpConnect(boolean connect) {
            return put(TCP_CONNECT, connect);
        }

        /** {@code network.protocol.tcp.listen}. */
        public Builder tcpListen(boolean listen) {
            return put(TCP_LISTEN, listen);
        }

        /** {@code network.protocol.tcp.max_connections}. */
        public Builder tcpMaxConnections(int max) {
            return put(TCP_MAX_CONNECTIONS, max);
        }

        /** {@code network.protocol.tcp.listen_address}. */
        public Builder tcpListenAddress(String address) {
            return put(TCP_LISTEN_ADDRESS, address);
        }

        /** {@code network.protocol.tcp.public_address}: {@code host:port}. */
        public Builder tcpPublicAddress(String address) {
            return put(TCP_PUBLIC_ADDRESS, Optional.of(address));
        }

        /** {@code network.protocol.ws.connect}. */
        public Builder wsConnect(boolean connect) {
            return put(WS.connect(), connect);
        }

        /** {@code network.protocol.ws.listen}. */
        public Builder wsListen(boolean listen) {
            return put(WS.listen(), listen);
        }

        /** {@code network.protocol.ws.max_connections}. */
        public Builder wsMaxConnections(int max) {
            return put(WS.maxConnections(), max);
        }

        /** {@code network.protocol.ws.listen_address}. */
        public Builder wsListenAddress(String address) {
            return put(WS.listenAddress(), address);
        }

        /** {@code network.protocol.ws.path}. */
        public Builder wsPath(String path) {
            return put(WS.path(), path);
        }

        /** {@code network.protocol.ws.url}: the public {@code ws://} URL. */
        public Builder wsUrl(String url) {
            return put(WS.url(), Optional.of(url));
        }

        /** {@code network.protocol.wss.connect}. */
        public Builder wssConnect(boolean connect) {
            return put(WSS.connect(), connect);
        }

        /** {@code network.protocol.wss.listen}; needs {@link #tls} and {@link #wssUrl}. */
        public Builder wssListen(boolean listen) {
            return put(WSS.listen(), listen);
        }

        /** {@code network.protocol.wss.max_connections}. */
        public Builder wssMaxConnections(int max) {
            return put(WSS.maxConnections(), max);
        }

        /** {@code network.protocol.wss.listen_address}. */
        public Builder wssListenAddress(String address) {
            return put(WSS.listenAddress(), address);
        }

        /** {@code network.protocol.wss.path}. */
        public Builder wssPath(String path) {
            return put(WSS.path(), path);
        }

        /** {@code network.protocol.wss.url}: the public {@code wss://} URL, WSS's only dial info. */
        public Builder wssUrl(String url) {
            return put(WSS.url(), Optional.of(url));
        }

        // network.privacy

        /** {@code network.privacy.require_inbound_relay}. */
        public Builder requireInboundRelay(boolean required) {
            return put(REQUIRE_INBOUND_RELAY, required);
        }

        // veilflux

        /** {@code veilflux.address_profile}. */
        public Builder addressProfile(AddressProfile profile) {
            return put(ADDRESS_PROFILE, profile);
        }

        /** {@code veilflux.direct_app_messages}: Veilid's {@code footgun} feature. */
        public Builder directAppMessages(boolean allowed) {
            return put(DIRECT_APP_MESSAGES, allowed);
        }

        /** {@code veilflux.outbound_relay}: the relay this client uses. */
        public Builder outboundRelay(NodeId relay) {
            return put(OUTBOUND_RELAY, Optional.of(relay));
        }

        /** {@code veilflux.relay_client_allowlist}: the only clients this node relays for. */
        public Builder relayClientAllowlist(NodeId... clients) {
            return put(RELAY_CLIENT_ALLOWLIST, List.of(clients));
        }

        /** {@code veilflux.nat}: act as behind a NAT, for networks of nodes on one machine. */
        public Builder nat(NatProfile profile) {
            return put(NAT, profile);
        }

        /** {@code veilflux.dns_server}: the server DNS TXT bootstrap asks, as {@code ip:port}; empty for the system's. */
        public Builder dnsServer(String ipAndPort) {
            return put(DNS_SERVER, DNS_SERVER.parse(DNS_SERVER.name(), ipAndPort));
        }

        // metrics

        /** Enables the metrics endpoint on {@code bindAddress:port} ({@code metrics.*}). */
        public Builder metrics(String bindAddress, int port) {
            put(METRICS_ENABLED, true);
            put(METRICS_BIND_ADDRESS, bindAddress);
            return put(METRICS_PORT, port);
        }

        /** {@code metrics.enabled}. */
        public Builder metricsEnabled(boolean enabled) {
            return put(METRICS_ENABLED, enabled);
        }

        <T> Builder put(ConfigKey<T> key, T value) {
            values.put(key, key.check(value));
            return this;
        }

        @SuppressWarnings("unchecked")
        <T> void putParsed(ConfigKey<T> key, Object value) {
            put(key, (T) value);
        }

        @SuppressWarnings("unchecked")
        private <T> T get(ConfigKey<T> key) {
            return (T) values.getOrDefault(key, key.defaultValue());
        }

        private WebSocket webSocket(WebSocketKeys keys) {
            return new WebSocket(get(keys.connect()), get(keys.listen()), get(keys.maxConnections()),
                    get(keys.listenAddress()), get(keys.path()), get(keys.url()));
        }

        /** Veilid keeps one key per crypto kind; veilflux runs VLD0 only, so a pair or nothing. */
        private Optional<KeyPair> nodeKeyPair() {
            List<PublicKey> publicKeys = get(PUBLIC_KEYS);
            List<SecretKey> secretKeys = get(SECRET_KEYS);
            if (publicKeys.isEmpty() && secretKeys.isEmpty()) {
                return Optional.empty();
            }
            require(publicKeys.size() <= 1, PUBLIC_KEYS, "has " + publicKeys.size() + " keys; veilflux runs one crypto kind (VLD0)");
            require(secretKeys.size() <= 1, SECRET_KEYS, "has " + secretKeys.size() + " keys; veilflux runs one crypto kind (VLD0)");
            require(!publicKeys.isEmpty(), PUBLIC_KEYS, "is missing: set both keys, or neither to generate a key pair");
            require(!secretKeys.isEmpty(), SECRET_KEYS, "is missing: set both keys, or neither to generate a key pair");
            PublicKey key = publicKeys.get(0);
            SecretKey secret = secretKeys.get(0);
            require(key.kind().equals(secret.kind()), SECRET_KEYS,
                    "is of kind " + secret.kind() + " but " + PUBLIC_KEYS + " is of kind " + key.kind());
            return Optional.of(new KeyPair(key, secret));
        }

        private static String portOnly(ConfigKey<String> key, int port) {
            require(port >= 0 && port <= 0xFFFF, key, "port must be 0..65535, got " + port);
            return ":" + port;
        }
    }
}
