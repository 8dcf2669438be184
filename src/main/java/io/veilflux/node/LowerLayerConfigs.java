package io.veilflux.node;

import io.netty.handler.ssl.SslContext;
import io.veilflux.bootstrap.DnsConfig;
import io.veilflux.crypto.KeyPair;
import io.veilflux.filter.AddressFilterConfig;
import io.veilflux.manager.NetworkManagerConfig;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import io.veilflux.node.ConfigKeys.WebSocketKeys;
import io.veilflux.node.VeilfluxConfig.Protocol;
import io.veilflux.node.VeilfluxConfig.WebSocket;
import io.veilflux.routing.AddressClassifier;
import io.veilflux.rpc.RpcConfig;
import io.veilflux.transport.ConnectionConfig;
import io.veilflux.transport.NetworkConfig;
import io.veilflux.transport.TlsFiles;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lower layers' configuration records made from a {@link VeilfluxConfig}: what the transport,
 * the address filter, the RPC processor and the network manager need of Veilid's keys.
 */
public final class LowerLayerConfigs {
    /** Veilid settings the network manager does not act on yet. */
    private static final List<ConfigKey<?>> NOT_ACTED_ON = List.of(ConfigKeys.UPNP, ConfigKeys.DETECT_ADDRESS_CHANGES,
            ConfigKeys.RESTRICTED_NAT_RETRIES, ConfigKeys.UDP_SOCKET_POOL_SIZE, ConfigKeys.UDP_PUBLIC_ADDRESS,
            ConfigKeys.TCP_PUBLIC_ADDRESS, ConfigKeys.TCP_CONNECT, ConfigKeys.WS.connect(), ConfigKeys.WSS.connect(),
            ConfigKeys.WS.url(), ConfigKeys.WSS.url(), ConfigKeys.REQUIRE_INBOUND_RELAY);

    private LowerLayerConfigs() {
    }

    /** {@link #networkConfig(VeilfluxConfig, boolean)} with IPv6 where a socket binds to {@code [::1]}. */
    public static NetworkConfig networkConfig(VeilfluxConfig config) {
        return networkConfig(config, ListenAddress.ipv6Works());
    }

    /**
     * Where to listen: UDP on {@code udp.listen_address} when {@code udp.enabled}; the shared
     * TCP/WS(/WSS) socket on {@code tcp.listen_address}. The transport serves raw TCP and WS on
     * one socket, always together, so {@code tcp.listen} and {@code ws.listen} must agree and every
     * listening TCP-based protocol must name the same address. The inbound queue is
     * {@code rpc.queue_size} long.
     *
     * @param ipv6 whether unspecified listen addresses include {@code [::]}
     * @throws ConfigException when the transport cannot listen the way the configuration asks
     */
    public static NetworkConfig networkConfig(VeilfluxConfig config, boolean ipv6) {
        Protocol protocol = config.network().protocol();
        List<SocketAddress> udp = protocol.udp().enabled()
                ? resolve(ConfigKeys.UDP_LISTEN_ADDRESS, protocol.udp().listenAddress(), ipv6)
                : List.of();
        List<SocketAddress> tcp = tcpListen(protocol, ipv6);
        if (udp.isEmpty() && tcp.isEmpty()) {
            throw new ConfigException(ConfigKeys.UDP_ENABLED.name(), "nothing to listen on: "
                    + ConfigKeys.UDP_ENABLED + ", " + ConfigKeys.TCP_LISTEN + " and " + ConfigKeys.WS.listen()
                    + " are all false, and the veilflux transport needs at least one listening socket");
        }
        return new NetworkConfig(udp, tcp, connectionConfig(config), config.network().rpc().queueSize());
    }

