package io.veilflux.filter;

import io.veilflux.crypto.NodeId;
import io.veilflux.net.Address;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Veilid's address filter: per-IP-block connection limits and rates, punishments of IP blocks and
 * node ids, and the memory of dial infos that recently failed. Every per-IP table is keyed by
 * {@link IpBlock}, so the whole IPv6 prefix of an address shares its limits and punishments.
 *
 * <p>Time is read from the injected {@link Scheduler}'s clock in microseconds, so that a
 * {@code VirtualTimeScheduler} drives it in tests. The filter is called from Netty event loops and
 * from crypto workers: all state sits behind one lock held only for map updates; logging and the
 * {@link PunishmentListener} run after it is released.
 */
public final class AddressFilter {
    private static final Logger log = LoggerFactory.getLogger(AddressFilter.class);

    /** Connection timestamps are kept for this long: the window of the per-minute rate limit. */
    private static final long CONNECTION_RATE_WINDOW_MICROS = TimeUnit.SECONDS.toMicros(60);

    private final AddressFilterConfig config;
    private final Scheduler clock;
    private final PunishmentListener listener;
    private final long punishmentDurationMicros;
    private final long dialInfoFailureDurationMicros;

    private final Object lock = new Object();
    // Everything below is guarded by lock.
    private final Map<IpBlock, Integer> connectionCounts = new HashMap<>();
    /** Per block, the times connections were admitted, oldest first. */
    private final Map<IpBlock, ArrayDeque<Long>> connectionTimestamps = new HashMap<>();
    private final Map<IpBlock, Punishment> ipPunishments = new HashMap<>();
    private final Map<NodeId, Punishment> nodeIdPunishments = new HashMap<>();
    private final Map<DialInfo, Long> dialInfoFailures = new HashMap<>();
    /** The last connection timestamp handed out, so that they never go backwards. */
    private long lastConnectionTimestamp;

    public AddressFilter(AddressFilterConfig config, Scheduler clock) {
        this(config, clock, PunishmentListener.NONE);
    }

    public AddressFilter(AddressFilterConfig config, Scheduler clock, PunishmentListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.punishmentDurationMicros = TimeUnit.MICROSECONDS.convert(config.punishmentDuration());
        this.dialInfoFailureDurationMicros = TimeUnit.MICROSECONDS.convert(config.dialInfoFailureDuration());
    }

    public AddressFilterConfig config() {
        return config;
    }

    /** The block {@code address} belongs to under this filter's IPv6 prefix size. */
    public IpBlock ipblock(Address address) {
        return IpBlock.of(address, config.maxConnectionsPerIp6PrefixSize());
    }

    // ---- connection limits (called by the connection table) ----

    /**
     * Admits a new connection from {@code remote} unless its block is punished, already has its
     * maximum of open connections, or opened its maximum within the last 60 s; checked in that
     * order. An accepted connection is counted until {@link #removeConnection}.
     */
    public AddConnectionResult addConnection(Address remote) {
        IpBlock block = ipblock(remote);
        AddConnectionResult result;
        synchronized (lock) {
            result = admitLocked(block);
        }
        if (result == AddConnectionResult.COUNT_EXCEEDED) {
            log.warn("Address filter count exceeded: {}", block);
        } else if (result == AddConnectionResult.RATE_EXCEEDED) {
            log.warn("Address filter rate exceeded: {}", block);
        }
        return result;
    }

    private AddConnectionResult admitLocked(IpBlock block) {
        if (ipPunishments.containsKey(block)) {
            return AddConnectionResult.PUNISHED;
        }
        long now = Math.max(now(), lastConnectionTimestamp);
        lastConnectionTimestamp = now;
        purgeConnectionTimestampsLocked(now);

        int count = connectionCounts.getOrDefault(block, 0);
        int maxCount = block.type() == AddressType.IPV4
                ? config.maxConnectionsPerIp4()
                : config.maxConnectionsPerIp6Prefix();
        if (count >= maxCount) {
            return AddConnectionResult.COUNT_EXCEEDED;
        }
        ArrayDeque<Long> stamps = connectionTimestamps.get(block);
        if (stamps != null && stamps.size() >= config.maxConnectionFrequencyPerMin()) {
            return AddConnectionResult.RATE_EXCEEDED;
        }
        connectionCounts.put(block, count + 1);
        connectionTimestamps.computeIfAbsent(block, b -> new ArrayDeque<>()).addLast(now);
        return AddConnectionResult.ACCEPTED;
    }

