package io.veilflux.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.manager.NetworkManager;
import io.veilflux.manager.NetworkManagerConfig;
import io.veilflux.net.DialInfo;
import io.veilflux.net.NetworkResult;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import io.veilflux.routing.AddressClassifier;
import io.veilflux.routing.FilteredNodeRef;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.rpc.Destination;
import io.veilflux.transport.NetworkConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Started network managers on 127.0.0.x with the loopback-as-public address profile, as the
 * tests' {@code LoopbackNodes} start them: each node binds UDP and TCP on its own address, has its
 * own crypto (so its own DH and public-point caches) and accepts direct app messages. Closed together.
 */
final class LoopbackNodes implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final List<NetworkManager> started = new ArrayList<>();
    private final Map<NetworkManager, SimpleMeterRegistry> registries = new IdentityHashMap<>();

    /** A node on 127.0.0.{@code host} with the given identity and crypto, ports chosen by the system. */
    NetworkManager start(int host, KeyPair keyPair, Crypto crypto) {
        NetworkManagerConfig base = NetworkManagerConfig.defaults(keyPair,
                NetworkConfig.on(SocketAddress.parse("127.0.0." + host + ":0")));
        NetworkManagerConfig config = base.toBuilder().rpc(base.rpc().withDirectAppMessages(true))
                .addressClassifier(AddressClassifier.loopbackAsPublic()).build();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        NetworkManager node = new NetworkManager(config, crypto, registry, Schedulers.parallel());
        node.startup().block(WAIT);
        started.add(node);
        registries.put(node, registry);
        return node;
    }

    /** A node on 127.0.0.{@code host} with a fresh identity. */
    NetworkManager start(int host) {
        Crypto crypto = Crypto.standard();
        return start(host, crypto.best().generateKeyPair(), crypto);
    }

    /** The sum of the counters named {@code name} with the given tags, at {@code node}. */
    double counter(NetworkManager node, String name, String... tags) {
        return registries.get(node).find(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** The {@code veilflux.net.dropped} reasons seen so far at {@code node}, for error messages. */
    String dropReasons(NetworkManager node) {
        return registries.get(node).find("veilflux.net.dropped").counters().stream()
                .filter(c -> c.count() > 0)
                .map(c -> c.getId().getTag("reason") + "=" + (long) c.count())
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** Tells {@code node} about {@code other}, as a FindNode answer would. */
    static FilteredNodeRef introduce(NetworkManager node, NetworkManager other) {
        PeerInfo peer = other.routingDomains().detail(RoutingDomain.PUBLIC_INTERNET).publishedPeerInfo().orElseThrow();
        return node.routingTable().registerNodeWithPeerInfo(peer, RoutingDomain.PUBLIC_INTERNET, false).nodeRef();
    }

    static DialInfo dialInfo(NetworkManager node, ProtocolType protocol) {
        return node.dialInfos().stream().filter(d -> d.protocol() == protocol).findFirst().orElseThrow(
                () -> new IllegalStateException(node.nodeId() + " publishes no " + protocol + " dial info"));
    }

    /** Asks {@code dest} for its status and fails unless it answers: afterwards both sides know each other. */
    static void status(NetworkManager from, Destination dest) {
        NetworkResult<?> answer = from.rpc().rpcCallStatus(dest).block(WAIT);
        if (!(answer instanceof NetworkResult.Value<?>)) {
            throw new IllegalStateException("status question to " + dest.target() + " not answered: " + answer);
        }
    }

    @Override
    public void close() {
        Flux.fromIterable(started).flatMap(node -> node.shutdown().onErrorResume(e -> Mono.empty())).blockLast(WAIT);
        started.forEach(NetworkManager::dispose);
        started.clear();
        registries.clear();
    }
}