    /**
     * Timeouts, per-protocol connection limits, the WebSocket path and, when {@code wss.listen},
     * the WSS server context read from {@code tls.certificate_path} and {@code tls.private_key_path}.
     */
    public static ConnectionConfig connectionConfig(VeilfluxConfig config) {
        VeilfluxConfig.Network network = config.network();
        Protocol protocol = network.protocol();
        Map<ProtocolType, Integer> maxConnections = new EnumMap<>(ProtocolType.class);
        maxConnections.put(ProtocolType.TCP, protocol.tcp().maxConnections());
        maxConnections.put(ProtocolType.WS, protocol.ws().maxConnections());
        maxConnections.put(ProtocolType.WSS, protocol.wss().maxConnections());
        Optional<SslContext> serverTls = Optional.empty();
        if (protocol.wss().listen()) {
            if (!protocol.wss().path().equals(protocol.ws().path())) {
                throw new ConfigException(ConfigKeys.WSS.path().name(), ConfigKeys.WSS.path() + " is '"
                        + protocol.wss().path() + "' but " + ConfigKeys.WS.path() + " is '" + protocol.ws().path()
                        + "': WS and WSS share one listener and one path in veilflux");
            }
            serverTls = Optional.of(TlsFiles.serverContext(network.tls().certificate().orElseThrow(),
                    network.tls().privateKey().orElseThrow()));
        }
        return new ConnectionConfig(network.connectionInitialTimeout(), network.tls().connectionInitialTimeout(),
                network.connectionInactivityTimeout(), maxConnections, protocol.ws().path(), serverTls, Optional.empty());
    }

    /** The four per-IP limits; the durations and table sizes Veilid keeps as constants stay at their values. */
    public static AddressFilterConfig addressFilterConfig(VeilfluxConfig config) {
        VeilfluxConfig.Network network = config.network();
        return new AddressFilterConfig(network.maxConnectionsPerIp4(), network.maxConnectionsPerIp6Prefix(),
                network.maxConnectionsPerIp6PrefixSize(), network.maxConnectionFrequencyPerMin(),
                AddressFilterConfig.PUNISHMENT_DURATION, AddressFilterConfig.DIAL_INFO_FAILURE_DURATION,
                AddressFilterConfig.MAX_PUNISHMENTS_BY_NODE_ID, AddressFilterConfig.MAX_DIAL_INFO_FAILURES,
                AddressFilterConfig.ADDRESS_FILTER_TASK_INTERVAL);
    }

    /** {@code rpc.*}, the {@code dht.*} keys of routing and RPC, and {@code veilflux.direct_app_messages}. */
    public static RpcConfig rpcConfig(VeilfluxConfig config) {
        VeilfluxConfig.Rpc rpc = config.network().rpc();
        VeilfluxConfig.Dht dht = config.network().dht();
        return new RpcConfig(rpc.timeout(), rpc.queueSize(), rpc.concurrency(), dht.maxFindNodeCount(),
                dht.resolveNodeTimeout(), dht.resolveNodeCount(), dht.resolveNodeFanout(), dht.minPeerCount(),
                dht.minPeerRefreshTime(), dht.validateDialInfoReceiptTime(), config.veilflux().directAppMessages());
    }

    /**
     * Everything the network manager is built from: the node's key pair, {@link #networkConfig},
     * {@link #addressFilterConfig}, {@link #rpcConfig}, and the settings the manager reads itself:
     * {@code network_key_password}, {@code capabilities.disable}, the receipt times, the client
     * allowlist timeout, the timestamp limits, bootstrap and its keys, and veilflux's address profile,
     * NAT simulation, outbound relay, relay client allowlist and DNS server.
     *
     * @param keyPair the node's key pair: {@code routing_table.public_keys}/{@code secret_keys}, or a
     *     generated one when they are empty
     * @throws ConfigException when the transport cannot listen the way the configuration asks
     */
    public static NetworkManagerConfig networkManagerConfig(VeilfluxConfig config, KeyPair keyPair) {
        VeilfluxConfig.Network network = config.network();
        VeilfluxConfig.Extensions veilflux = config.veilflux();
        NatProfile nat = veilflux.nat();
        boolean natted = nat == NatProfile.PORT_RESTRICTED;
        return new NetworkManagerConfig(List.of(keyPair), networkConfig(config), addressFilterConfig(config),
                rpcConfig(config), network.networkKeyPassword().map(VeilfluxConfig.Password::value),
                Set.copyOf(config.capabilities().disable()), network.reverseConnectionReceiptTime(),
                network.holePunchReceiptTime(), network.clientAllowlistTimeout(), network.rpc().maxTimestampBehind(),
                network.rpc().maxTimestampAhead(), addressClassifier(veilflux.addressProfile()),
                natted ? DialInfoClass.PORT_RESTRICTED_NAT : DialInfoClass.DIRECT, natted, veilflux.outboundRelay(),
                veilflux.relayClientAllowlist(), network.routingTable().bootstrap(),
                network.routingTable().bootstrapKeys(), dnsConfig(config));
    }

