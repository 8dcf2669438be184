package io.veilflux.bootstrap;

import io.veilflux.crypto.NodeId;
import io.veilflux.routing.PeerInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The peer-gathering half of Veilid's routing-table bootstrap task: every configured bootstrap
 * asked at once (dial-info URLs directly, one request per address of the host; other entries by
 * DNS TXT), the peer lists taken in the order they arrive, a peer dropped when it shares a node
 * id with one already taken or is our own node. A source that fails costs only its own peers.
 * Registering the peers and asking them FindNode is the routing table's part.
 */
public final class BootstrapTask {
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapTask.class);

    private final BootstrapConfig config;
    private final DialInfoConverter converter;
    private final TxtBootstrap txt;
    private final DirectBootstrap direct;
    private final BootstrapMeters meters;
    private final Set<NodeId> ownNodeIds;

    public BootstrapTask(BootstrapConfig config, DialInfoConverter converter, TxtBootstrap txt, DirectBootstrap direct,
                         BootstrapMeters meters, Set<NodeId> ownNodeIds) {
        this.config = Objects.requireNonNull(config, "config");
        this.converter = Objects.requireNonNull(converter, "converter");
        this.txt = Objects.requireNonNull(txt, "txt");
        this.direct = Objects.requireNonNull(direct, "direct");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.ownNodeIds = Set.copyOf(ownNodeIds);
    }

    /** The bootstrap peers of every configured source, without repeats or our own node; never fails. */
    public Mono<List<PeerInfo>> collectPeers() {
        Flux<List<PeerInfo>> directPeers = Flux.fromIterable(config.directUrls())
                .flatMap(url -> converter.tryVecFromUrl(url).onErrorResume(e -> {
                    LOG.warn("Direct bootstrap '{}' skipped: {}", url, e.getMessage());
                    meters.directFailure(BootstrapMeters.UNRESOLVED_URL);
                    return Mono.just(List.of());
                }))
                .flatMapIterable(dialInfos -> dialInfos)
                .flatMap(dialInfo -> direct.directBootstrap(dialInfo).onErrorResume(e -> {
                    LOG.debug("Bootstrap error: {}", e.getMessage());
                    return Mono.just(List.of());
                }));
        Flux<List<PeerInfo>> txtPeers = Flux.fromIterable(config.txtNames())
                .flatMap(name -> txt.txtBootstrap(name).onErrorResume(e -> {
                    // TXT bootstrap reports its own failures; anything else is a bug, not a reason to stop.
                    LOG.warn("TXT bootstrap '{}' failed unexpectedly", name, e);
                    return Mono.just(List.of());
                }));
        return Flux.merge(directPeers, txtPeers).collect(() -> new Merged(ownNodeIds), Merged::add).map(Merged::peers);
    }

    /** Peers in arrival order, one per node. */
    private static final class Merged {
        private final Set<NodeId> own;
        private final Set<NodeId> seen = new HashSet<>();
        private final List<PeerInfo> peers = new ArrayList<>();

        Merged(Set<NodeId> own) {
            this.own = own;
        }

        void add(List<PeerInfo> arrived) {
            for (PeerInfo peer : arrived) {
                List<NodeId> ids = PeerInfos.nodeIds(peer);
                if (ids.stream().anyMatch(seen::contains)) {
                    continue;
                }
                if (ids.stream().anyMatch(own::contains)) {
                    LOG.debug("Ignoring own node in bootstrap response");
                    continue;
                }
                seen.addAll(ids);
                peers.add(peer);
            }
        }

        List<PeerInfo> peers() {
            return List.copyOf(peers);
        }
    }
}
