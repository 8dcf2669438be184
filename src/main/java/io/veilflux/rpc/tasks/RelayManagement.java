package io.veilflux.rpc.tasks;

import io.veilflux.crypto.NodeId;
import io.veilflux.routing.BucketEntryState;
import io.veilflux.routing.LatencyStats;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.NodeRefPin;
import io.veilflux.routing.NodeRelativePerformance;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RelayKind;
import io.veilflux.routing.RelayStatus;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingDomainDetail;
import io.veilflux.routing.RoutingDomainEditor;
import io.veilflux.routing.RoutingDomainRelay;
import io.veilflux.routing.RoutingDomainRelayState;
import io.veilflux.routing.RoutingDomainState;
import io.veilflux.routing.RoutingDomains;
import io.veilflux.routing.RoutingTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Veilid's relay management ({@code tasks/relay_management.rs}) for PublicInternet: drops relays
 * that died, stopped qualifying or (every {@link #RELAY_OPTIMIZATION_INTERVAL}) fell below the
 * {@link #RELAY_OPTIMIZATION_PERCENTILE} of eligible relays by tm90 latency; keeps the rest; and
 * picks random fast nodes from the {@link #RELAY_SELECTION_PERCENTILE} while our dial info still
 * wants relays. A changed relay list is committed and our peer info republished.
 *
 * <p><b>Outbound relay.</b> Veilid's {@code get_outbound_relay_peer} always answers none, so its
 * outbound relay path never runs. veilflux finishes it: a client configured with an outbound relay
 * node id uses that node, once the routing table knows it alive with a PublicInternet peer info,
 * as a relay of kind {@link RelayKind#OUTBOUND}, applied before any inbound relay. Our published
 * relay info then says Outbound, so the contact method from us to a node we cannot reach directly
 * is {@code OutboundRelay} through it (and the relay's allow-list lets it send on our behalf). It
 * is kept even if our dial info wants no relay, as long as we can reach it directly (see
 * {@link RelayStatus#applyRelay}). It is dropped when it dies and taken again once alive, but
 * neither the relay filter nor the speed ranking drops it: the configuration chose it, and would
 * only choose it again at once.
 *
 * <p>Relays are pinned in the routing table, so bucket kicks spare them (Veilid holds node refs).
 */
final class RelayManagement {
    /** Veilid's {@code RELAY_OPTIMIZATION_INTERVAL}: how often a relay's speed is reconsidered. */
    static final Duration RELAY_OPTIMIZATION_INTERVAL = Duration.ofSeconds(10);
    /** Veilid's {@code RELAY_OPTIMIZATION_PERCENTILE}: a relay slower than this percentile is replaced. */
    static final float RELAY_OPTIMIZATION_PERCENTILE = 66.0f;
    /** Veilid's {@code RELAY_SELECTION_PERCENTILE}: new relays are picked from this fastest percentile. */
    static final float RELAY_SELECTION_PERCENTILE = 85.0f;

    private static final Logger LOG = LoggerFactory.getLogger(RelayManagement.class);
    private static final long RELAY_OPTIMIZATION_INTERVAL_MICROS =
            TimeUnit.NANOSECONDS.toMicros(RELAY_OPTIMIZATION_INTERVAL.toNanos());
    private static final RoutingDomain PI = RoutingDomain.PUBLIC_INTERNET;

    private final RoutingTable routingTable;
    private final RoutingDomains domains;
    private final Optional<NodeId> outboundRelay;
    private final RoutingTaskMeters meters;
    private final Map<List<NodeId>, NodeRefPin> pins = new HashMap<>();

    /** @param outboundRelay the node a client sends through, if configured */
    RelayManagement(RoutingTable routingTable, RoutingDomains domains, Optional<NodeId> outboundRelay,
                    RoutingTaskMeters meters) {
        this.routingTable = routingTable;
        this.domains = domains;
        this.outboundRelay = outboundRelay;
        this.meters = meters;
    }

    /** One run; single flight (a tick task), so the pins need no lock of their own. */
    void run(long now) {
        RoutingDomainDetail detail = domains.detail(PI);
        RoutingDomainState state = detail.state();
        if (state instanceof RoutingDomainState.NeedsRelays needs) {
            manage(now, detail, needs.relayStatus());
        } else if (state instanceof RoutingDomainState.ReadyToPublish ready) {
            manage(now, detail, ready.relayStatus());
        }
        pinCurrentRelays(detail);
    }

    private void manage(long now, RoutingDomainDetail detail, RelayStatus relayStatus) {
        Predicate<NodeRef> relayFilter = RelayNodeFilter.publicInternet(detail, domains.ip6PrefixSize());
        List<RoutingDomainRelay> original = new ArrayList<>();
        List<RoutingDomainRelay> valid = new ArrayList<>();
        RoutingDomainEditor stateEditor = detail.edit();
        for (RoutingDomainDetail.RelayAndState relay : detail.relaysAndStates()) {
            original.add(relay.relay());
            checkRelayValid(now, relay, relayFilter).ifPresent(state -> {
                if (!state.equals(relay.state())) {
                    stateEditor.setRelayState(relay.relay(), state);
                }
                valid.add(relay.relay());
            });
        }
        routingTable.commit(stateEditor);

        Set<NodeId> attempted = new HashSet<>();
        Optional<NodeRef> outbound = outboundRelayPeer();
        if (outbound.isPresent()) {
            List<NodeId> outboundIds = outbound.get().nodeIds().toList();
            valid.removeIf(r -> r.relayKind() == RelayKind.OUTBOUND && !r.hasAnyNodeId(outboundIds));
            if (valid.stream().noneMatch(r -> r.relayKind() == RelayKind.OUTBOUND)) {
                attempted.addAll(outboundIds);
                apply(relayStatus, outbound.get(), RelayKind.OUTBOUND);
            }
        }
        for (RoutingDomainRelay relay : valid) {
            attempted.addAll(relay.nodeIds());
            RelayNodes.lookup(routingTable, relay).ifPresent(node -> {
                attempted.addAll(node.nodeIds().toList());
                apply(relayStatus, node, relay.relayKind());
            });
        }
        while (relayStatus.wantsMoreRelays()) {
            Optional<NodeRef> next = routingTable.findRandomFastNode(
                    node -> node.nodeIds().toList().stream().noneMatch(attempted::contains) && relayFilter.test(node),
                    RELAY_SELECTION_PERCENTILE, LatencyStats::tm90);
            if (next.isEmpty()) {
                break;
            }
            attempted.addAll(next.get().nodeIds().toList());
            apply(relayStatus, next.get(), RelayKind.INBOUND);
        }

        List<RoutingDomainRelay> relays = relayStatus.sortedRelays();
        if (relays.equals(original)) {
            return;
        }
        relays.stream().filter(r -> original.stream().noneMatch(o -> o.nodeIds().equals(r.nodeIds())))
                .forEach(r -> meters.relaySelected(r.relayKind()));
        RoutingDomainEditor editor = detail.edit().setRelays(relays);
        if (routingTable.commit(editor)) {
            editor.publish();
        }
    }

    /** Veilid's {@code check_relay_valid}: the relay's state to keep, or none to drop it. */
    private Optional<RoutingDomainRelayState> checkRelayValid(long now, RoutingDomainDetail.RelayAndState relay,
                                                              Predicate<NodeRef> relayFilter) {
        Optional<NodeRef> found = RelayNodes.lookup(routingTable, relay.relay());
        if (found.isEmpty()) {
            return drop(relay, "gone");
        }
        NodeRef node = found.get();
        Optional<NodeId> bestId = node.bestNodeId();
        if (bestId.isEmpty()) {
            return drop(relay, "no_best_id");
        }
        BucketEntryState state = node.state(now);
        if (state == BucketEntryState.DEAD || state == BucketEntryState.PUNISHED) {
            return drop(relay, state == BucketEntryState.DEAD ? "dead" : "punished");
        }
        if (isConfiguredOutboundRelay(relay.relay())) {
            return Optional.of(relay.state());
        }
        if (!relayFilter.test(node)) {
            return drop(relay, "filter");
        }
        RoutingDomainRelayState relayState = relay.state();
        if (Math.max(0, now - relayState.lastOptimized()) > RELAY_OPTIMIZATION_INTERVAL_MICROS) {
            Optional<NodeRelativePerformance> performance =
                    routingTable.nodeRelativePerformance(bestId.get(), relayFilter, LatencyStats::tm90);
            if (performance.isEmpty()) {
                return drop(relay, "unmeasured");
            }
            if (performance.get().percentile() < RELAY_OPTIMIZATION_PERCENTILE) {
                LOG.debug("relay tm90 is at {}% < {}% ({} of {}), optimizing relay {}", performance.get().percentile(),
                        RELAY_OPTIMIZATION_PERCENTILE, performance.get().nodeIndex(), performance.get().nodeCount(), node);
                return drop(relay, "optimized");
            }
            relayState = new RoutingDomainRelayState(relayState.lastKeepalive(), now);
        }
        return Optional.of(relayState);
    }

    private Optional<RoutingDomainRelayState> drop(RoutingDomainDetail.RelayAndState relay, String reason) {
        LOG.debug("dropping relay {}: {}", relay.relay().nodeIds(), reason);
        meters.relayDropped(reason);
        return Optional.empty();
    }

    /** The configuration chose it, not the candidate filter or the speed ranking: those do not drop it. */
    private boolean isConfiguredOutboundRelay(RoutingDomainRelay relay) {
        return relay.relayKind() == RelayKind.OUTBOUND && outboundRelay.map(relay.nodeIds()::contains).orElse(false);
    }

    /** Veilid's {@code get_outbound_relay_peer}: the configured outbound relay when known, alive and in PublicInternet. */
    private Optional<NodeRef> outboundRelayPeer() {
        return outboundRelay.flatMap(routingTable::lookupNodeId)
                .filter(NodeRef::isAlive)
                .filter(node -> node.peerInfo(PI).isPresent());
    }

    /** Offers the node, with its current PublicInternet peer info, to the relay status. */
    private static void apply(RelayStatus relayStatus, NodeRef node, RelayKind kind) {
        Optional<PeerInfo> peerInfo = node.peerInfo(PI);
        if (peerInfo.isPresent()) {
            relayStatus.applyRelay(RoutingDomainRelay.candidate(node.nodeIds().toList(), peerInfo.get(), kind));
        }
    }

    private void pinCurrentRelays(RoutingDomainDetail detail) {
        Map<List<NodeId>, RoutingDomainRelay> current = new HashMap<>();
        detail.relays().forEach(r -> current.put(r.nodeIds(), r));
        pins.entrySet().removeIf(e -> {
            if (current.containsKey(e.getKey())) {
                return false;
            }
            e.getValue().close();
            return true;
        });
        current.forEach((ids, relay) -> {
            if (!pins.containsKey(ids)) {
                RelayNodes.lookup(routingTable, relay).ifPresent(node -> pins.put(ids, node.pin()));
            }
        });
    }

    /** Unpins every relay (the tasks stopped). */
    void unpinAll() {
        pins.values().forEach(NodeRefPin::close);
        pins.clear();
    }
}
