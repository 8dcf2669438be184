package io.veilflux.routing;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.Flow;
import io.veilflux.net.Sequencing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;

/**
 * Veilid's routing table, entry side: the nodes we know, bucketed by XOR distance from our own id
 * per crypto kind (256 buckets each), registered from peer infos and received envelopes, looked up
 * by id, and selected for closeness, speed and pings. Bucket kicks keep each bucket near its depth.
 *
 * <p>The routing domains are outside: {@link RoutingDomainResolver} classifies flows and node
 * infos, and a function gives the peer info we publish in a domain. Ordered flows are live while
 * {@code hasConnection} says their connection exists.
 *
 * <p>Thread-safe with one coarse lock. Neither the injected functions nor the filters given to the
 * {@code find...} methods are ever called under that lock, so they may call back into the table
 * and take locks of their own (none may block on I/O).
 */
public final class RoutingTable {
    /** How long after its last use a UDP flow still counts as live. */
    public static final Duration CONNECTIONLESS_TIMEOUT = Duration.ofSeconds(15);
    /** The envelope versions we speak, best first. */
    public static final List<FourCc> VALID_ENVELOPE_VERSIONS = List.of(FourCc.ENV0);

    private static final Logger LOG = LoggerFactory.getLogger(RoutingTable.class);
    private static final long CONNECTIONLESS_TIMEOUT_MICROS = CONNECTIONLESS_TIMEOUT.toNanos() / 1000;

    private final RoutingTableIdentity identity;
    private final CryptoKindOrder order;
    private final RoutingTableConfig config;
    private final RoutingDomainResolver resolver;
    private final Function<RoutingDomain, Optional<PeerInfo>> publishedPeerInfo;
    private final Predicate<Flow> hasConnection;
    private final Scheduler clock;
    private final Random random;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<CryptoKind, Bucket[]> buckets = new HashMap<>();
    private final Set<BucketEntry> allEntries = new LinkedHashSet<>();
    private final Set<BucketIndex> kickQueue = new LinkedHashSet<>();
    private final RecentPeers recentPeers;
    private volatile LiveEntryCounts liveEntryCounts = LiveEntryCounts.EMPTY;