    /** Uncounts a connection from {@code remote} that {@link #addConnection} accepted. */
    public RemoveConnectionResult removeConnection(Address remote) {
        IpBlock block = ipblock(remote);
        synchronized (lock) {
            purgeConnectionTimestampsLocked(now());
            Integer count = connectionCounts.get(block);
            if (count == null) {
                return RemoveConnectionResult.ADDRESS_NOT_IN_TABLE;
            }
            if (count == 1) {
                connectionCounts.remove(block);
            } else {
                connectionCounts.put(block, count - 1);
            }
            return RemoveConnectionResult.REMOVED;
        }
    }

    /** How many accepted connections from {@code remote}'s block are open. */
    public int connectionCount(Address remote) {
        IpBlock block = ipblock(remote);
        synchronized (lock) {
            return connectionCounts.getOrDefault(block, 0);
        }
    }

    private void purgeConnectionTimestampsLocked(long now) {
        Iterator<ArrayDeque<Long>> blocks = connectionTimestamps.values().iterator();
        while (blocks.hasNext()) {
            ArrayDeque<Long> stamps = blocks.next();
            // Oldest first, so the first one young enough to keep ends the scan.
            while (!stamps.isEmpty() && now - stamps.peekFirst() >= CONNECTION_RATE_WINDOW_MICROS) {
                stamps.pollFirst();
            }
            if (stamps.isEmpty()) {
                blocks.remove();
            }
        }
    }

    // ---- punishments ----

    /**
     * Punishes {@code address}'s whole block: its packets are dropped, its connections refused and
     * unbound sends to it refused. Punishing again restarts the punishment's clock.
     */
    public void punishIpAddr(Address address, PunishmentReason reason) {
        Objects.requireNonNull(reason, "reason");
        IpBlock block = ipblock(address);
        log.warn("Punished: {} (block {}) for {}", address, block, reason);
        Punishment punishment = new Punishment(reason, now());
        synchronized (lock) {
            ipPunishments.put(block, punishment);
        }
    }

    public boolean isIpAddrPunished(Address address) {
        IpBlock block = ipblock(address);
        synchronized (lock) {
            return ipPunishments.containsKey(block);
        }
    }

    /** The punishment in force on {@code address}'s block, if any. */
    public Optional<Punishment> ipAddrPunishment(Address address) {
        IpBlock block = ipblock(address);
        synchronized (lock) {
            return Optional.ofNullable(ipPunishments.get(block));
        }
    }

    public void forgiveIpAddr(Address address) {
        IpBlock block = ipblock(address);
        log.warn("Forgiving: {} (block {})", address, block);
        synchronized (lock) {
            ipPunishments.remove(block);
        }
    }

    /**
     * Punishes a node id: its envelopes are dropped after the timestamp check and no contact method
     * is offered for it. The listener hears of it first, even when the table is full; a full table
     * (see {@link AddressFilterConfig#maxPunishmentsByNodeId()}) stores nothing, not even a refresh
     * of an existing punishment.
     */
    public void punishNodeId(NodeId nodeId, PunishmentReason reason) {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(reason, "reason");
        notifyListener(() -> listener.onNodeIdPunished(nodeId, reason));
        Punishment punishment = new Punishment(reason, now());
        boolean stored;
        synchronized (lock) {
            stored = nodeIdPunishments.size() < config.maxPunishmentsByNodeId();
            if (stored) {
                nodeIdPunishments.put(nodeId, punishment);
            }
        }
        if (stored) {
            log.warn("Punished: {} for {}", nodeId, reason);
        } else {
            log.warn("Punishment table full: {} not stored ({} entries)", nodeId, config.maxPunishmentsByNodeId());
        }
    }

    public boolean isNodeIdPunished(NodeId nodeId) {
        synchronized (lock) {
            return nodeIdPunishments.containsKey(nodeId);
        }
    }

    /** The punishment in force on {@code nodeId}, if any. */
    public Optional<Punishment> nodeIdPunishment(NodeId nodeId) {
        synchronized (lock) {
            return Optional.ofNullable(nodeIdPunishments.get(nodeId));
        }
    }

    /** Lifts a node id's punishment and tells the listener, whether or not one was stored. */
    public void forgiveNodeId(NodeId nodeId) {
        log.warn("Forgiving: {}", nodeId);
        synchronized (lock) {
            nodeIdPunishments.remove(nodeId);
        }
        notifyListener(() -> listener.onNodeIdForgiven(nodeId));
    }

