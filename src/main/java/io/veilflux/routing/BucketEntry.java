package io.veilflux.routing;

import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.filter.PunishmentReason;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.Flow;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SequenceOrdering;
import io.veilflux.net.SocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Everything the routing table knows about one node (Veilid's {@code BucketEntryInner}): its ids,
 * envelope versions, per-domain peer info, the flows last used with it, the addresses it reported
 * for us, its RPC statistics and latencies, and a punishment. It decides the node's reliability
 * state from those statistics.
 *
 * <p>Not thread-safe: every access holds the owning {@link RoutingTable}'s lock. Timestamps are
 * microseconds, passed in by the caller so that the rules can run on virtual time.
 */
final class BucketEntry {
    /** Start of the reliable ping back-off: seconds between the first two pings. */
    static final long RELIABLE_PING_INTERVAL_START = TimeUnit.SECONDS.toMicros(10);
    /** Longest gap between pings of a reliable node. */
    static final long RELIABLE_PING_INTERVAL_MAX = TimeUnit.SECONDS.toMicros(600);
    static final double RELIABLE_PING_INTERVAL_MULTIPLIER = 2.0;
    /** How long a node must answer before it is reliable, and how long it may not before it is dead. */
    static final long UNRELIABLE_PING_SPAN = TimeUnit.SECONDS.toMicros(60);
    /** Gap between pings of an unreliable node. */
    static final long UNRELIABLE_PING_INTERVAL = TimeUnit.SECONDS.toMicros(5);
    static final int UNRELIABLE_LOST_ANSWERS_UNORDERED = 2;
    static final int UNRELIABLE_LOST_ANSWERS_ORDERED = 0;
    /** Failed sends, or lost answers of a never-seen node, that make it dead. */
    static final int NEVER_SEEN_PING_COUNT = 3;

    private static final long UNSET = Long.MIN_VALUE;

    /** A last flow's slot: one per protocol and address type, in Veilid's key order. */
    record FlowKey(ProtocolType protocol, AddressType addressType) implements Comparable<FlowKey> {
        private static final Comparator<FlowKey> ORDER =
                Comparator.comparing(FlowKey::protocol).thenComparing(FlowKey::addressType);

        static FlowKey of(Flow flow) {
            return new FlowKey(flow.protocol(), flow.addressType());
        }

        @Override
        public int compareTo(FlowKey other) {
            return ORDER.compare(this, other);
        }
    }

    /** A flow with the time it was last used. */
    record TimestampedFlow(Flow flow, long timestamp) {
    }

    private record SenderInfoKey(RoutingDomain routingDomain, ProtocolType protocol, AddressType addressType) {
    }

    /** What the entry holds for one routing domain. */
    private static final class DomainDetail {
        PeerInfo peerInfo;
        long lastSeenOurNodeInfoTs;
        NodeStatus nodeStatus;
    }

    private final long timeAdded;
    private CryptoTypedGroup<NodeId> nodeIds;
    private List<FourCc> envelopeSupport = List.of();
    private boolean updatedSinceLastNetworkChange;
    private final TreeMap<FlowKey, TimestampedFlow> lastFlows = new TreeMap<>();
    private final Map<SenderInfoKey, SocketAddress> lastSenderInfo = new HashMap<>();
    private final EnumMap<RoutingDomain, DomainDetail> domains = new EnumMap<>(RoutingDomain.class);
    private PunishmentReason punishment;
    private int pins;

    private long messagesSent;
    private long messagesRcvd;
    private int questionsInFlight;
    private long lastQuestionTs = UNSET;
    private long lastSeenTs = UNSET;
    private long firstConsecutiveSeenTs = UNSET;
    private int failedToSend;
    private int recentLostAnswersUnordered;
    private int recentLostAnswersOrdered;
    private final LatencyStatsAccounting latencyAccounting = new LatencyStatsAccounting();
    private LatencyStats latency;

    BucketEntry(CryptoKindOrder order, NodeId firstNodeId, long now) {
        if (!order.isValid(firstNodeId.kind())) {
            throw new IllegalArgumentException("an entry starts with a node id of a valid kind, not " + firstNodeId.kind());
        }
        this.nodeIds = CryptoTypedGroup.<NodeId>empty(order).with(firstNodeId);
        this.timeAdded = now;
        for (RoutingDomain rd : RoutingDomain.values()) {
            domains.put(rd, new DomainDetail());
        }
    }

    // ---- ids and envelope versions ----

    CryptoTypedGroup<NodeId> nodeIds() {
        return nodeIds;
    }

    Optional<NodeId> bestNodeId() {
        return nodeIds.first();
    }

    /** Adds or replaces the id of {@code id}'s kind; returns the id it replaced, if it was a different one. */
    Optional<NodeId> addNodeId(NodeId id) {
        Optional<NodeId> old = nodeIds.get(id.kind());
        nodeIds = nodeIds.with(id);
        return old.filter(o -> !o.equals(id));
    }

    void removeNodeId(CryptoKind kind) {
        nodeIds = nodeIds.without(kind);
    }

    /** Records an envelope version seen on a received envelope; it must be one we support. */
    void addEnvelopeVersion(FourCc version) {
        if (!RoutingTable.VALID_ENVELOPE_VERSIONS.contains(version)) {
            throw new IllegalArgumentException("envelope version " + version + " is not supported (valid: "
                    + RoutingTable.VALID_ENVELOPE_VERSIONS + ")");
        }
        if (envelopeSupport.contains(version)) {
            return;
        }
        List<FourCc> out = new ArrayList<>(envelopeSupport);
        out.add(version);
        out.sort(Comparator.comparingInt(RoutingTable.VALID_ENVELOPE_VERSIONS::indexOf));
        envelopeSupport = List.copyOf(out);
    }

    /** The first version in the node's list that we support. */
    Optional<FourCc> bestEnvelopeVersion() {
        return envelopeSupport.stream().filter(RoutingTable.VALID_ENVELOPE_VERSIONS::contains).findFirst();
    }

    List<FourCc> envelopeSupport() {
        return envelopeSupport;
    }

    private void setEnvelopeSupport(List<FourCc> versions) {
        envelopeSupport = versions.stream().distinct()
                .sorted((a, b) -> Integer.compareUnsigned(a.value(), b.value())).toList();
    }

    // ---- per-domain peer info ----

    Optional<PeerInfo> peerInfo(RoutingDomain rd) {
        return Optional.ofNullable(domains.get(rd).peerInfo);
    }

    Optional<NodeInfo> nodeInfo(RoutingDomain rd) {
        return peerInfo(rd).map(PeerInfo::nodeInfo);
    }

    boolean hasNodeInfo(RoutingDomain rd) {
        return domains.get(rd).peerInfo != null;
    }

    boolean hasAllCapabilities(RoutingDomain rd, List<FourCc> capabilities) {
        return nodeInfo(rd).map(ni -> ni.hasAllCapabilities(capabilities)).orElse(false);
    }

    boolean hasAnyCapabilities(RoutingDomain rd, List<FourCc> capabilities) {
        return nodeInfo(rd).map(ni -> ni.hasAnyCapabilities(capabilities)).orElse(false);
    }

    /**
     * Veilid's {@code update_peer_info}. Over a signed peer info, an older or equally old one is
     * ignored (an equally old one still revives the entry once after a network change); a newer
     * one is taken. An unsigned (bootstrap) one is always overwritten. Taking it replaces the
     * envelope versions, revives the entry and, when the node info changed beyond its timestamp,
     * drops every last flow but the newest.
     *
     * @return whether a previous signed node info was replaced by a different one
     */
    boolean updatePeerInfo(RoutingDomain rd, PeerInfo peerInfo, long now) {
        DomainDetail detail = domains.get(rd);
        PeerInfo current = detail.peerInfo;
        boolean changed = false;
        if (current != null && !current.signatures().isEmpty()) {
            int byAge = Long.compareUnsigned(peerInfo.nodeInfo().timestamp(), current.nodeInfo().timestamp());
            if (byAge <= 0) {
                if (byAge == 0 && !updatedSinceLastNetworkChange) {
                    updatedSinceLastNetworkChange = true;
                    makeNotDead(now);
                }
                return false;
            }
            changed = !peerInfo.nodeInfo().equivalent(current.nodeInfo());
        }
        detail.peerInfo = peerInfo;
        setEnvelopeSupport(peerInfo.nodeInfo().envelopeSupport());
        updatedSinceLastNetworkChange = true;
        makeNotDead(now);
        if (changed) {
            clearLastFlowsExceptLatest();
        }
        return changed;
    }

    boolean updatedSinceLastNetworkChange() {
        return updatedSinceLastNetworkChange;
    }

    void resetUpdatedSinceLastNetworkChange() {
        updatedSinceLastNetworkChange = false;
    }

    /** Records which of our node info timestamps the node has seen; returns the old one if it changed. */
    OptionalLong setSeenOurNodeInfoTs(RoutingDomain rd, long seenTs) {
        DomainDetail detail = domains.get(rd);
        long old = detail.lastSeenOurNodeInfoTs;
        if (old == seenTs) {
            return OptionalLong.empty();
        }
        detail.lastSeenOurNodeInfoTs = seenTs;
        return OptionalLong.of(old);
    }

    boolean hasSeenOurNodeInfoTs(RoutingDomain rd, long ourNodeInfoTs) {
        return domains.get(rd).lastSeenOurNodeInfoTs == ourNodeInfoTs;
    }

    void updateNodeStatus(RoutingDomain rd, NodeStatus status) {
        domains.get(rd).nodeStatus = status;
    }

    Optional<NodeStatus> nodeStatus(RoutingDomain rd) {
        return Optional.ofNullable(domains.get(rd).nodeStatus);
    }

    // ---- flows and sender info ----

    /** Remembers {@code flow} in its (protocol, address type) slot; a punished entry remembers nothing. */
    void setLastFlow(Flow flow, long timestamp) {
        if (punishment != null) {
            return;
        }
        lastFlows.put(FlowKey.of(flow), new TimestampedFlow(flow, timestamp));
    }

    void removeLastFlow(Flow flow) {
        lastFlows.remove(FlowKey.of(flow));
    }

    /** Forgets the flows whose protocol and address type match {@code filter}. */
    void clearLastFlows(DialInfoFilter filter) {
        lastFlows.keySet().removeIf(k -> filter.matches(k.protocol(), k.addressType()));
    }

    /** The remembered flows matching {@code filter}, in key order, whether live or not. */
    List<TimestampedFlow> lastFlows(DialInfoFilter filter) {
        return lastFlows.entrySet().stream()
                .filter(e -> filter.matches(e.getKey().protocol(), e.getKey().addressType()))
                .map(Map.Entry::getValue).toList();
    }

    /**
     * Keeps only the most recently used flow: the one a changed peer info most likely came over.
     * Veilid looks for a timestamp above zero, so flows all stamped 0 are all kept.
     */
    private void clearLastFlowsExceptLatest() {
        FlowKey newest = null;
        long newestTs = 0;
        for (Map.Entry<FlowKey, TimestampedFlow> e : lastFlows.entrySet()) {
            if (Long.compareUnsigned(e.getValue().timestamp(), newestTs) > 0) {
                newest = e.getKey();
                newestTs = e.getValue().timestamp();
            }
        }
        if (newest != null) {
            FlowKey keep = newest;
            lastFlows.keySet().removeIf(k -> !k.equals(keep));
        }
    }

    /** Records the address the node saw us at; returns the previous one if it differs. */
    Optional<SocketAddress> reportSenderInfo(RoutingDomain rd, ProtocolType protocol, AddressType addressType,
            SocketAddress senderInfo) {
        SocketAddress previous = lastSenderInfo.put(new SenderInfoKey(rd, protocol, addressType), senderInfo);
        return previous == null || previous.equals(senderInfo) ? Optional.empty() : Optional.of(previous);
    }

    // ---- punishment and pins ----

    Optional<PunishmentReason> punishment() {
        return Optional.ofNullable(punishment);
    }

    /** Sets or (with null) clears the punishment; setting one forgets every last flow. */
    void setPunished(PunishmentReason reason) {
        punishment = reason;
        if (reason != null) {
            lastFlows.clear();
        }
    }

    void pin() {
        pins++;
    }

    /** Returns whether this removed the last pin. */
    boolean unpin() {
        pins--;
        return pins == 0;
    }

    boolean isPinned() {
        return pins > 0;
    }

    long timeAdded() {
        return timeAdded;
    }

    // ---- reliability state machine ----

    BucketEntryState state(long now) {
        return stateReason(now).state();
    }

    BucketEntryStateReason stateReason(long now) {
        if (punishment != null) {
            return BucketEntryStateReason.PUNISHED;
        }
        BucketEntryStateReason dead = checkDead(now);
        if (dead != null) {
            return dead;
        }
        BucketEntryStateReason unreliable = checkUnreliable(now);
        return unreliable != null ? unreliable : BucketEntryStateReason.RELIABLE;
    }

    private BucketEntryStateReason checkDead(long now) {
        if (failedToSend >= NEVER_SEEN_PING_COUNT) {
            return BucketEntryStateReason.DEAD_CAN_NOT_SEND;
        }
        int lostAnswers = recentLostAnswersUnordered + recentLostAnswersOrdered;
        if (lastSeenTs == UNSET) {
            return lostAnswers >= NEVER_SEEN_PING_COUNT ? BucketEntryStateReason.DEAD_TOO_MANY_LOST_ANSWERS : null;
        }
        boolean notSeen = since(now, lastSeenTs) >= UNRELIABLE_PING_SPAN;
        boolean noAnswers = lostAnswers >= UNRELIABLE_PING_SPAN / UNRELIABLE_PING_INTERVAL;
        return notSeen && noAnswers ? BucketEntryStateReason.DEAD_NO_PING_RESPONSE : null;
    }

    private BucketEntryStateReason checkUnreliable(long now) {
        if (failedToSend > 0) {
            return BucketEntryStateReason.UNRELIABLE_FAILED_TO_SEND;
        }
        if (recentLostAnswersUnordered > UNRELIABLE_LOST_ANSWERS_UNORDERED
                || recentLostAnswersOrdered > UNRELIABLE_LOST_ANSWERS_ORDERED) {
            return BucketEntryStateReason.UNRELIABLE_LOST_ANSWERS;
        }
        if (firstConsecutiveSeenTs == UNSET) {
            return BucketEntryStateReason.UNRELIABLE_NOT_SEEN_CONSECUTIVELY;
        }
        if (since(now, firstConsecutiveSeenTs) < UNRELIABLE_PING_SPAN) {
            return BucketEntryStateReason.UNRELIABLE_IN_UNRELIABLE_PING_SPAN;
        }
        return null;
    }

    /**
     * Whether the node should be pinged now. Reliable: on an exponential back-off (10 s, doubling,
     * at most 600 s) measured from 5 s before it became reliable, and always if not questioned in
     * this session. Unreliable: when not questioned for 5 s. Dead or punished: never.
     */
    boolean needsPing(long now) {
        return switch (state(now)) {
            case RELIABLE -> {
                if (lastQuestionTs == UNSET) {
                    yield true;
                }
                long startOfReliableTime = firstConsecutiveSeenTs + (UNRELIABLE_PING_SPAN - UNRELIABLE_PING_INTERVAL);
                yield retryFalloffLog(since(lastQuestionTs, startOfReliableTime), since(now, startOfReliableTime),
                        RELIABLE_PING_INTERVAL_START, RELIABLE_PING_INTERVAL_MAX, RELIABLE_PING_INTERVAL_MULTIPLIER);
            }
            case UNRELIABLE -> lastQuestionTs == UNSET || since(now, lastQuestionTs) >= UNRELIABLE_PING_INTERVAL;
            case DEAD, PUNISHED -> false;
        };
    }

    /** Veilid's {@code retry_falloff_log}, in microseconds, with its float arithmetic. */
    static boolean retryFalloffLog(long lastUs, long curUs, long intervalStartUs, long intervalMaxUs, double multiplier) {
        if (curUs < intervalStartUs) {
            return false;
        }
        if (curUs >= lastUs + intervalMaxUs) {
            return true;
        }
        return lastUs <= (long) (durationToSecs(curUs) / multiplier * 1_000_000.0);
    }

    /** Veilid's {@code timestamp_duration_to_secs}: drops low bits until the value fits in 32 bits. */
    private static double durationToSecs(long micros) {
        double mul = 1.0 / 1_000_000.0;
        long usec = micros;
        while (Long.compareUnsigned(usec, 0xFFFF_FFFFL) > 0) {
            usec >>>= 1;
            mul *= 2.0;
        }
        return usec * mul;
    }

    /** Veilid's saturating {@code duration_since}. */
    private static long since(long now, long earlier) {
        return Math.max(0, now - earlier);
    }

    /** Marks the node seen at {@code ts}, starting a run of consecutive sightings if none is running. */
    void touchLastSeen(long ts) {
        if (firstConsecutiveSeenTs == UNSET) {
            firstConsecutiveSeenTs = ts;
        }
        lastSeenTs = ts;
    }

    /** Gives a dead entry a fresh start (its statistics reset, not yet seen); anything else is left alone. */
    void makeNotDead(long now) {
        if (checkDead(now) != null) {
            lastSeenTs = UNSET;
            firstConsecutiveSeenTs = UNSET;
            failedToSend = 0;
            recentLostAnswersUnordered = 0;
            recentLostAnswersOrdered = 0;
        }
    }

    // ---- statistics updates ----

    void questionSent(long ts, boolean expectsAnswer) {
        messagesSent++;
        failedToSend = 0;
        if (expectsAnswer) {
            questionsInFlight++;
            lastQuestionTs = ts;
        }
    }

    void questionRcvd(long ts) {
        messagesRcvd++;
        touchLastSeen(ts);
    }

    void answerSent() {
        messagesSent++;
        failedToSend = 0;
    }

    void answerRcvd(long sendTs, long recvTs, SequenceOrdering ordering) {
        if (ordering == SequenceOrdering.ORDERED) {
            recentLostAnswersOrdered = 0;
        } else {
            recentLostAnswersUnordered = 0;
        }
        messagesRcvd++;
        questionsInFlight = Math.max(0, questionsInFlight - 1);
        latency = latencyAccounting.record(since(recvTs, sendTs));
        touchLastSeen(recvTs);
    }

    void lostAnswer(SequenceOrdering ordering) {
        if (ordering == SequenceOrdering.ORDERED) {
            recentLostAnswersOrdered++;
            if (recentLostAnswersOrdered > UNRELIABLE_LOST_ANSWERS_ORDERED) {
                firstConsecutiveSeenTs = UNSET;
            }
        } else {
            recentLostAnswersUnordered++;
            if (recentLostAnswersUnordered > UNRELIABLE_LOST_ANSWERS_UNORDERED) {
                firstConsecutiveSeenTs = UNSET;
            }
        }
        questionsInFlight = Math.max(0, questionsInFlight - 1);
    }

    void failedToSend(long ts, boolean expectsAnswer) {
        if (expectsAnswer) {
            lastQuestionTs = ts;
        }
        failedToSend++;
        firstConsecutiveSeenTs = UNSET;
    }

    Optional<LatencyStats> latency() {
        return Optional.ofNullable(latency);
    }

    /** The last question's time, 0 if none, as Veilid sorts ping candidates. */
    long lastQuestionTsOrZero() {
        return lastQuestionTs == UNSET ? 0 : lastQuestionTs;
    }

    PeerStats peerStats() {
        return new PeerStats(timeAdded, new RpcStats(messagesSent, messagesRcvd, questionsInFlight,
                optional(lastQuestionTs), optional(lastSeenTs), optional(firstConsecutiveSeenTs), failedToSend,
                recentLostAnswersUnordered, recentLostAnswersOrdered), latency());
    }

    private static OptionalLong optional(long ts) {
        return ts == UNSET ? OptionalLong.empty() : OptionalLong.of(ts);
    }

    @Override
    public String toString() {
        return "BucketEntry" + nodeIds;
    }
}
