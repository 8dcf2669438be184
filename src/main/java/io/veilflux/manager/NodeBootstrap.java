package io.veilflux.manager;

import io.veilflux.bootstrap.BootstrapCandidate;
import io.veilflux.bootstrap.BootstrapConfig;
import io.veilflux.bootstrap.BootstrapMeters;
import io.veilflux.bootstrap.BootstrapRecords;
import io.veilflux.bootstrap.BootstrapResponder;
import io.veilflux.bootstrap.BootstrapTask;
import io.veilflux.bootstrap.DialInfoConverter;
import io.veilflux.bootstrap.DirectBootstrap;
import io.veilflux.bootstrap.DnsResolver;
import io.veilflux.bootstrap.TxtBootstrap;
import io.veilflux.bootstrap.TxtLookupCache;
import io.veilflux.crypto.NodeId;
import io.veilflux.routing.BucketEntryState;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingTableException;
import io.veilflux.wire.PacketMagic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/**
 * The network manager's bootstrap: where its bootstrap task collects peers (direct BOOT/B01T to
 * the configured dial infos, TXT records of the configured names), and how it answers other
 * nodes' BOOT and B01T requests from its routing table.
 */
final class NodeBootstrap {
    private final NetworkManager nm;
    private final BootstrapTask task;
    private final BootstrapResponder responder;

    NodeBootstrap(NetworkManager nm) {
        this.nm = nm;
        NetworkManagerConfig config = nm.config();
        BootstrapMeters meters = new BootstrapMeters(nm.meters().registry());
        DnsResolver dns = new DnsResolver(config.dns());
        DialInfoConverter converter = new DialInfoConverter(dns);
        BootstrapConfig bootstrap = new BootstrapConfig(config.bootstrap(), config.bootstrapKeys(), config.rpc().timeout());
        BootstrapRecords records = new BootstrapRecords(converter, nm.crypto(), config.bootstrapKeys(),
                Set.copyOf(nm.identity().publicKeys().toList()), nm.cryptoScheduler());
        TxtLookupCache txt = new TxtLookupCache(dns, meters, nm.clock());
        DirectBootstrap direct = new DirectBootstrap((dialInfo, request, timeout) -> nm.network()
                .map(n -> n.sendRecvDataUnboundToDialInfo(dialInfo, request, timeout))
                .orElseGet(() -> Mono.error(new IllegalStateException("network is not started"))),
                records, nm.crypto(), meters, config.rpc().timeout(), nm.cryptoScheduler(), nm.clock());
        this.task = new BootstrapTask(bootstrap, converter, new TxtBootstrap(txt, records, meters, nm.clock()), direct,
                meters, new HashSet<>(nm.identity().nodeIds().toList()));
        this.responder = new BootstrapResponder(bootstrap, txt, records);
    }

    /** Peers from every configured bootstrap source; never fails. */
    Mono<List<PeerInfo>> collectPeers() {
        return task.collectPeers();
    }

    /** The answer to a BOOT or B01T request, sent back on the request's flow; nothing when we have none. */
    Mono<byte[]> respond(PacketMagic magic) {
        if (magic == PacketMagic.BOOT) {
            return Mono.fromCallable(() -> BootstrapResponder.bootV0Response(candidates(),
                    BootstrapResponder.PROTOCOLS_WITHOUT_WSS, nm.crypto().validKinds()));
        }
        return responder.bootV1Response(nm.routingDomains().detail(RoutingDomain.PUBLIC_INTERNET).publishedPeerInfo(),
                        this::knownPeer)
                .flatMap(Mono::justOrEmpty);
    }

    private Optional<PeerInfo> knownPeer(NodeId id) {
        try {
            return nm.routingTable().lookupNodeId(id).flatMap(n -> n.peerInfo(RoutingDomain.PUBLIC_INTERNET));
        } catch (RoutingTableException e) {
            return Optional.empty();
        }
    }

    /**
     * The routing table's PublicInternet nodes, fastest first, as BOOT hands them out, after our own
     * published peer info. Veilid leaves its own node out, so a bootstrap node that knows nobody yet
     * answers BOOT with nothing and no network can ever start from it by dial info alone; veilflux
     * hands itself out first (the same filters apply to it).
     */
    private List<BootstrapCandidate> candidates() {
        long now = nm.clock().now(TimeUnit.MICROSECONDS);
        List<BootstrapCandidate> out = new ArrayList<>();
        nm.routingDomains().detail(RoutingDomain.PUBLIC_INTERNET).publishedPeerInfo()
                .ifPresent(own -> out.add(new BootstrapCandidate(own, false, true, Optional.of(Duration.ZERO))));
        nm.routingTable().findPreferredFastestNodes(Integer.MAX_VALUE,
                        n -> n.peerInfo(RoutingDomain.PUBLIC_INTERNET).isPresent())
                .forEach(n -> out.add(candidate(n, now)));
        return out;
    }

    private static BootstrapCandidate candidate(NodeRef node, long now) {
        return new BootstrapCandidate(node.peerInfo(RoutingDomain.PUBLIC_INTERNET).orElseThrow(),
                node.peerInfo(RoutingDomain.LOCAL_NETWORK).isPresent(),
                node.state(now) == BucketEntryState.RELIABLE,
                node.peerStats().latency().map(l -> Duration.ofNanos(l.average() * 1000)));
    }
}
