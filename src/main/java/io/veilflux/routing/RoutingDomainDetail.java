package io.veilflux.routing;

import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.net.Address;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.Sequencing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.scheduler.Scheduler;

/**
 * Our node in one routing domain (Veilid's {@code RoutingDomainDetail} with its common part):
 * the protocols, address types, capabilities and dial info we run with, our relays, the state on
 * the way to publication, our current and published peer info, and the contact-method questions
 * asked in this domain. One class serves both domains; {@link RoutingDomainPolicy} holds the
 * differences. Thread-safe: one lock per domain; peer-info events are delivered outside it.
 */
public final class RoutingDomainDetail {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingDomainDetail.class);

    /** A relay of ours with its bookkeeping. */
    public record RelayAndState(RoutingDomainRelay relay, RoutingDomainRelayState state) {
        public RelayAndState {
            Objects.requireNonNull(relay, "relay");
            Objects.requireNonNull(state, "state");
        }
    }

    private final RoutingDomain routingDomain;
    private final RoutingDomainPolicy policy;
    private final AddressClassifier classifier;
    private final List<PublicKey> publicKeys;
    private final Function<NodeInfo, PeerInfo> signer;
    private final Scheduler clock;
    private final NonDecreasingClock nodeInfoClock;
    private final PeerInfoChangeEvents events;
    private final int ip6PrefixSize;

    private final Object lock = new Object();
    // Guarded by lock.
    private Set<ProtocolType> outboundProtocols = Set.of();
    private Set<ProtocolType> inboundProtocols = Set.of();
    private Set<AddressType> addressTypes = Set.of();
    private List<FourCc> capabilities = List.of();
    private List<DialInfoDetail> dialInfoDetails = List.of();
    private boolean confirmed;
    private List<RelayAndState> relaysAndStates = List.of();
    private List<InterfaceAddress> interfaceAddresses = List.of();
    private final Set<NodeId> bootstrapPeers = new LinkedHashSet<>();
    private PeerInfo currentPeerInfo;
    private PeerInfo publishedPeerInfo;

    RoutingDomainDetail(RoutingDomain routingDomain, AddressClassifier classifier, List<PublicKey> publicKeys,
            Function<NodeInfo, PeerInfo> signer, Scheduler clock, NonDecreasingClock nodeInfoClock,
            PeerInfoChangeEvents events, int ip6PrefixSize) {
        this.routingDomain = Objects.requireNonNull(routingDomain, "routingDomain");
        this.policy = RoutingDomainPolicy.of(routingDomain);
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.publicKeys = List.copyOf(publicKeys);
        this.signer = Objects.requireNonNull(signer, "signer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nodeInfoClock = Objects.requireNonNull(nodeInfoClock, "nodeInfoClock");
        this.events = Objects.requireNonNull(events, "events");
        this.ip6PrefixSize = ip6PrefixSize;
    }

    public RoutingDomain routingDomain() {
        return routingDomain;
    }

    /** A new editor for this domain. */
    public RoutingDomainEditor edit() {
        return new RoutingDomainEditor(this);
    }

    public Set<ProtocolType> outboundProtocols() {
        synchronized (lock) {
            return outboundProtocols;
        }
    }

    public Set<ProtocolType> inboundProtocols() {
        synchronized (lock) {
            return inboundProtocols;
        }
    }

    public Set<AddressType> addressTypes() {
        synchronized (lock) {
            return addressTypes;
        }
    }

    public List<FourCc> capabilities() {
        synchronized (lock) {
            return capabilities;
        }
    }

    public boolean confirmed() {
        synchronized (lock) {
            return confirmed;
        }
    }

    /** Our dial info in this domain, sorted and without duplicates. */
    public List<DialInfoDetail> dialInfoDetails() {
        synchronized (lock) {
            return dialInfoDetails;
        }
    }

    public List<RoutingDomainRelay> relays() {
        synchronized (lock) {
            return relaysAndStates.stream().map(RelayAndState::relay).toList();
        }
    }

    public List<RelayAndState> relaysAndStates() {
        synchronized (lock) {
            return relaysAndStates;
        }
    }

    /** Our interface addresses of this domain's kind, sorted. */
    public List<InterfaceAddress> interfaceAddresses() {
        synchronized (lock) {
            return interfaceAddresses;
        }
    }

    /** The domains a received peer info may arrive on to be placed in this one. */
    public Set<RoutingDomain> originRoutingDomains() {
        return policy.originDomains();
    }

    /** What we can receive: (inbound protocols, address types). */
    public DialInfoFilter inboundDialInfoFilter() {
        synchronized (lock) {
            return new DialInfoFilter(inboundProtocols, addressTypes);
        }
    }

    /** What we can send: (outbound protocols, address types). */
    public DialInfoFilter outboundDialInfoFilter() {
        synchronized (lock) {
            return new DialInfoFilter(outboundProtocols, addressTypes);
        }
    }

    /** Veilid's {@code get_outbound_node_ref_filter}: this domain and our outbound dial info filter. */
    public NodeRefFilter outboundNodeRefFilter() {
        return new NodeRefFilter(Set.of(routingDomain), outboundDialInfoFilter());
    }

    /** Whether some dial info IP of ours is not an interface IP: we are behind address translation. */
    public boolean isNetworkTranslated() {
        synchronized (lock) {
            return networkTranslated();
        }
    }

    private boolean networkTranslated() {
        Set<Address> inbound = new HashSet<>();
        dialInfoDetails.forEach(d -> inbound.add(d.dialInfo().socketAddress().address()));
        interfaceAddresses.forEach(i -> inbound.remove(i.address()));
        return !inbound.isEmpty();
    }

    public boolean canContainAddress(Address address) {
        synchronized (lock) {
            return policy.canContainAddress(classifier, address, interfaceAddresses);
        }
    }

    /** Veilid's {@code ensure_dial_info_is_valid}: its address belongs here and it is well formed. */
    public boolean ensureDialInfoIsValid(DialInfo dialInfo) {
        if (!canContainAddress(dialInfo.socketAddress().address())) {
            return false;
        }
        if (!classifier.isValid(dialInfo)) {
            LOG.debug("{}: not registering invalid dial info {}", routingDomain, dialInfo);
            return false;
        }
        return true;
    }

    /** Our relay needs, computed afresh from our current dial info. */
    public RelayStatus relayStatus() {
        synchronized (lock) {
            return RelayStatus.of(routingDomain, outboundProtocols, addressTypes, dialInfoDetails, networkTranslated());
        }
    }

    /** Where the domain is on its way to publication. */
    public RoutingDomainState state() {
        synchronized (lock) {
            boolean unusable = addressTypes.isEmpty() || outboundProtocols.isEmpty();
            if (!confirmed) {
                return unusable ? new RoutingDomainState.Invalid() : new RoutingDomainState.NeedsDialInfoConfirmation();
            }
            if (unusable) {
                return new RoutingDomainState.Unusable();
            }
            RelayStatus status = relayStatus();
            // Relays are chosen all at once, so having any means having those we need.
            if (status.needsMoreRelays() && relaysAndStates.isEmpty()) {
                return new RoutingDomainState.NeedsRelays(status);
            }
            return new RoutingDomainState.ReadyToPublish(status);
        }
    }

    /** Our peer info as it is now (published or not), signed; rebuilt only after a change. */
    public PeerInfo currentPeerInfo() {
        synchronized (lock) {
            if (currentPeerInfo == null) {
                currentPeerInfo = signer.apply(makeCurrentNodeInfo());
            }
            return currentPeerInfo;
        }
    }

    private NodeInfo makeCurrentNodeInfo() {
        List<RelayInfo> relayInfos = relaysAndStates.stream()
                .map(r -> r.relay().toRelayInfo())
                .sorted(Comparator.comparing(RelayInfo::timestamp, Long::compareUnsigned))
                .toList();
        List<FourCc> sortedCapabilities = capabilities.stream()
                .sorted(Comparator.comparing(FourCc::value, Integer::compareUnsigned))
                .toList();
        return new NodeInfo(nodeInfoClock.now(), List.of(FourCc.ENV0), publicKeys.stream().map(CryptoInfo::new).toList(),
                sortedCapabilities, outboundProtocols, addressTypes, dialInfoDetails, relayInfos);
    }

    /** The peer info we last published, if any. */
    public Optional<PeerInfo> publishedPeerInfo() {
        synchronized (lock) {
            return Optional.ofNullable(publishedPeerInfo);
        }
    }

    /**
     * Veilid's {@code publish_peer_info}: the current peer info when the domain is ready to
     * publish, else none; nothing happens when both old and new are none or new is equivalent to
     * old; otherwise it becomes the published one and a {@link PeerInfoChangeEvent} follows.
     *
     * @return whether the published peer info changed
     */
    public boolean publishPeerInfo() {
        synchronized (lock) {
            Optional<PeerInfo> candidate = state() instanceof RoutingDomainState.ReadyToPublish
                    ? Optional.of(currentPeerInfo())
                    : Optional.empty();
            Optional<PeerInfo> old = Optional.ofNullable(publishedPeerInfo);
            if (old.isPresent() && candidate.isPresent() && candidate.get().nodeInfo().equivalent(old.get().nodeInfo())) {
                LOG.debug("{}: not publishing peer info because it is equivalent", routingDomain);
                return false;
            }
            if (old.isEmpty() && candidate.isEmpty()) {
                LOG.debug("{}: not publishing peer info because it is still none", routingDomain);
                return false;
            }
            LOG.debug("{}: {}", routingDomain, candidate.isPresent() ? "published new peer info"
                    : "unpublishing because the current peer info is not ready");
            publishedPeerInfo = candidate.orElse(null);
            events.enqueue(new PeerInfoChangeEvent(routingDomain, old, candidate));
        }
        events.drain();
        return true;
    }

    /** Withdraws the published peer info; the event is posted even if nothing was published. */
    public void unpublishPeerInfo() {
        synchronized (lock) {
            LOG.debug("{}: unpublished peer info", routingDomain);
            events.enqueue(new PeerInfoChangeEvent(routingDomain, Optional.ofNullable(publishedPeerInfo), Optional.empty()));
            publishedPeerInfo = null;
        }
        events.drain();
    }

    /** Forgets the cached current peer info, so the next one is rebuilt (Veilid's {@code refresh}). */
    public void refresh() {
        synchronized (lock) {
            currentPeerInfo = null;
        }
    }

    /**
     * A node's peer info in this domain changed: if it is one of our relays, our relay info
     * depends on it, so the relay's snapshot is replaced, our peer info rebuilt and republished.
     *
     * @return whether the node is one of our relays
     */
    public boolean relayPeerInfoUpdated(List<NodeId> nodeIds, PeerInfo peerInfo) {
        synchronized (lock) {
            boolean ours = false;
            List<RelayAndState> updated = new ArrayList<>();
            for (RelayAndState entry : relaysAndStates) {
                if (entry.relay().hasAnyNodeId(nodeIds)) {
                    ours = true;
                    updated.add(new RelayAndState(entry.relay().withPeerInfo(peerInfo), entry.state()));
                } else {
                    updated.add(entry);
                }
            }
            if (!ours) {
                return false;
            }
            relaysAndStates = List.copyOf(updated);
            currentPeerInfo = null;
        }
        publishPeerInfo();
        return true;
    }

    /** The contact method from {@code peerA} (us) to {@code peerB} in this domain (spec routing-rpc §3.5). */
    public ContactMethod contactMethod(PeerInfo peerA, PeerInfo peerB, DialInfoFilter filter, Sequencing sequencing,
            Optional<Comparator<DialInfoDetail>> contextSort) {
        return policy.contactMethod(peerA, peerB, filter, sequencing, contextSort, ip6PrefixSize);
    }

    /** The bootstrap nodes that answered in this domain, in the order they were added. */
    public List<NodeId> bootstrapPeers() {
        synchronized (lock) {
            return List.copyOf(bootstrapPeers);
        }
    }

    public void clearBootstrapPeers() {
        synchronized (lock) {
            bootstrapPeers.clear();
        }
    }

    /** Adds a bootstrap peer; one already listed is not added twice, which keeps the list bounded. */
    public void addBootstrapPeer(NodeId nodeId) {
        synchronized (lock) {
            bootstrapPeers.add(Objects.requireNonNull(nodeId, "nodeId"));
        }
    }

    /** Applies an editor's batch; see {@link RoutingDomainEditor#commit()}. */
    boolean commit(List<RoutingDomainEditor.Change> changes) {
        synchronized (lock) {
            List<DialInfoDetail> oldDialInfo = dialInfoDetails;
            List<RoutingDomainRelay> oldRelays = relays();
            Set<ProtocolType> oldOutbound = outboundProtocols;
            Set<ProtocolType> oldInbound = inboundProtocols;
            Set<AddressType> oldAddressTypes = addressTypes;
            List<FourCc> oldCapabilities = capabilities;
            boolean oldConfirmed = confirmed;

            changes.forEach(c -> c.applyTo(this));

            boolean changed = false;
            List<DialInfoDetail> removed = oldDialInfo.stream().filter(d -> !dialInfoDetails.contains(d)).toList();
            if (!removed.isEmpty()) {
                LOG.info("{}: removed dial info {}", routingDomain, removed);
                changed = true;
            }
            List<DialInfoDetail> added = dialInfoDetails.stream().filter(d -> !oldDialInfo.contains(d)).toList();
            if (!added.isEmpty()) {
                LOG.info("{}: added dial info {}", routingDomain, added);
                changed = true;
            }
            List<RoutingDomainRelay> newRelays = relays();
            if (!sameRelayNodes(oldRelays, newRelays)) {
                LOG.info("{}: relays changed: {} -> {}", routingDomain, relayIds(oldRelays), relayIds(newRelays));
                changed = true;
            }
            changed |= logIfChanged("outbound protocols", oldOutbound, outboundProtocols);
            changed |= logIfChanged("inbound protocols", oldInbound, inboundProtocols);
            changed |= logIfChanged("address types", oldAddressTypes, addressTypes);
            changed |= logIfChanged("capabilities", oldCapabilities, capabilities);
            changed |= logIfChanged("confirmation", oldConfirmed, confirmed);
            return changed;
        }
    }

    private boolean logIfChanged(String what, Object before, Object after) {
        if (before.equals(after)) {
            return false;
        }
        LOG.info("{}: changed {}: {} -> {}", routingDomain, what, before, after);
        return true;
    }

    /** Veilid compares relays by node entry, position by position. */
    private static boolean sameRelayNodes(List<RoutingDomainRelay> a, List<RoutingDomainRelay> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).nodeIds().equals(b.get(i).nodeIds())) {
                return false;
            }
        }
        return true;
    }

    private static List<List<NodeId>> relayIds(List<RoutingDomainRelay> relays) {
        return relays.stream().map(RoutingDomainRelay::nodeIds).toList();
    }

    // The apply methods below run inside commit(), under the lock.

    void applyInterfaceAddresses(List<InterfaceAddress> addresses) {
        interfaceAddresses = addresses.stream().filter(a -> policy.keepsInterface(classifier, a)).sorted().toList();
    }

    void applySetupNetwork(Set<ProtocolType> outbound, Set<ProtocolType> inbound, Set<AddressType> types,
            List<FourCc> caps, boolean isConfirmed) {
        outboundProtocols = outbound;
        inboundProtocols = inbound;
        addressTypes = types;
        capabilities = caps;
        confirmed = isConfirmed;
        currentPeerInfo = null;
    }

    void applyClearDialInfoDetails(Optional<AddressType> addressType, Optional<ProtocolType> protocol) {
        dialInfoDetails = dialInfoDetails.stream()
                .filter(d -> !(addressType.map(t -> t == d.dialInfo().addressType()).orElse(true)
                        && protocol.map(p -> p == d.dialInfo().protocol()).orElse(true)))
                .toList();
        currentPeerInfo = null;
    }

    void applyAddDialInfo(DialInfoDetail detail) {
        if (!ensureDialInfoIsValid(detail.dialInfo())) {
            LOG.debug("{}: ignoring dial info not valid here: {}", routingDomain, detail);
            return;
        }
        dialInfoDetails = Stream.concat(dialInfoDetails.stream(), Stream.of(detail))
                .distinct()
                .sorted(DialInfoDetailSort.NATURAL)
                .toList();
        currentPeerInfo = null;
    }

    void applySetRelays(List<RoutingDomainRelay> relays) {
        if (relays().equals(relays)) {
            return;
        }
        long now = clock.now(TimeUnit.MICROSECONDS);
        List<RelayAndState> updated = new ArrayList<>();
        for (RoutingDomainRelay relay : relays) {
            RoutingDomainRelayState state = relaysAndStates.stream()
                    .filter(r -> r.relay().equals(relay))
                    .map(RelayAndState::state)
                    .findFirst()
                    .orElse(new RoutingDomainRelayState(now, now));
            updated.add(new RelayAndState(relay, state));
        }
        relaysAndStates = List.copyOf(updated);
        currentPeerInfo = null;
    }

    void applySetRelayState(RoutingDomainRelay relay, RoutingDomainRelayState state) {
        List<RelayAndState> updated = new ArrayList<>(relaysAndStates);
        for (int i = 0; i < updated.size(); i++) {
            if (updated.get(i).relay().equals(relay)) {
                updated.set(i, new RelayAndState(updated.get(i).relay(), state));
                relaysAndStates = List.copyOf(updated);
                return;
            }
        }
    }
}