    /**
     * The keys set away from their defaults that the network manager does not act on yet (UPnP,
     * address change detection, public addresses and URLs, outbound-only protocol switches, inbound
     * relay privacy), so that the node can say they are ignored rather than let them look applied.
     */
    public static List<String> settingsNotActedOn(VeilfluxConfig config) {
        Map<String, String> values = config.toProperties();
        Map<String, String> defaults = VeilfluxConfig.defaults().toProperties();
        return NOT_ACTED_ON.stream().map(ConfigKey::name)
                .filter(key -> !values.get(key).equals(defaults.get(key)))
                .toList();
    }

    /** {@code veilflux.address_profile} as the routing domains' address classification. */
    public static AddressClassifier addressClassifier(AddressProfile profile) {
        return switch (profile) {
            case STOCK -> AddressClassifier.standard();
            case LOOPBACK_AS_PUBLIC -> AddressClassifier.loopbackAsPublic();
        };
    }

    /** {@code veilflux.dns_server}, or the system's resolver configuration when it is empty. */
    public static DnsConfig dnsConfig(VeilfluxConfig config) {
        return config.veilflux().dnsServer()
                .map(server -> DnsConfig.server(server.toInet(), DnsConfig.DEFAULT_TIMEOUT))
                .orElseGet(DnsConfig::system);
    }

    private static List<SocketAddress> tcpListen(Protocol protocol, boolean ipv6) {
        boolean tcp = protocol.tcp().listen();
        if (tcp != protocol.ws().listen()) {
            throw new ConfigException(ConfigKeys.WS.listen().name(), ConfigKeys.TCP_LISTEN + " is " + tcp + " but "
                    + ConfigKeys.WS.listen() + " is " + protocol.ws().listen()
                    + ": the veilflux transport serves raw TCP and WS on one socket, so set both alike");
        }
        if (protocol.wss().listen() && !tcp) {
            throw new ConfigException(ConfigKeys.WSS.listen().name(), ConfigKeys.WSS.listen() + " is true but "
                    + ConfigKeys.TCP_LISTEN + " is false: the veilflux transport serves WSS on the TCP/WS socket");
        }
        if (!tcp) {
            return List.of();
        }
        List<SocketAddress> addresses = resolve(ConfigKeys.TCP_LISTEN_ADDRESS, protocol.tcp().listenAddress(), ipv6);
        sameAddresses(ConfigKeys.WS, protocol.ws(), addresses, ipv6);
        if (protocol.wss().listen()) {
            sameAddresses(ConfigKeys.WSS, protocol.wss(), addresses, ipv6);
        }
        return addresses;
    }

    private static void sameAddresses(WebSocketKeys keys, WebSocket section, List<SocketAddress> tcp, boolean ipv6) {
        List<SocketAddress> own = resolve(keys.listenAddress(), section.listenAddress(), ipv6);
        if (!own.equals(tcp)) {
            throw new ConfigException(keys.listenAddress().name(), keys.listenAddress() + " is '" + section.listenAddress()
                    + "' (" + own + ") but " + ConfigKeys.TCP_LISTEN_ADDRESS + " gives " + tcp
                    + ": TCP-based protocols share one socket in veilflux, so give them the same listen address");
        }
    }

    private static List<SocketAddress> resolve(ConfigKey<String> key, String listenAddress, boolean ipv6) {
        try {
            return ListenAddress.parse(listenAddress).resolve(ipv6);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key.name(), key + ": " + e.getMessage(), e);
        }
    }
}
