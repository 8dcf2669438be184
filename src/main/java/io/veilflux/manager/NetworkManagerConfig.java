package io.veilflux.manager;

import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.filter.AddressFilterConfig;
import io.veilflux.net.DialInfoClass;
import io.veilflux.routing.AddressClassifier;
import io.veilflux.routing.FourCc;
import io.veilflux.rpc.RpcConfig;
import io.veilflux.transport.NetworkConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the network manager is built from: the node's keys, the transports' settings, the address
 * filter's, the RPC processor's, and Veilid's {@code network.*} settings the manager reads itself.
 *
 * @param networkKeyPassword {@code network.network_key_password}; empty or absent means no network key
 * @param disabledCapabilities {@code capabilities.disable}
 * @param addressClassifier which addresses belong to which routing domain (the stock one, or the
 *     test profile that treats loopback as public)
 * @param publishedDialInfoClass the class our dial infos are published with: {@code DIRECT} for a
 *     reachable node; a class that requires a signal makes others reach us by reverse connection,
 *     hole punch or relay (with {@link #refuseUnsolicitedInbound}, a NATed node on one machine)
 * @param refuseUnsolicitedInbound drop packets and connections from addresses we have not sent to
 *     first, as a port-restricted NAT would
 * @param outboundRelay a relay that sends on our behalf (veilflux finishes Veilid's dormant outbound relay)
 * @param relayClients nodes we relay outbound for (Veilid's client allowlist, seeded)
 * @param bootstrap {@code routing_table.bootstrap}: dial info URLs and host names
 */
public record NetworkManagerConfig(List<KeyPair> keyPairs, NetworkConfig network, AddressFilterConfig addressFilter,
                                   RpcConfig rpc, Optional<String> networkKeyPassword, Set<FourCc> disabledCapabilities,
                                   Duration reverseConnectionReceiptTime, Duration holePunchReceiptTime,
                                   Duration clientAllowlistTimeout, Optional<Duration> maxTimestampBehind,
                                   Optional<Duration> maxTimestampAhead, AddressClassifier addressClassifier,
                                   DialInfoClass publishedDialInfoClass, boolean refuseUnsolicitedInbound,
                                   Optional<NodeId> outboundRelay, List<NodeId> relayClients, List<String> bootstrap) {
    public NetworkManagerConfig {
        keyPairs = List.copyOf(keyPairs);
        if (keyPairs.isEmpty()) {
            throw new IllegalArgumentException("a node needs at least one key pair");
        }
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(addressFilter, "addressFilter");
        Objects.requireNonNull(rpc, "rpc");
        Objects.requireNonNull(networkKeyPassword, "networkKeyPassword");
        disabledCapabilities = Set.copyOf(disabledCapabilities);
        Objects.requireNonNull(reverseConnectionReceiptTime, "reverseConnectionReceiptTime");
        Objects.requireNonNull(holePunchReceiptTime, "holePunchReceiptTime");
        Objects.requireNonNull(clientAllowlistTimeout, "clientAllowlistTimeout");
        Objects.requireNonNull(maxTimestampBehind, "maxTimestampBehind");
        Objects.requireNonNull(maxTimestampAhead, "maxTimestampAhead");
        Objects.requireNonNull(addressClassifier, "addressClassifier");
        Objects.requireNonNull(publishedDialInfoClass, "publishedDialInfoClass");
        Objects.requireNonNull(outboundRelay, "outboundRelay");
        relayClients = List.copyOf(relayClients);
        bootstrap = List.copyOf(bootstrap);
    }

    /** Veilid's defaults around {@code keyPair} and {@code network}. */
    public static NetworkManagerConfig defaults(KeyPair keyPair, NetworkConfig network) {
        return new NetworkManagerConfig(List.of(keyPair), network, AddressFilterConfig.defaults(), RpcConfig.defaults(),
                Optional.empty(), Set.of(), Duration.ofMillis(5000), Duration.ofMillis(5000), ClientAllowlist.DEFAULT_TIMEOUT,
                Optional.of(Duration.ofMillis(10_000)), Optional.of(Duration.ofMillis(10_000)),
                AddressClassifier.standard(), DialInfoClass.DIRECT, false, Optional.empty(), List.of(), List.of());
    }
}
