package io.veilflux.rpc.tasks;

import io.micrometer.core.instrument.MeterRegistry;
import io.veilflux.crypto.NodeId;
import io.veilflux.routing.LiveEntryCounts;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingDomains;
import io.veilflux.routing.RoutingTable;
import io.veilflux.rpc.FindPeers;
import io.veilflux.rpc.RpcConfig;
import io.veilflux.rpc.RpcProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The routing table's background tasks, driven by the node's one-second tick (Veilid's
 * {@code RoutingTable::tick}, spec routing-rpc §7). Each tick, in Veilid's order: kick the
 * queued buckets, refresh the live entry counts, and — once the network manager says the network
 * started — bootstrap (too few connectivity peers) or else peer minimum refresh (fewer than
 * {@code dht.min_peer_count}), ping validators for both domains and relay keepalives, relay
 * management, and, when neither bootstrap nor peer refresh was due, the closest peers refresh.
 *
 * <p>Each task is a single-flight {@link TickTask} with Veilid's period: a tick starts a run
 * only when the period has passed and the last run is over; runs go on in the background. The
 * failure of a run is logged by the next tick, which then skips the tasks after it, as Veilid
 * does. Veilid's rolling statistics tasks have nothing to roll here (entries keep no transfer,
 * state or answer statistics); flushing to storage and private routes are not part of veilflux.
 * See {@link RelayManagement} for the outbound relay a client may be configured with.
 */
public final class RoutingTableTasks {
    /** Veilid's kick buckets, bootstrap, peer minimum refresh and ping validator periods. */
    public static final Duration TICK_TASK_INTERVAL = Duration.ofSeconds(1);
    /** Veilid's {@code RELAY_MANAGEMENT_INTERVAL_SECS}. */
    public static final Duration RELAY_MANAGEMENT_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(RoutingTableTasks.class);

    private final RoutingTable routingTable;
    private final RoutingTaskNetwork network;
    private final RoutingTaskMeters meters;
    private final Scheduler clock;
    private final Bootstrap bootstrapRoutine;
    private final PeerMinimumRefresh peerMinimumRefreshRoutine;
    private final RelayManagement relayManagementRoutine;
    private final TickTask kickBuckets;
    private final TickTask bootstrap;
    private final TickTask peerMinimumRefresh;
    private final TickTask pingPublicInternet;
    private final TickTask pingLocalNetwork;
    private final TickTask relayKeepalive;
    private final TickTask relayManagement;
    private final TickTask closestPeersRefresh;
    private final AtomicBoolean ticking = new AtomicBoolean();

    /**
     * @param outboundRelay the node this client sends everything through, if configured (see {@link RelayManagement})
     * @param clock the time, read in microseconds (virtual in tests)
     * @throws IllegalArgumentException for an outbound relay that is this node or of a crypto kind we do not support
     */
    public RoutingTableTasks(RoutingTable routingTable, RoutingDomains domains, RpcProcessor rpc, FindPeers findPeers,
                             RoutingTaskNetwork network, Optional<NodeId> outboundRelay, MeterRegistry registry,
                             Scheduler clock) {
        this.routingTable = Objects.requireNonNull(routingTable, "routingTable");
        Objects.requireNonNull(domains, "domains");
        Objects.requireNonNull(rpc, "rpc");
        Objects.requireNonNull(findPeers, "findPeers");
        this.network = Objects.requireNonNull(network, "network");
        requireUsableOutboundRelay(routingTable, outboundRelay);
        this.meters = new RoutingTaskMeters(Objects.requireNonNull(registry, "registry"));
        this.clock = Objects.requireNonNull(clock, "clock");
        RpcConfig config = rpc.config();
        this.bootstrapRoutine = new Bootstrap(routingTable, domains, findPeers, network, meters);
        this.peerMinimumRefreshRoutine = new PeerMinimumRefresh(routingTable, findPeers, config.minPeerCount(),
                config.minPeerRefreshTime());
        this.relayManagementRoutine = new RelayManagement(routingTable, domains, outboundRelay, meters);
        PingValidator pings = new PingValidator(routingTable, domains, rpc, meters);
        ClosestPeersRefresh closestPeers = new ClosestPeersRefresh(routingTable, findPeers);

        kickBuckets = task("kick_buckets", TICK_TASK_INTERVAL, now -> Mono.fromRunnable(routingTable::kickBuckets));
        bootstrap = task("bootstrap", TICK_TASK_INTERVAL, now -> bootstrapRoutine.run());
        peerMinimumRefresh = task("peer_minimum_refresh", TICK_TASK_INTERVAL, peerMinimumRefreshRoutine::run);
        pingPublicInternet = task("ping_validator_public_internet", TICK_TASK_INTERVAL,
                now -> pings.pingNodes(RoutingDomain.PUBLIC_INTERNET, now));
        pingLocalNetwork = task("ping_validator_local_network", TICK_TASK_INTERVAL,
                now -> pings.pingNodes(RoutingDomain.LOCAL_NETWORK, now));
        relayKeepalive = task("ping_validator_public_internet_relay", TICK_TASK_INTERVAL, pings::relayKeepalive);
        relayManagement = task("relay_management", RELAY_MANAGEMENT_INTERVAL,
                now -> Mono.fromRunnable(() -> relayManagementRoutine.run(now)));
        closestPeersRefresh = task("closest_peers_refresh", config.minPeerRefreshTime(), now -> closestPeers.run());
    }