    /** Lifts every IP and node-id punishment, forgets every dial-info failure, and tells the listener. */
    public void clearPunishments() {
        synchronized (lock) {
            ipPunishments.clear();
            nodeIdPunishments.clear();
            dialInfoFailures.clear();
        }
        notifyListener(listener::onPunishmentsCleared);
    }

    // ---- dial-info failures ----

    /**
     * Remembers that dialing {@code dialInfo} failed just now. When the table is full (see
     * {@link AddressFilterConfig#maxDialInfoFailures()}) the failure is ignored, even for a dial
     * info already in it.
     */
    public void setDialInfoFailed(DialInfo dialInfo) {
        Objects.requireNonNull(dialInfo, "dialInfo");
        long now = now();
        boolean stored;
        synchronized (lock) {
            stored = dialInfoFailures.size() < config.maxDialInfoFailures();
            if (stored) {
                dialInfoFailures.put(dialInfo, now);
            }
        }
        if (stored) {
            log.debug("DialInfo failure: {}", dialInfo);
        } else {
            log.warn("DialInfo failure table full: {}", dialInfo);
        }
    }

    /** When dialing {@code dialInfo} last failed, in microseconds, if that is still remembered. */
    public OptionalLong getDialInfoFailedTs(DialInfo dialInfo) {
        Long ts;
        synchronized (lock) {
            ts = dialInfoFailures.get(dialInfo);
        }
        return ts == null ? OptionalLong.empty() : OptionalLong.of(ts);
    }

    // ---- maintenance ----

    /**
     * The address-filter task's routine: forgets connection timestamps older than 60 s, lifts
     * punishments whose age is strictly greater than the punishment duration (node ids through the
     * listener, as {@link #forgiveNodeId} does), and forgets dial-info failures older than the
     * failure duration.
     */
    public void purge(long nowMicros) {
        List<IpBlock> forgivenBlocks;
        List<NodeId> forgivenNodes;
        List<DialInfo> permitted;
        synchronized (lock) {
            purgeConnectionTimestampsLocked(nowMicros);
            forgivenBlocks = removeExpired(ipPunishments, p -> nowMicros - p.timestampMicros() > punishmentDurationMicros);
            forgivenNodes = removeExpired(nodeIdPunishments,
                    p -> nowMicros - p.timestampMicros() > punishmentDurationMicros);
            permitted = removeExpired(dialInfoFailures, ts -> nowMicros - ts > dialInfoFailureDurationMicros);
        }
        forgivenBlocks.forEach(block -> log.warn("Forgiving: {} (punishment expired)", block));
        for (NodeId nodeId : forgivenNodes) {
            log.warn("Forgiving: {} (punishment expired)", nodeId);
            notifyListener(() -> listener.onNodeIdForgiven(nodeId));
        }
        permitted.forEach(dialInfo -> log.debug("DialInfo Permit: {}", dialInfo));
    }

    private static <K, V> List<K> removeExpired(Map<K, V> table, Predicate<V> expired) {
        List<K> removed = new ArrayList<>();
        Iterator<Map.Entry<K, V>> entries = table.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<K, V> entry = entries.next();
            if (expired.test(entry.getValue())) {
                removed.add(entry.getKey());
                entries.remove();
            }
        }
        return removed;
    }

    /**
     * Runs {@link #purge} on {@code scheduler} now and then every
     * {@link AddressFilterConfig#taskInterval()}, reading the time from this filter's clock.
     * Dispose the result to stop it.
     */
    public Disposable startPurgeTask(Scheduler scheduler) {
        return Flux.interval(Duration.ZERO, config.taskInterval(), scheduler)
                .subscribe(tick -> purge(now()), error -> log.error("Address filter purge task stopped", error));
    }

    /**
     * At each network startup: forgets connection counts (no connection survives a restart) and
     * dial-info failures (the network may have changed). Punishments and the connection timestamps
     * behind the rate limit are kept.
     */
    public void restart() {
        synchronized (lock) {
            connectionCounts.clear();
            dialInfoFailures.clear();
        }
    }

    private long now() {
        return clock.now(TimeUnit.MICROSECONDS);
    }

    /** A failing listener must not stop the purge task or a caller's punish call half-way. */
    private static void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("Punishment listener failed", e);
        }
    }
}
