package io.veilflux.manager;

import io.veilflux.bootstrap.DnsConfig;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
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
 * @param bootstrapKeys {@code routing_table.bootstrap_keys}: who may sign v1 bootstrap records
 * @param dns the resolver TXT bootstrap asks
 */
public record NetworkManagerConfig(List<KeyPair> keyPairs, NetworkConfig network, AddressFilterConfig addressFilter,
                                   RpcConfig rpc, Optional<String> networkKeyPassword, Set<FourCc> disabledCapabilities,
                                   Duration reverseConnectionReceiptTime, Duration holePunchReceiptTime,
                                   Duration clientAllowlistTimeout, Optional<Duration> maxTimestampBehind,
                                   Optional<Duration> maxTimestampAhead, AddressClassifier addressClassifier,
                                   DialInfoClass publishedDialInfoClass, boolean refuseUnsolicitedInbound,
                                   Optional<NodeId> outboundRelay, List<NodeId> relayClients, List<String> bootstrap,
                                   List<PublicKey> bootstrapKeys, DnsConfig dns) {
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
        bootstrapKeys = List.copyOf(bootstrapKeys);
        Objects.requireNonNull(dns, "dns");
    }

    /** Veilid's defaults around {@code keyPair} and {@code network}. */
    public static NetworkManagerConfig defaults(KeyPair keyPair, NetworkConfig network) {
        return new NetworkManagerConfig(List.of(keyPair), network, AddressFilterConfig.defaults(), RpcConfig.defaults(),
                Optional.empty(), Set.of(), Duration.ofMillis(5000), Duration.ofMillis(5000), ClientAllowlist.DEFAULT_TIMEOUT,
                Optional.of(Duration.ofMillis(10_000)), Optional.of(Duration.ofMillis(10_000)),
                AddressClassifier.standard(), DialInfoClass.DIRECT, false, Optional.empty(), List.of(), List.of(),
                List.of(), DnsConfig.system());
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A changed copy, setting by setting. */
    public static final class Builder {
        private List<KeyPair> keyPairs;
        private NetworkConfig network;
        private AddressFilterConfig addressFilter;
        private RpcConfig rpc;
        private Optional<String> networkKeyPassword;
        private Set<FourCc> disabledCapabilities;
        private Duration reverseConnectionReceiptTime;
        private Duration holePunchReceiptTime;
        private Duration clientAllowlistTimeout;
        private Optional<Duration> maxTimestampBehind;
        private Optional<Duration> maxTimestampAhead;
        private AddressClassifier addressClassifier;
        private DialInfoClass publishedDialInfoClass;
        private boolean refuseUnsolicitedInbound;
        private Optional<NodeId> outboundRelay;
        private List<NodeId> relayClients;
        private List<String> bootstrap;
        private List<PublicKey> bootstrapKeys;
        private DnsConfig dns;

        private Builder(NetworkManagerConfig c) {
            keyPairs = c.keyPairs;
            network = c.network;
            addressFilter = c.addressFilter;
            rpc = c.rpc;
            networkKeyPassword = c.networkKeyPassword;
            disabledCapabilities = c.disabledCapabilities;
            reverseConnectionReceiptTime = c.reverseConnectionReceiptTime;
            holePunchReceiptTime = c.holePunchReceiptTime;
            clientAllowlistTimeout = c.clientAllowlistTimeout;
            maxTimestampBehind = c.maxTimestampBehind;
            maxTimestampAhead = c.maxTimestampAhead;
            addressClassifier = c.addressClassifier;
            publishedDialInfoClass = c.publishedDialInfoClass;
            refuseUnsolicitedInbound = c.refuseUnsolicitedInbound;
            outboundRelay = c.outboundRelay;
            relayClients = c.relayClients;
            bootstrap = c.bootstrap;
            bootstrapKeys = c.bootstrapKeys;
            dns = c.dns;
        }

        public Builder network(NetworkConfig value) {
            network = value;
            return this;
        }

        public Builder rpc(RpcConfig value) {
            rpc = value;
            return this;
        }

        public Builder networkKeyPassword(Optional<String> value) {
            networkKeyPassword = value;
            return this;
        }

        public Builder disabledCapabilities(Set<FourCc> value) {
            disabledCapabilities = value;
            return this;
        }

        public Builder receiptTimes(Duration reverseConnection, Duration holePunch) {
            reverseConnectionReceiptTime = reverseConnection;
            holePunchReceiptTime = holePunch;
            return this;
        }

        public Builder maxTimestamp(Optional<Duration> behind, Optional<Duration> ahead) {
            maxTimestampBehind = behind;
            maxTimestampAhead = ahead;
            return this;
        }

        public Builder addressClassifier(AddressClassifier value) {
            addressClassifier = value;
            return this;
        }

        /** Publish our dial info with {@code dialInfoClass} and, when {@code refuseUnsolicited}, act as behind a NAT. */
        public Builder reachability(DialInfoClass dialInfoClass, boolean refuseUnsolicited) {
            publishedDialInfoClass = dialInfoClass;
            refuseUnsolicitedInbound = refuseUnsolicited;
            return this;
        }

        public Builder outboundRelay(Optional<NodeId> value) {
            outboundRelay = value;
            return this;
        }

        public Builder relayClients(List<NodeId> value) {
            relayClients = value;
            return this;
        }

        public Builder bootstrap(List<String> entries, List<PublicKey> keys) {
            bootstrap = entries;
            bootstrapKeys = keys;
            return this;
        }

        public Builder dns(DnsConfig value) {
            dns = value;
            return this;
        }

        public NetworkManagerConfig build() {
            return new NetworkManagerConfig(keyPairs, network, addressFilter, rpc, networkKeyPassword,
                    disabledCapabilities, reverseConnectionReceiptTime, holePunchReceiptTime, clientAllowlistTimeout,
                    maxTimestampBehind, maxTimestampAhead, addressClassifier, publishedDialInfoClass,
                    refuseUnsolicitedInbound, outboundRelay, relayClients, bootstrap, bootstrapKeys, dns);
        }
    }
}