    /**
     * @param publishedPeerInfo the peer info we publish in a domain, if any
     * @param hasConnection whether the connection of an ordered (TCP, WS, WSS) flow still exists
     * @param clock the time, read in microseconds
     * @param random picks among the fastest nodes in {@link #findRandomFastNode}
     */
    public RoutingTable(RoutingTableIdentity identity, RoutingTableConfig config, RoutingDomainResolver resolver,
            Function<RoutingDomain, Optional<PeerInfo>> publishedPeerInfo, Predicate<Flow> hasConnection,
            Scheduler clock, Random random) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.order = identity.order();
        this.config = Objects.requireNonNull(config, "config");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.publishedPeerInfo = Objects.requireNonNull(publishedPeerInfo, "publishedPeerInfo");
        this.hasConnection = Objects.requireNonNull(hasConnection, "hasConnection");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.recentPeers = new RecentPeers(config.recentPeersTableSize());
        for (CryptoKind kind : order.validKinds()) {
            Bucket[] set = new Bucket[Bucket.BUCKET_COUNT];
            for (int i = 0; i < set.length; i++) {
                set[i] = new Bucket(kind);
            }
            buckets.put(kind, set);
        }
    }

    public RoutingTableIdentity identity() {
        return identity;
    }

    // ---- registration and lookup ----

    /**
     * Adds or updates the node a peer info describes in {@code rd}. Refused (with a
     * {@link RoutingTableException}): our own node, a node naming itself as its relay, an unsigned
     * peer info unless {@code allowInvalid} (bootstrap), a node info not valid in {@code rd}. The
     * caller has checked the signatures ({@link PeerInfoValidation}).
     */
    public PeerInfoRegistration registerNodeWithPeerInfo(PeerInfo peerInfo, RoutingDomain rd, boolean allowInvalid) {
        Objects.requireNonNull(rd, "rd");
        NodeInfo nodeInfo = peerInfo.nodeInfo();
        CryptoTypedGroup<NodeId> ids = EntryNodeInfo.nodeIds(order, nodeInfo);
        if (identity.matchesOwnNodeId(ids)) {
            throw new RoutingTableException("can't register our own node id " + ids + " in the routing table");
        }
        if (ids.containsAny(nodeInfo.relayIds())) {
            throw new RoutingTableException("node " + ids + " can not be its own relay");
        }
        if (!allowInvalid && peerInfo.signatures().isEmpty()) {
            throw new RoutingTableException("peer info for " + ids + " has no valid signature");
        }
        if (!resolver.nodeInfoDomains(nodeInfo).contains(rd)) {
            throw new RoutingTableException("peer info for " + ids + " is not valid in the " + rd + " routing domain");
        }
        long now = now();
        record Registered(PeerInfoRegistration registration, List<NodeId> nodeIds, Map<RoutingDomain, PeerInfo> updated) {
        }
        Registered registered = locked(() -> {
            Created created = createEntry(ids, now);
            BucketEntry entry = created.entry();
            boolean isNew = entry.peerInfo(rd).isEmpty();
            boolean changed = entry.updatePeerInfo(rd, peerInfo, now);
            // New ids touch every domain's peer info of the entry, a new or changed one only its own.
            Map<RoutingDomain, PeerInfo> updated = new EnumMap<>(RoutingDomain.class);
            for (RoutingDomain domain : RoutingDomain.values()) {
                if (created.idsChanged() || (domain == rd && (isNew || changed))) {
                    entry.peerInfo(domain).ifPresent(pi -> updated.put(domain, pi));
                }
            }
            Set<NodeId> oldAndNewIds = new LinkedHashSet<>(created.previousIds().toList());
            entry.nodeIds().forEach(oldAndNewIds::add);
            boolean news = isNew || changed || created.idsChanged();
            return new Registered(new PeerInfoRegistration(domainFiltered(entry, rd), news), List.copyOf(oldAndNewIds),
                    updated);
        });
        registered.updated().forEach((domain, pi) -> resolver.peerInfoUpdated(domain, registered.nodeIds(), pi));
        return registered.registration();
    }

    /** Adds the node that sent us an envelope, if new, and marks it seen at {@code timestamp}; filtered to {@code rd}. */
    public FilteredNodeRef registerNodeWithId(RoutingDomain rd, NodeId nodeId, long timestamp) {
        Objects.requireNonNull(rd, "rd");
        long now = now();
        return locked(() -> {
            BucketEntry entry = createEntry(CryptoTypedGroup.of(order, List.of(nodeId)), now).entry();
            entry.touchLastSeen(timestamp);
            return domainFiltered(entry, rd);
        });
    }

    /** The entry of {@code nodeId}; our own id or an unsupported kind is a {@link RoutingTableException}. */
    public Optional<NodeRef> lookupNodeId(NodeId nodeId) {
        if (identity.matchesOwnNodeId(List.of(nodeId))) {
            throw new RoutingTableException("can't look up our own node id " + nodeId + " in the routing table");
        }
        if (!order.isValid(nodeId.kind())) {
            throw new RoutingTableException("can't look up node id " + nodeId + " of unsupported crypto kind "
                    + nodeId.kind() + " (supported: " + order.validKinds() + ")");
        }
        requireCoordinateLength(nodeId);
        return locked(() -> Optional.ofNullable(bucket(nodeId).get(nodeId.value())).map(e -> new NodeRef(this, e)));
    }

    /** {@link #lookupNodeId} seen through the given domains and dial info filter. */
    public Optional<FilteredNodeRef> lookupAndFilterNodeRef(NodeId nodeId, Set<RoutingDomain> domains,
            DialInfoFilter dialInfoFilter) {
        NodeRefFilter filter = new NodeRefFilter(domains, dialInfoFilter);
        return lookupNodeId(nodeId).map(nr -> nr.customFiltered(filter));
    }

    /** Lifts every entry's punishment. */
    public void clearPunishments() {
        locked(() -> allEntries.forEach(e -> e.setPunished(null)));
    }

    /** After our network changed: an equally old peer info may revive an entry once more (see update rules). */
    public void resetAllUpdatedSinceLastNetworkChange() {
        locked(() -> allEntries.forEach(BucketEntry::resetUpdatedSinceLastNetworkChange));
    }

    /**
     * Commits a routing domain editor with the routing table's part of Veilid's commit: when our
     * peer info changed, every entry's "updated since last network change" flag is reset, so an
     * equally old peer info may revive a node once more (our new network may reach it).
     *
     * @return {@link RoutingDomainEditor#commit()}'s answer: whether our peer info would change
     */
    public boolean commit(RoutingDomainEditor editor) {
        boolean changed = editor.commit();
        if (changed) {
            resetAllUpdatedSinceLastNetworkChange();
        }
        return changed;
    }

    /** The recent peers, most recent first, that still have a live flow; the others are forgotten. */
    public List<RecentPeer> recentPeers() {
        List<NodeId> ids = locked(recentPeers::mostRecentFirst);
        List<RecentPeer> out = new ArrayList<>();
        List<NodeId> dead = new ArrayList<>();
        for (NodeId id : ids) {
            Optional<Flow> flow = lookupNodeId(id).flatMap(NodeRef::lastFlow);
            if (flow.isPresent()) {
                out.add(new RecentPeer(id, flow.get()));
            } else {
                dead.add(id);
            }
        }
        locked(() -> dead.forEach(recentPeers::remove));
        return out;
    }

    /** How many entries the table holds, alive or not. */
    public int entryCount() {
        return locked(allEntries::size);
    }

    // ---- selection ----

    /**
     * Up to {@code count} live entries with an id of {@code target}'s kind accepted by
     * {@code filter}: Reliable ones first, then by XOR distance to {@code target}. Our own node is
     * never among them (see {@link #findPreferredClosestPeers} for the FindNode answer, which may include it).
     */
    public List<NodeRef> findPreferredClosestNodes(int count, HashCoordinate target, Predicate<NodeRef> filter) {
        CryptoKind kind = requireValidKind(target.kind());
        long now = now();
        List<NodeRef> accepted = aliveRefs(now, e -> e.nodeIds().containsKind(kind)).stream().filter(filter).toList();
        List<Closest<NodeRef>> keyed = locked(() -> {
            List<Closest<NodeRef>> out = new ArrayList<>();
            for (NodeRef ref : accepted) {
                ref.entry.nodeIds().get(kind).ifPresent(id -> out.add(
                        new Closest<>(ref, ref.entry.state(now) == BucketEntryState.RELIABLE, distance(id, target))));
            }
            return out;
        });
        return keyed.stream().sorted(Closest.ORDER).limit(count).map(Closest::item).toList();
    }

    /**
     * The FindNode answer: up to {@code maxFindNodeCount} peer infos in {@code rd} of live entries
     * with all {@code capabilities}, and ours if we publish one with all of them; Reliable entries
     * first (ours counts as unreliable), then by XOR distance to {@code target}.
     *
     * @throws IllegalArgumentException for a target of an unsupported kind (an invalid message)
     */
    public List<PeerInfo> findPreferredClosestPeers(RoutingDomain rd, HashCoordinate target, List<FourCc> capabilities) {
        CryptoKind kind = requireValidKind(target.kind());
        Optional<PeerInfo> ours = publishedPeerInfo(rd)
                .filter(pi -> pi.nodeInfo().hasAllCapabilities(capabilities));
        long now = now();
        List<Closest<PeerInfo>> candidates = new ArrayList<>();
        ours.ifPresent(pi -> candidates.add(new Closest<>(pi, false, distance(identity.nodeId(kind), target))));
        locked(() -> {
            for (BucketEntry e : allEntries) {
                Optional<NodeId> id = e.nodeIds().get(kind);
                Optional<PeerInfo> pi = e.peerInfo(rd);
                BucketEntryState state = e.state(now);
                if (state.isAlive() && id.isPresent() && pi.isPresent() && e.hasAllCapabilities(rd, capabilities)) {
                    candidates.add(new Closest<>(pi.get(), state == BucketEntryState.RELIABLE, distance(id.get(), target)));
                }
            }
        });
        return candidates.stream().sorted(Closest.ORDER).limit(config.maxFindNodeCount()).map(Closest::item).toList();
    }

    /** Up to {@code count} live entries accepted by {@code filter}: Reliable first, then by average latency (unknown last). */
    public List<NodeRef> findPreferredFastestNodes(int count, Predicate<NodeRef> filter) {
        return fastest(count, e -> true, filter);
    }

    /**
     * {@link #findPreferredFastestNodes} among entries with a node info in {@code rd} and none in
     * LocalNetwork (so not for LocalNetwork itself).
     */
    public List<NodeRef> findFastNonLocalNodesFiltered(RoutingDomain rd, int count, Predicate<NodeRef> filter) {
        if (rd == RoutingDomain.LOCAL_NETWORK) {
            throw new IllegalArgumentException("LocalNetwork is not a non-local routing domain");
        }
        return fastest(count, e -> !e.hasNodeInfo(RoutingDomain.LOCAL_NETWORK) && e.hasNodeInfo(rd), filter);
    }

    /**
     * A random pick among the fastest live entries accepted by {@code filter}: sorted by state
     * (Reliable first) then {@code metric} (unknown latency last), the pick is uniform over the
     * first ⌊(n − 1)·(100 − percentile)/100⌋ + 1.
     */
    public Optional<NodeRef> findRandomFastNode(Predicate<NodeRef> filter, float percentile,
            ToLongFunction<LatencyStats> metric) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile " + percentile + " is outside 0..100");
        }
        List<NodeRef> sorted = fastestReliable(filter, metric);
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        int maxIndex = (int) ((float) (sorted.size() - 1) * (100.0f - percentile) / 100.0f);
        return Optional.of(sorted.get(random.nextInt(maxIndex + 1)));
    }

    /**
     * Veilid's {@code get_node_relative_performance}: where the node with {@code nodeId} stands
     * among the live entries accepted by {@code filter}, sorted as {@link #findRandomFastNode}
     * sorts them; none when it is not among them.
     */
    public Optional<NodeRelativePerformance> nodeRelativePerformance(NodeId nodeId, Predicate<NodeRef> filter,
            ToLongFunction<LatencyStats> metric) {
        List<NodeRef> sorted = fastestReliable(filter, metric);
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).nodeIds().contains(nodeId)) {
                return Optional.of(NodeRelativePerformance.of(i, sorted.size()));
            }
        }
        return Optional.empty();
    }

    /** Live entries accepted by {@code filter}: Reliable first, then by {@code metric} (unknown latency last). */
    private List<NodeRef> fastestReliable(Predicate<NodeRef> filter, ToLongFunction<LatencyStats> metric) {
        long now = now();
        List<NodeRef> accepted = aliveRefs(now, e -> true).stream().filter(filter).toList();
        record Fast(NodeRef ref, BucketEntryState state, Long metric) {
        }
        List<Fast> keyed = locked(() -> accepted.stream()
                .map(r -> new Fast(r, r.entry.state(now), r.entry.latency().map(metric::applyAsLong).orElse(null)))
                .toList());
        return keyed.stream().sorted(Comparator.comparing(Fast::state, Comparator.reverseOrder())
                        .thenComparing(Fast::metric, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(Fast::ref).toList();
    }

    /**
     * The live entries with a node info in {@code rd} to ping now, least recently questioned
     * first: those without a node status in {@code rd}, those that have not seen our published
     * node info (when {@code ourPublishedNodeInfoTs} is given), and those whose state asks for a ping.
     */
    public List<FilteredNodeRef> getNodesNeedingPing(RoutingDomain rd, long now, OptionalLong ourPublishedNodeInfoTs) {
        return locked(() -> allEntries.stream()
                .filter(e -> e.state(now).isAlive() && e.hasNodeInfo(rd))
                .filter(e -> e.nodeStatus(rd).isEmpty()
                        || (ourPublishedNodeInfoTs.isPresent()
                                && !e.hasSeenOurNodeInfoTs(rd, ourPublishedNodeInfoTs.getAsLong()))
                        || e.needsPing(now))
                .sorted(Comparator.comparingLong(BucketEntry::lastQuestionTsOrZero))
                .map(e -> domainFiltered(e, rd))
                .toList());
    }

    // ---- maintenance ----

    /**
     * Kicks the queued buckets down to their depth where possible, sparing pinned entries and, per
     * kind, the closest Reliable and Unreliable entries with DHTV in PublicInternet. Run each tick.
     */
    public void kickBuckets() {
        long now = now();
        locked(() -> {
            if (kickQueue.isEmpty()) {
                return;
            }
            List<BucketIndex> queued = List.copyOf(kickQueue);
            kickQueue.clear();
            Map<CryptoKind, Set<Bytes>> exempt = new HashMap<>();
            for (CryptoKind kind : order.validKinds()) {
                exempt.put(kind, closestExemptPeers(kind, now));
            }
            for (BucketIndex index : queued) {
                List<BucketEntry> removed = buckets.get(index.kind())[index.index()]
                        .kick(index.depth(), exempt.get(index.kind()), now);
                removed.stream().filter(e -> !isIndexed(e)).forEach(allEntries::remove);
                if (!removed.isEmpty() && LOG.isDebugEnabled()) {
                    LOG.debug("bucket {}:{} kicked {} entries, the table has {}", index.kind(), index.index(),
                            removed.size(), allEntries.size());
                }
            }
        });
    }

    /** Whether buckets are queued for {@link #kickBuckets} (Veilid ticks its kick task only then). */
    public boolean hasBucketsToKick() {
        return locked(() -> !kickQueue.isEmpty());
    }

    /** Recounts the live entries with signed peer info (each tick) and caches the counts. */
    public LiveEntryCounts refreshLiveEntryCounts() {
        long now = now();
        LiveEntryCounts counts = locked(() -> {
            Map<LiveEntryCounts.Key, Integer> any = new HashMap<>();
            Map<LiveEntryCounts.Key, Integer> connectivity = new HashMap<>();
            Map<LiveEntryCounts.Key, Integer> distance = new HashMap<>();
            for (BucketEntry e : allEntries) {
                if (!e.state(now).isAlive()) {
                    continue;
                }
                for (RoutingDomain rd : RoutingDomain.values()) {
                    if (e.peerInfo(rd).map(pi -> pi.signatures().isEmpty()).orElse(true)) {
                        continue;
                    }
                    for (CryptoKind kind : e.nodeIds().kinds()) {
                        LiveEntryCounts.Key key = new LiveEntryCounts.Key(rd, kind);
                        any.merge(key, 1, Integer::sum);
                        if (e.hasAllCapabilities(rd, Capability.CONNECTIVITY)) {
                            connectivity.merge(key, 1, Integer::sum);
                        }
                        if (e.hasAllCapabilities(rd, Capability.DISTANCE_METRIC)) {
                            distance.merge(key, 1, Integer::sum);
                        }
                    }
                }
            }
            return new LiveEntryCounts(any, connectivity, distance);
        });
        liveEntryCounts = counts;
        return counts;
    }

    /** The counts of the last {@link #refreshLiveEntryCounts}. */
    public LiveEntryCounts cachedLiveEntryCounts() {
        return liveEntryCounts;
    }

    // ---- for node refs ----

    long now() {
        return clock.now(TimeUnit.MICROSECONDS);
    }

    Optional<PeerInfo> publishedPeerInfo(RoutingDomain rd) {
        return publishedPeerInfo.apply(rd);
    }

    <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    void locked(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    /** The entry's live last flows in {@code domains} matching {@code filter}, newest first. */
    List<Flow> liveLastFlows(BucketEntry entry, Set<RoutingDomain> domains, DialInfoFilter filter) {
        List<BucketEntry.TimestampedFlow> flows = locked(() -> entry.lastFlows(filter));
        long now = now();
        List<BucketEntry.TimestampedFlow> live = new ArrayList<>();
        for (BucketEntry.TimestampedFlow flow : flows) {
            boolean inDomains = resolver.forFlow(flow.flow()).map(domains::contains).orElse(false);
            if (inDomains && isLive(flow, now)) {
                live.add(flow);
            }
        }
        live.sort(Comparator.comparingLong(BucketEntry.TimestampedFlow::timestamp).reversed());
        return live.stream().map(BucketEntry.TimestampedFlow::flow).toList();
    }

    private boolean isLive(BucketEntry.TimestampedFlow flow, long now) {
        return flow.flow().protocol().isOrdered()
                ? hasConnection.test(flow.flow())
                : flow.timestamp() + CONNECTIONLESS_TIMEOUT_MICROS >= now;
    }

    Optional<RoutingDomain> bestRoutingDomain(BucketEntry entry, Set<RoutingDomain> domains) {
        Optional<RoutingDomain> withPeerInfo = locked(() -> {
            for (RoutingDomain rd : RoutingDomain.values()) {
                if (domains.contains(rd) && entry.hasNodeInfo(rd)) {
                    return Optional.of(rd);
                }
            }
            return Optional.<RoutingDomain>empty();
        });
        if (withPeerInfo.isPresent()) {
            return withPeerInfo;
        }
        return liveLastFlows(entry, domains, DialInfoFilter.all()).stream()
                .flatMap(flow -> resolver.forFlow(flow).stream())
                .min(Comparator.naturalOrder());
    }

    void setLastFlow(BucketEntry entry, Flow flow, long ts) {
        locked(() -> {
            entry.setLastFlow(flow, ts);
            entry.bestNodeId().ifPresent(recentPeers::touch);
        });
    }

    void unpin(BucketEntry entry) {
        locked(() -> {
            if (entry.unpin()) {
                for (NodeId id : entry.nodeIds()) {
                    if (order.isValid(id.kind())) {
                        kickQueue.add(bucketIndex(id));
                    }
                }
            }
        });
    }

    // ---- internals (under the lock) ----

    private record Created(BucketEntry entry, CryptoTypedGroup<NodeId> previousIds, boolean idsChanged) {
    }

    /** A candidate for a closeness sort: Reliable first, then nearer first. */
    private record Closest<T>(T item, boolean reliable, HashDistance distance) {
        static final Comparator<Closest<?>> ORDER = Comparator.comparing((Closest<?> c) -> !c.reliable())
                .thenComparing(Closest::distance);
    }

    /**
     * Veilid's {@code create_node_ref}: the entry of the first supported id found in a bucket, its
     * ids reconciled with {@code ids}; otherwise a new entry under the first supported id.
     */
    private Created createEntry(CryptoTypedGroup<NodeId> ids, long now) {
        if (ids.isEmpty()) {
            throw new RoutingTableException("can't register a node without node ids");
        }
        if (identity.matchesOwnNodeId(ids)) {
            throw new RoutingTableException("can't register our own node id " + ids + " in the routing table");
        }
        NodeId firstSupported = null;
        for (NodeId id : ids) {
            if (!order.isValid(id.kind())) {
                continue;
            }
            requireCoordinateLength(id);
            if (firstSupported == null) {
                firstSupported = id;
            }
            BucketEntry existing = bucket(id).get(id.value());
            if (existing != null) {
                CryptoTypedGroup<NodeId> previousIds = existing.nodeIds();
                return new Created(existing, previousIds, updateBucketEntryNodeIds(existing, ids));
            }
        }
        if (firstSupported == null) {
            throw new RoutingTableException("not registering node " + ids + " with no node id of a supported kind "
                    + order.validKinds());
        }
        BucketEntry entry = new BucketEntry(order, firstSupported, now);
        allEntries.add(entry);
        index(firstSupported, entry);
        updateBucketEntryNodeIds(entry, ids);
        return new Created(entry, CryptoTypedGroup.empty(order), false);
    }

    /**
     * Makes the entry's ids those of {@code ids}: new ids are added and bucketed (replacing an
     * older id of the same kind), supported ids absent from {@code ids} are dropped.
     *
     * @return whether an id was added to an entry that already had a peer info
     */
    private boolean updateBucketEntryNodeIds(BucketEntry entry, CryptoTypedGroup<NodeId> ids) {
        if (entry.nodeIds().equals(ids)) {
            return false;
        }
        boolean hadPeerInfo = RoutingDomain.all().stream().anyMatch(entry::hasNodeInfo);
        CryptoTypedGroup<NodeId> unlisted = entry.nodeIds();
        boolean added = false;
        for (NodeId id : ids) {
            boolean known = unlisted.contains(id);
            unlisted = unlisted.without(id.kind());
            if (known) {
                continue;
            }
            added = true;
            Optional<NodeId> replaced = entry.addNodeId(id);
            if (order.isValid(id.kind())) {
                replaced.ifPresent(old -> {
                    unindex(old, entry);
                    kickQueue.add(bucketIndex(old));
                });
                index(id, entry);
            }
        }
        for (NodeId gone : unlisted) {
            if (order.isValid(gone.kind())) {
                unindex(gone, entry);
                entry.removeNodeId(gone.kind());
            }
        }
        return added && hadPeerInfo;
    }

    /** Buckets {@code entry} under {@code id}; an entry it displaces and that is left in no bucket leaves the table. */
    private void index(NodeId id, BucketEntry entry) {
        BucketEntry displaced = bucket(id).put(id.value(), entry);
        if (displaced != null && displaced != entry && !isIndexed(displaced)) {
            allEntries.remove(displaced);
        }
        kickQueue.add(bucketIndex(id));
    }

    private void unindex(NodeId id, BucketEntry entry) {
        Bucket bucket = bucket(id);
        if (bucket.get(id.value()) == entry) {
            bucket.remove(id.value());
        }
    }

    private boolean isIndexed(BucketEntry entry) {
        for (NodeId id : entry.nodeIds()) {
            if (order.isValid(id.kind()) && bucket(id).get(id.value()) == entry) {
                return true;
            }
        }
        return false;
    }

    private Bucket bucket(NodeId id) {
        return buckets.get(id.kind())[bucketIndex(id).index()];
    }

    /** The bucket of a supported id: the first bit where it differs from our id of its kind. */
    BucketIndex bucketIndex(NodeId id) {
        int bit = distance(id, HashCoordinate.of(identity.nodeId(id.kind()))).firstNonzeroBit()
                .orElseThrow(() -> new RoutingTableException("our own node id " + id + " has no bucket"));
        return new BucketIndex(id.kind(), bit);
    }

    private static HashDistance distance(NodeId id, HashCoordinate target) {
        return HashCoordinate.of(id).distance(target);
    }

    /** Per kind, the keys of the closest Reliable and Unreliable entries to us with DHTV in PublicInternet. */
    private Set<Bytes> closestExemptPeers(CryptoKind kind, long now) {
        HashCoordinate own = HashCoordinate.of(identity.nodeId(kind));
        int keepReliable = config.keepClosestReliablePeers();
        int keepUnreliable = config.keepClosestUnreliablePeers();
        Set<Bytes> exempt = new HashSet<>();
        int reliable = 0;
        int unreliable = 0;
        Bucket[] set = buckets.get(kind);
        for (int i = set.length - 1; i >= 0; i--) {
            record Ranked(HashDistance distance, Map.Entry<Bytes, BucketEntry> entry) {
            }
            List<Map.Entry<Bytes, BucketEntry>> byDistance = set[i].entries().entrySet().stream()
                    .map(e -> new Ranked(new HashCoordinate(kind, e.getKey()).distance(own), e))
                    .sorted(Comparator.comparing(Ranked::distance))
                    .map(Ranked::entry)
                    .toList();
            for (Map.Entry<Bytes, BucketEntry> e : byDistance) {
                if (!e.getValue().hasAnyCapabilities(RoutingDomain.PUBLIC_INTERNET, Capability.DISTANCE_METRIC)) {
                    continue;
                }
                BucketEntryState state = e.getValue().state(now);
                if (state == BucketEntryState.RELIABLE && reliable < keepReliable) {
                    exempt.add(e.getKey());
                    reliable++;
                } else if (state == BucketEntryState.UNRELIABLE && unreliable < keepUnreliable) {
                    exempt.add(e.getKey());
                    unreliable++;
                }
                if (reliable == keepReliable && unreliable == keepUnreliable) {
                    return exempt;
                }
            }
        }
        return exempt;
    }

    private List<NodeRef> aliveRefs(long now, Predicate<BucketEntry> internalFilter) {
        return locked(() -> allEntries.stream()
                .filter(e -> e.state(now).isAlive() && internalFilter.test(e))
                .map(e -> new NodeRef(this, e))
                .toList());
    }

    private List<NodeRef> fastest(int count, Predicate<BucketEntry> internalFilter, Predicate<NodeRef> filter) {
        long now = now();
        List<NodeRef> accepted = aliveRefs(now, internalFilter).stream().filter(filter).toList();
        record Fastest(NodeRef ref, boolean reliable, Long averageLatency) {
        }
        List<Fastest> keyed = locked(() -> accepted.stream()
                .map(r -> new Fastest(r, r.entry.state(now) == BucketEntryState.RELIABLE,
                        r.entry.latency().map(LatencyStats::average).orElse(null)))
                .toList());
        return keyed.stream()
                .sorted(Comparator.comparing((Fastest f) -> !f.reliable())
                        .thenComparing(Fastest::averageLatency, Comparator.nullsLast(Comparator.naturalOrder())))
                .limit(count).map(Fastest::ref).toList();
    }

    private FilteredNodeRef domainFiltered(BucketEntry entry, RoutingDomain rd) {
        return new FilteredNodeRef(this, entry, NodeRefFilter.of(rd), Sequencing.NO_PREFERENCE);
    }

    private CryptoKind requireValidKind(CryptoKind kind) {
        if (!order.isValid(kind)) {
            throw new IllegalArgumentException("unsupported crypto kind " + kind + " (supported: " + order.validKinds() + ")");
        }
        return kind;
    }

    private static void requireCoordinateLength(NodeId id) {
        if (id.value().length() != Crypto.HASH_COORDINATE_LENGTH) {
            throw new RoutingTableException("node id " + id + " is " + id.value().length() + " bytes, not "
                    + Crypto.HASH_COORDINATE_LENGTH);
        }
    }
}
