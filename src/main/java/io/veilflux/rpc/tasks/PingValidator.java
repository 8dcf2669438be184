package io.veilflux.rpc.tasks;

import io.veilflux.net.DialInfo;
import io.veilflux.net.Sequencing;
import io.veilflux.routing.FilteredNodeRef;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.NodeRefFilter;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingDomainDetail;
import io.veilflux.routing.RoutingDomainEditor;
import io.veilflux.routing.RoutingDomainRelayState;
import io.veilflux.routing.RoutingDomains;
import io.veilflux.routing.RoutingTable;
import io.veilflux.rpc.Destination;
import io.veilflux.rpc.RpcProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Veilid's ping validators ({@code tasks/ping_validator.rs}): Status questions to the nodes whose
 * reliability or view of our peer info wants checking, and keepalives to our PublicInternet relays
 * so that they keep us in their tables and our NAT mappings open. Pings go out
 * {@value #MAX_PARALLEL_PINGS} at a time; a failed one is logged and the rest carry on.
 */
final class PingValidator {
    /** Veilid's {@code RELAY_KEEPALIVE_PING_INTERVAL}: a relay is pinged this often. */
    static final Duration RELAY_KEEPALIVE_PING_INTERVAL = Duration.ofSeconds(10);
    /** Veilid's {@code MAX_PARALLEL_PINGS}: pings in flight per validator. */
    static final int MAX_PARALLEL_PINGS = 8;

    private static final Logger LOG = LoggerFactory.getLogger(PingValidator.class);
    private static final long RELAY_KEEPALIVE_PING_INTERVAL_MICROS =
            TimeUnit.NANOSECONDS.toMicros(RELAY_KEEPALIVE_PING_INTERVAL.toNanos());

    private final RoutingTable routingTable;
    private final RoutingDomains domains;
    private final RpcProcessor rpc;
    private final RoutingTaskMeters meters;

    PingValidator(RoutingTable routingTable, RoutingDomains domains, RpcProcessor rpc, RoutingTaskMeters meters) {
        this.routingTable = routingTable;
        this.domains = domains;
        this.rpc = rpc;
        this.meters = meters;
    }

    /** Pings, preferring ordered protocols, every node of {@code rd} that needs a ping now. */
    Mono<Void> pingNodes(RoutingDomain rd, long now) {
        OptionalLong ourNodeInfoTs = domains.detail(rd).publishedPeerInfo()
                .map(pi -> OptionalLong.of(pi.nodeInfo().timestamp())).orElse(OptionalLong.empty());
        List<FilteredNodeRef> nodes = routingTable.getNodesNeedingPing(rd, now, ourNodeInfoTs);
        return process(rd.name(), nodes.stream().map(n -> ping(n.withSequencing(Sequencing.PREFER_ORDERED), "validator"))
                .toList());
    }

    /**
     * Pings every PublicInternet relay not pinged for {@link #RELAY_KEEPALIVE_PING_INTERVAL}, once
     * per dial info in its keepalive list (each ping filtered to that dial info's protocol and
     * address type), and records the keepalive in the relay's state.
     */
    Mono<Void> relayKeepalive(long now) {
        RoutingDomainDetail detail = domains.detail(RoutingDomain.PUBLIC_INTERNET);
        RoutingDomainEditor editor = detail.edit();
        List<Mono<Void>> pings = new ArrayList<>();
        for (RoutingDomainDetail.RelayAndState relay : detail.relaysAndStates()) {
            if (Math.max(0, now - relay.state().lastKeepalive()) < RELAY_KEEPALIVE_PING_INTERVAL_MICROS) {
                continue;
            }
            Optional<NodeRef> node = RelayNodes.lookup(routingTable, relay.relay());
            if (node.isPresent()) {
                for (DialInfo dialInfo : relay.relay().pings()) {
                    FilteredNodeRef toDialInfo = node.get().customFiltered(
                            new NodeRefFilter(Set.of(RoutingDomain.PUBLIC_INTERNET), dialInfo.makeFilter()));
                    pings.add(ping(toDialInfo, "relay_keepalive"));
                }
            }
            editor.setRelayState(relay.relay(), new RoutingDomainRelayState(now, relay.state().lastOptimized()));
        }
        routingTable.commit(editor);
        return process("relay keepalive", pings);
    }

    private Mono<Void> ping(FilteredNodeRef node, String kind) {
        return Mono.defer(() -> {
            meters.ping(kind);
            return rpc.rpcCallStatus(Destination.direct(node));
        }).then();
    }

    private static Mono<Void> process(String name, List<Mono<Void>> pings) {
        if (pings.isEmpty()) {
            return Mono.empty();
        }
        LOG.debug("[{}] ping validation queue: {}", name, pings.size());
        return Flux.fromIterable(pings)
                .flatMap(ping -> ping.onErrorResume(e -> {
                    LOG.debug("[{}] error performing status ping: {}", name, e.toString());
                    return Mono.empty();
                }), MAX_PARALLEL_PINGS)
                .then();
    }
}