    private static void requireUsableOutboundRelay(RoutingTable routingTable, Optional<NodeId> outboundRelay) {
        Objects.requireNonNull(outboundRelay, "outboundRelay");
        outboundRelay.ifPresent(id -> {
            if (routingTable.identity().matchesOwnNodeId(List.of(id))) {
                throw new IllegalArgumentException("the outbound relay " + id + " is this node; configure another node");
            }
            if (!routingTable.identity().order().isValid(id.kind())) {
                throw new IllegalArgumentException("the outbound relay " + id + " is of crypto kind " + id.kind()
                        + ", which this node does not support (supported: "
                        + routingTable.identity().order().validKinds() + ")");
            }
        });
    }

    private TickTask task(String name, Duration period, LongFunction<Mono<Void>> routine) {
        return new TickTask(name, period,
                (stop, last, now) -> routine.apply(now).doFinally(end -> meters.taskRun(name, end)), clock);
    }

    /**
     * One tick: starts the tasks that are due, in Veilid's order. A tick arriving while another is
     * still starting tasks is skipped. Never fails: a failed run is logged here.
     */
    public Mono<Void> tick() {
        return Mono.defer(() -> {
            if (!ticking.compareAndSet(false, true)) {
                LOG.debug("routing table tick skipped: the previous one is still starting tasks");
                return Mono.<Void>empty();
            }
            return tickTasks()
                    .onErrorResume(e -> {
                        LOG.error("error in routing table tick: {}", e.toString(), e);
                        return Mono.empty();
                    })
                    .doFinally(end -> ticking.set(false));
        });
    }

    private Mono<Void> tickTasks() {
        return Mono.defer(() -> routingTable.hasBucketsToKick() ? kickBuckets.tick() : Mono.<Void>empty())
                .then(Mono.defer(() -> {
                    LiveEntryCounts counts = routingTable.refreshLiveEntryCounts();
                    if (!network.isNetworkStarted()) {
                        return Mono.empty();
                    }
                    boolean needsBootstrap = !bootstrapRoutine.cryptoKindsNeedingBootstrap(counts).isEmpty();
                    boolean needsPeerMinimumRefresh = !needsBootstrap && peerMinimumRefreshRoutine.isNeeded(counts);
                    List<TickTask> due = new ArrayList<>();
                    if (needsBootstrap) {
                        due.add(bootstrap);
                    }
                    if (needsPeerMinimumRefresh) {
                        due.add(peerMinimumRefresh);
                    }
                    due.addAll(List.of(pingPublicInternet, pingLocalNetwork, relayKeepalive, relayManagement));
                    if (!needsBootstrap && !needsPeerMinimumRefresh) {
                        due.add(closestPeersRefresh);
                    }
                    return Flux.fromIterable(due).concatMap(task -> Mono.defer(task::tick)).then();
                }));
    }

    /** Veilid's {@code cancel_tasks}: stops every run in progress and unpins our relays; completes when they have stopped. */
    public Mono<Void> stop() {
        return Flux.just(kickBuckets, bootstrap, peerMinimumRefresh, pingPublicInternet, pingLocalNetwork,
                        relayKeepalive, relayManagement, closestPeersRefresh)
                .flatMap(TickTask::stop)
                .then(Mono.fromRunnable(relayManagementRoutine::unpinAll));
    }
}
