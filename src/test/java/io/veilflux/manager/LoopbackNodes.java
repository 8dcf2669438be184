package io.veilflux.manager;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.net.SocketAddress;
import io.veilflux.routing.AddressClassifier;
import io.veilflux.routing.FilteredNodeRef;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.transport.NetworkConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Real network managers on 127.0.0.x with the loopback-as-public address profile: each node binds
 * UDP and TCP on its own address, so the nodes behave as if on the internet. Closed with
 * {@link #close()}.
 */
final class LoopbackNodes implements AutoCloseable {
    static final Crypto CRYPTO = Crypto.standard();
    private final List<NetworkManager> started = new ArrayList<>();
    private final List<SimpleMeterRegistry> registries = new ArrayList<>();

    /** A node on 127.0.0.{@code host}, ports chosen by the system, direct app messages allowed. */
    NetworkManager start(int host, UnaryOperator<NetworkManagerConfig> adjust) {
        KeyPair keyPair = CRYPTO.best().generateKeyPair();
        SocketAddress address = SocketAddress.parse("127.0.0." + host + ":0");
        NetworkManagerConfig base = NetworkManagerConfig.defaults(keyPair, NetworkConfig.on(address));
        NetworkManagerConfig config = adjust.apply(base.toBuilder().rpc(base.rpc().withDirectAppMessages(true))
                .addressClassifier(AddressClassifier.loopbackAsPublic()).build());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        NetworkManager nm = new NetworkManager(config, CRYPTO, registry, Schedulers.parallel());
        nm.startup().block(Duration.ofSeconds(10));
        started.add(nm);
        registries.add(registry);
        return nm;
    }

    NetworkManager start(int host) {
        return start(host, c -> c);
    }

    SimpleMeterRegistry registry(NetworkManager nm) {
        return registries.get(started.indexOf(nm));
    }

    double counter(NetworkManager nm, String name, String... tags) {
        var found = registry(nm).find(name).tags(tags).counters();
        return found.stream().mapToDouble(c -> c.count()).sum();
    }

    /** Tells {@code node} about {@code other}, as a FindNode answer would. */
    static FilteredNodeRef introduce(NetworkManager node, NetworkManager other) {
        PeerInfo peer = other.routingDomains().detail(RoutingDomain.PUBLIC_INTERNET).publishedPeerInfo().orElseThrow();
        return node.routingTable().registerNodeWithPeerInfo(peer, RoutingDomain.PUBLIC_INTERNET, false).nodeRef();
    }

    @Override
    public void close() {
        Flux.fromIterable(started).flatMap(nm -> nm.shutdown().onErrorResume(e -> reactor.core.publisher.Mono.empty()))
                .blockLast(Duration.ofSeconds(20));
        started.forEach(NetworkManager::dispose);
    }
}
