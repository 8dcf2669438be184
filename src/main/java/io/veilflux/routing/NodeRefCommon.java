package io.veilflux.routing;

import io.veilflux.crypto.NodeId;
import io.veilflux.filter.PunishmentReason;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.Flow;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SequenceOrdering;
import io.veilflux.net.Sequencing;
import io.veilflux.net.SocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What every handle to a routing table entry can do (Veilid's {@code NodeRefCommonTrait}),
 * through the filter and sequencing of the handle: a {@link NodeRef} sees everything with no
 * sequencing preference, a {@link FilteredNodeRef} sees what its {@link NodeRefFilter} lets
 * through. Each operation takes the table's lock for its own duration only.
 *
 * <p>A handle does not keep its entry in the table: Veilid counts references to protect entries
 * from bucket kicks, Java cannot, so an entry is protected while it is {@linkplain #pin() pinned}
 * (relays, in-flight operations). A handle to an entry kicked meanwhile keeps working on that
 * entry, which the table no longer finds by id.
 */
public abstract sealed class NodeRefCommon permits NodeRef, FilteredNodeRef {
    final RoutingTable table;
    final BucketEntry entry;

    NodeRefCommon(RoutingTable table, BucketEntry entry) {
        this.table = Objects.requireNonNull(table, "table");
        this.entry = Objects.requireNonNull(entry, "entry");
    }

    public abstract NodeRefFilter filter();

    public abstract Sequencing sequencing();

    public Set<RoutingDomain> routingDomainSet() {
        return filter().routingDomains();
    }

    public DialInfoFilter dialInfoFilter() {
        return filter().dialInfoFilter();
    }

    /** Whether both handles are to the same entry. */
    public boolean sameEntry(NodeRefCommon other) {
        return entry == other.entry;
    }

    /** Same entry, same filter and same sequencing. */
    public boolean equivalent(NodeRefCommon other) {
        return sameEntry(other) && filter().equals(other.filter()) && sequencing() == other.sequencing();
    }

    // ---- identity ----

    public CryptoTypedGroup<NodeId> nodeIds() {
        return table.locked(entry::nodeIds);
    }

    /** The id of the best crypto kind: the recipient id of envelopes to this node. */
    public Optional<NodeId> bestNodeId() {
        return table.locked(entry::bestNodeId);
    }

    /** The first envelope version in the node's list that we support; none means we cannot send to it. */
    public Optional<FourCc> bestEnvelopeVersion() {
        return table.locked(entry::bestEnvelopeVersion);
    }

    /** Records an envelope version seen on one of its envelopes (one of {@link RoutingTable#VALID_ENVELOPE_VERSIONS}). */
    public void addEnvelopeVersion(FourCc version) {
        table.locked(() -> entry.addEnvelopeVersion(version));
    }

    // ---- peer info ----

    /**
     * The first domain of the filter (LocalNetwork, then PublicInternet) where the node has a peer
     * info; otherwise the lowest domain among its live last flows.
     */
    public Optional<RoutingDomain> bestRoutingDomain() {
        return table.bestRoutingDomain(entry, routingDomainSet());
    }

    public Optional<PeerInfo> peerInfo(RoutingDomain rd) {
        return table.locked(() -> entry.peerInfo(rd));
    }

    public Optional<NodeInfo> nodeInfo(RoutingDomain rd) {
        return table.locked(() -> entry.nodeInfo(rd));
    }

    /** Whether its peer info in {@code rd} is signed (the caller checked the signatures on receipt). */
    public boolean peerInfoHasValidSignature(RoutingDomain rd) {
        return peerInfo(rd).map(pi -> !pi.signatures().isEmpty()).orElse(false);
    }

    /** The timestamp of its node info in {@code rd}, 0 without one. */
    public long nodeInfoTs(RoutingDomain rd) {
        return nodeInfo(rd).map(NodeInfo::timestamp).orElse(0L);
    }

    /** Whether the node has seen the node info we publish in {@code rd}; false while we publish none. */
    public boolean hasSeenOurNodeInfoTs(RoutingDomain rd) {
        Optional<PeerInfo> ours = table.publishedPeerInfo(rd);
        return ours.isPresent() && table.locked(() -> entry.hasSeenOurNodeInfoTs(rd, ours.get().nodeInfo().timestamp()));
    }

    /** Records which of our node info timestamps the node has seen; returns the previous one if it changed. */
    public OptionalLong setSeenOurNodeInfoTs(RoutingDomain rd, long seenTs) {
        return table.locked(() -> entry.setSeenOurNodeInfoTs(rd, seenTs));
    }

    public void updateNodeStatus(RoutingDomain rd, NodeStatus status) {
        Objects.requireNonNull(status, "status");
        table.locked(() -> entry.updateNodeStatus(rd, status));
    }

    public Optional<NodeStatus> nodeStatus(RoutingDomain rd) {
        return table.locked(() -> entry.nodeStatus(rd));
    }

    /** Whether its node info in {@code rd} names one of our node ids among its relays. */
    public boolean isRelaying(RoutingDomain rd) {
        return nodeInfo(rd).map(ni -> table.identity().matchesOwnNodeId(ni.relayIds())).orElse(false);
    }

    /** Whether any domain's node info has dial info, its own or its relays'. */
    public boolean hasAnyDialInfo() {
        return table.locked(() -> {
            for (RoutingDomain rd : RoutingDomain.values()) {
                if (entry.nodeInfo(rd).map(NodeInfo::hasAnyDialInfo).orElse(false)) {
                    return true;
                }
            }
            return false;
        });
    }

    // ---- dial info ----

    /**
     * The first dial info detail passing the filter and sequencing: domains in order (LocalNetwork
     * first), each node info's list sorted TCP, WS, WSS, UDP when the sequencing asks for order.
     */
    public Optional<DialInfoDetail> firstDialInfoDetail() {
        List<DialInfoDetail> details = matchingDialInfoDetails();
        return details.isEmpty() ? Optional.empty() : Optional.of(details.get(0));
    }

    /** Every dial info detail passing the filter and sequencing, in the same order, without duplicates. */
    public List<DialInfoDetail> dialInfoDetails() {
        return List.copyOf(new LinkedHashSet<>(matchingDialInfoDetails()));
    }

    private List<DialInfoDetail> matchingDialInfoDetails() {
        AppliedSequencing applied = AppliedSequencing.apply(dialInfoFilter(), sequencing());
        if (applied.dialInfoFilter().isDead()) {
            return List.of();
        }
        Set<RoutingDomain> domains = routingDomainSet();
        List<NodeInfo> nodeInfos = table.locked(() -> {
            List<NodeInfo> out = new ArrayList<>();
            for (RoutingDomain rd : RoutingDomain.values()) {
                if (domains.contains(rd)) {
                    entry.nodeInfo(rd).ifPresent(out::add);
                }
            }
            return out;
        });
        List<DialInfoDetail> out = new ArrayList<>();
        for (NodeInfo ni : nodeInfos) {
            List<DialInfoDetail> list = new ArrayList<>(ni.dialInfoDetailList());
            if (applied.isOrdered()) {
                list.sort(DialInfoDetailSort.ORDERED_SEQUENCING);
            }
            list.stream().filter(d -> applied.dialInfoFilter().matches(d.dialInfo())).forEach(out::add);
        }
        return out;
    }

    // ---- flows ----

    /** The best live last flow passing the filter and sequencing: see {@link #lastFlows()}. */
    public Optional<Flow> lastFlow() {
        List<Flow> flows = lastFlows();
        return flows.isEmpty() ? Optional.empty() : Optional.of(flows.get(0));
    }

    /**
     * The live last flows passing the filter and sequencing, newest first, or, when the
     * sequencing asks for order, by protocol (TCP, WS, WSS, UDP) and then newest first. UDP flows
     * live for {@link RoutingTable#CONNECTIONLESS_TIMEOUT} after their last use; ordered flows
     * while their connection exists.
     */
    public List<Flow> lastFlows() {
        AppliedSequencing applied = AppliedSequencing.apply(dialInfoFilter(), sequencing());
        List<Flow> flows = new ArrayList<>(table.liveLastFlows(entry, routingDomainSet(), applied.dialInfoFilter()));
        if (applied.isOrdered()) {
            flows.sort((a, b) -> AppliedSequencing.ORDERED_PROTOCOLS.compare(a.protocol(), b.protocol()));
        }
        return flows;
    }

    /** Remembers {@code flow} as last used at {@code ts} (not while punished) and notes the node as a recent peer. */
    public void setLastFlow(Flow flow, long ts) {
        Objects.requireNonNull(flow, "flow");
        table.setLastFlow(entry, flow, ts);
    }

    /** Forgets the last flow in {@code flow}'s (protocol, address type) slot. */
    public void clearLastFlow(Flow flow) {
        table.locked(() -> entry.removeLastFlow(flow));
    }

    /** Forgets the last flows whose protocol and address type pass this handle's dial info filter. */
    public void clearLastFlows() {
        DialInfoFilter filter = dialInfoFilter();
        table.locked(() -> entry.clearLastFlows(filter));
    }

    /** Records the address the node reported seeing us at; returns the previous one if it differs. */
    public Optional<SocketAddress> reportSenderInfo(RoutingDomain rd, ProtocolType protocol, AddressType addressType,
            SocketAddress senderInfo) {
        Objects.requireNonNull(senderInfo, "senderInfo");
        return table.locked(() -> entry.reportSenderInfo(rd, protocol, addressType, senderInfo));
    }

    // ---- state ----

    public BucketEntryState state(long now) {
        return table.locked(() -> entry.state(now));
    }

    public BucketEntryStateReason stateReason(long now) {
        return table.locked(() -> entry.stateReason(now));
    }

    /** Unreliable or Reliable now. */
    public boolean isAlive() {
        long now = table.now();
        return state(now).isAlive();
    }

    public Optional<PunishmentReason> punishment() {
        return table.locked(entry::punishment);
    }

    /** Punishes the node: it counts as Punished and its last flows are forgotten (and none recorded) until cleared. */
    public void setPunished(PunishmentReason reason) {
        Objects.requireNonNull(reason, "reason");
        table.locked(() -> entry.setPunished(reason));
    }

    public void clearPunishment() {
        table.locked(() -> entry.setPunished(null));
    }

    /** Protects the entry from bucket kicks until the returned pin is closed. */
    public NodeRefPin pin() {
        table.locked(entry::pin);
        return new NodeRefPin(table, entry);
    }

    // ---- statistics ----

    /** A snapshot of the node's statistics. */
    public PeerStats peerStats() {
        return table.locked(entry::peerStats);
    }

    /** We sent it a question (an RPC statement when {@code expectsAnswer} is false) at {@code ts}. */
    public void statsQuestionSent(long ts, boolean expectsAnswer) {
        table.locked(() -> entry.questionSent(ts, expectsAnswer));
    }

    /** It sent us a question or statement at {@code ts}: it is seen. */
    public void statsQuestionRcvd(long ts) {
        table.locked(() -> entry.questionRcvd(ts));
    }

    public void statsAnswerSent() {
        table.locked(entry::answerSent);
    }

    /** Its answer to a question sent at {@code sendTs} arrived at {@code recvTs} over a flow of {@code ordering}. */
    public void statsAnswerRcvd(long sendTs, long recvTs, SequenceOrdering ordering) {
        table.locked(() -> entry.answerRcvd(sendTs, recvTs, ordering));
    }

    /** An answer expected over a flow of {@code ordering} did not arrive in time. */
    public void statsLostAnswer(SequenceOrdering ordering) {
        table.locked(() -> entry.lostAnswer(ordering));
    }

    public void statsFailedToSend(long ts, boolean expectsAnswer) {
        table.locked(() -> entry.failedToSend(ts, expectsAnswer));
    }

    /** A connection protected for this node (as our relay, say) dropped: counts as a failed send now. */
    public void reportProtectedConnectionDropped() {
        statsFailedToSend(table.now(), false);
    }

    @Override
    public String toString() {
        return table.locked(() -> entry.bestNodeId().map(NodeId::toString)
                .orElseGet(() -> entry.nodeIds().first().map(NodeId::toString).orElse("*NONE*")));
    }
}
