package io.veilflux.manager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.veilflux.filter.IpBlock;
import io.veilflux.manager.AddressCheckOutcome.Consistent;
import io.veilflux.manager.AddressCheckOutcome.Counted;
import io.veilflux.manager.AddressCheckOutcome.Detected;
import io.veilflux.manager.AddressCheckOutcome.DetectionAction;
import io.veilflux.manager.AddressCheckOutcome.IgnoreReason;
import io.veilflux.manager.AddressCheckOutcome.Ignored;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.Flow;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.routing.NodeInfo;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RoutingDomain;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Veilid's address check: notices from what peers tell us about our address (as they see it, for
 * instance in a status answer) that our public address has changed. An inbound-capable node counts
 * reports that move away from the address it publishes; an outbound-only node waits until enough
 * distinct IP blocks agree on one address, since that may make it inbound-capable. A detection
 * re-detects our dial info when {@code detect_address_changes} is on, and otherwise only warns.
 *
 * <p>Thread-safe: all state sits behind one lock, and the injected functions are called outside it.
 * Memory is bounded: at most one entry per routing domain × protocol × address type, each holding
 * the published addresses and at most {@value #ADDRESS_CHECK_CACHE_SIZE} reporter blocks.
 */
public final class AddressCheck {
    /** Reports in a row, of a move away from our published address, that make an inbound-capable node detect. */
    public static final int ADDRESS_INCONSISTENCY_DETECTION_COUNT = 5;
    /** Reporter blocks agreeing on one address that make an outbound-only node detect. */
    public static final int ADDRESS_CONSISTENCY_DETECTION_COUNT = 5;
    /** Reporter blocks remembered per protocol and address type, least recently reporting dropped first. */
    public static final int ADDRESS_CHECK_CACHE_SIZE = 10;
    /** Counter of detections, tagged {@code routing_domain}. */
    public static final String DETECTED = "veilflux.net.address_changes.detected";

    private static final Logger LOG = LoggerFactory.getLogger(AddressCheck.class);

    private record Key(RoutingDomain routingDomain, ProtocolType protocol, AddressType addressType) {
        static Key of(RoutingDomain routingDomain, Flow flow) {
            return new Key(routingDomain, flow.protocol(), flow.addressType());
        }
    }

    /** Reporter block → the address it last reported, in access order, capped at the cache size. */
    private static final class ReporterCache extends LinkedHashMap<IpBlock, SocketAddress> {
        ReporterCache() {
            super(16, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<IpBlock, SocketAddress> eldest) {
            return size() > ADDRESS_CHECK_CACHE_SIZE;
        }
    }

    private final AddressCheckConfig config;
    private final BiFunction<ProtocolType, AddressType, Optional<SocketAddress>> preferredLocalAddress;
    private final Consumer<RoutingDomain> triggerUpdateDialInfo;
    private final Map<RoutingDomain, Counter> detected = new EnumMap<>(RoutingDomain.class);

    private final Map<RoutingDomain, PeerInfo> publishedPeerInfo = new EnumMap<>(RoutingDomain.class);
    private final Map<Key, Set<SocketAddress>> currentAddresses = new HashMap<>();
    private final Map<Key, Integer> addressInconsistency = new HashMap<>();
    private final Map<Key, ReporterCache> addressConsistency = new HashMap<>();

    /**
     * @param preferredLocalAddress the Network's listening address per protocol and address type
     *     (such as {@code ConnectionManager::preferredLocalAddress})
     * @param triggerUpdateDialInfo the Network's {@code trigger_update_dial_info}, called on a
     *     detection when {@code detect_address_changes} is on
     */
    public AddressCheck(AddressCheckConfig config,
                        BiFunction<ProtocolType, AddressType, Optional<SocketAddress>> preferredLocalAddress,
                        Consumer<RoutingDomain> triggerUpdateDialInfo, MeterRegistry registry) {
        this.config = Objects.requireNonNull(config, "config");
        this.preferredLocalAddress = Objects.requireNonNull(preferredLocalAddress, "preferredLocalAddress");
        this.triggerUpdateDialInfo = Objects.requireNonNull(triggerUpdateDialInfo, "triggerUpdateDialInfo");
        Objects.requireNonNull(registry, "registry");
        for (RoutingDomain routingDomain : RoutingDomain.values()) {
            detected.put(routingDomain, Counter.builder(DETECTED)
                    .tag("routing_domain", routingDomain.name().toLowerCase(Locale.ROOT)).register(registry));
        }
    }

    /**
     * Takes note of the peer info we now publish in {@code routingDomain} (empty when we stop
     * publishing) and forgets every report so far in that domain. A Direct or Mapped dial info is
     * remembered without its port: outbound connections may be mapped to other ports than the
     * listener, so only their IP is compared.
     */
    public synchronized void reportPeerInfoChange(RoutingDomain routingDomain, Optional<PeerInfo> peerInfo) {
        Objects.requireNonNull(routingDomain, "routingDomain");
        Objects.requireNonNull(peerInfo, "peerInfo");
        for (ProtocolType protocol : ProtocolType.values()) {
            for (AddressType addressType : AddressType.values()) {
                Key key = new Key(routingDomain, protocol, addressType);
                currentAddresses.remove(key);
                addressInconsistency.remove(key);
                addressConsistency.remove(key);
            }
        }
        if (peerInfo.isEmpty()) {
            publishedPeerInfo.remove(routingDomain);
            return;
        }
        publishedPeerInfo.put(routingDomain, peerInfo.get());
        for (DialInfoDetail detail : peerInfo.get().nodeInfo().dialInfoDetailList()) {
            SocketAddress address = detail.dialInfo().socketAddress();
            boolean ipOnly = detail.dialInfoClass() == DialInfoClass.DIRECT
                    || detail.dialInfoClass() == DialInfoClass.MAPPED;
            Key key = new Key(routingDomain, detail.dialInfo().protocol(), detail.dialInfo().addressType());
            currentAddresses.computeIfAbsent(key, k -> new HashSet<>()).add(ipOnly ? address.withPort(0) : address);
        }
    }

    /**
     * Takes a peer's report of our address and acts on it: on a detection, either calls
     * {@code triggerUpdateDialInfo} or logs that restarting may be required.
     *
     * @param reported our address as the peer sees it
     * @param oldReported what the same peer reported before, if anything
     * @param flow the flow the report came over
     * @param reporterNodeInfo the reporter's node info in {@code routingDomain}, if known
     */
    public AddressCheckOutcome reportSocketAddressChange(RoutingDomain routingDomain, SocketAddress reported,
                                                         Optional<SocketAddress> oldReported, Flow flow,
                                                         Optional<NodeInfo> reporterNodeInfo) {
        Objects.requireNonNull(routingDomain, "routingDomain");
        Objects.requireNonNull(reported, "reported");
        Objects.requireNonNull(oldReported, "oldReported");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(reporterNodeInfo, "reporterNodeInfo");
        if (routingDomain != RoutingDomain.PUBLIC_INTERNET) {
            return new Ignored(IgnoreReason.NOT_PUBLIC_INTERNET);
        }
        Optional<SocketAddress> listener = preferredLocalAddress.apply(flow.protocol(), flow.addressType());
        AddressCheckOutcome outcome;
        synchronized (this) {
            outcome = check(routingDomain, reported, oldReported, flow, reporterNodeInfo, listener);
        }
        if (outcome instanceof Detected detection) {
            detected.get(routingDomain).increment();
            if (detection.action() == DetectionAction.UPDATE_DIAL_INFO) {
                LOG.info("{} address has changed, detecting dial info", routingDomain);
                triggerUpdateDialInfo.accept(routingDomain);
            } else {
                LOG.warn("{} address may have changed. Restarting the server may be required.", routingDomain);
            }
        }
        return outcome;
    }

    private AddressCheckOutcome check(RoutingDomain routingDomain, SocketAddress reported,
                                      Optional<SocketAddress> oldReported, Flow flow,
                                      Optional<NodeInfo> reporterNodeInfo, Optional<SocketAddress> listener) {
        PeerInfo published = publishedPeerInfo.get(routingDomain);
        if (published == null) {
            return new Ignored(IgnoreReason.NO_PUBLISHED_PEER_INFO);
        }
        if (listener.isEmpty() || flow.local().isEmpty()) {
            return new Ignored(IgnoreReason.NOT_FROM_LISTENER_PORT);
        }
        if (flow.local().get().port() != listener.get().port()) {
            LOG.debug("ignoring address report because local port did not match listener: {} != {}",
                    flow.local().get().port(), listener.get().port());
            return new Ignored(IgnoreReason.NOT_FROM_LISTENER_PORT);
        }
        if (reporterNodeInfo.isEmpty() || reporterNodeInfo.get().dialInfoDetailList().isEmpty()) {
            return new Ignored(IgnoreReason.REPORTER_WITHOUT_DIAL_INFO);
        }
        IpBlock reporterBlock = ipBlock(flow.remote().socketAddress());
        if (reporterBlock.equals(ipBlock(reported))) {
            return new Ignored(IgnoreReason.REPORTER_IN_REPORTED_BLOCK);
        }
        if (config.requireInboundRelay()) {
            return new Ignored(IgnoreReason.INBOUND_RELAY_REQUIRED);
        }
        Key key = Key.of(routingDomain, flow);
        return published.nodeInfo().dialInfoDetailList().isEmpty()
                ? checkOutboundOnly(key, reported, reporterBlock)
                : checkInboundCapable(key, reported, oldReported, flow);
    }

    /**
     * Counts reports that used to match our published address and no longer do; a report that
     * matches starts the count over. Every report from the threshold on detects again, until a new
     * peer info clears the count.
     */
    private AddressCheckOutcome checkInboundCapable(Key key, SocketAddress reported,
                                                    Optional<SocketAddress> oldReported, Flow flow) {
        if (matchesCurrentAddress(key, reported)) {
            Integer previous = addressInconsistency.put(key, 0);
            if (previous != null && previous != 0) {
                LOG.debug("Resetting address inconsistency for {} due to match on flow {}", key, flow);
            }
            return new Consistent();
        }
        if (oldReported.isEmpty() || !matchesCurrentAddress(key, oldReported.get())) {
            return new Ignored(IgnoreReason.NOT_FROM_PUBLISHED_ADDRESS);
        }
        int count = addressInconsistency.merge(key, 1, Integer::sum);
        LOG.debug("Adding address inconsistency ({}) for {} due to address {} on flow {}", count, key, reported, flow);
        return count >= ADDRESS_INCONSISTENCY_DETECTION_COUNT ? detected() : new Counted(count);
    }

    /**
     * Remembers which address each recent reporter block sees; enough blocks agreeing on any one
     * address means we may be reachable there.
     */
    private AddressCheckOutcome checkOutboundOnly(Key key, SocketAddress reported, IpBlock reporterBlock) {
        if (!config.detectAddressChanges()) {
            return new Ignored(IgnoreReason.DETECTION_DISABLED);
        }
        ReporterCache cache = addressConsistency.computeIfAbsent(key, k -> new ReporterCache());
        cache.put(reporterBlock, reported);
        Map<SocketAddress, Integer> agreeing = new HashMap<>();
        for (SocketAddress address : cache.values()) {
            if (agreeing.merge(address, 1, Integer::sum) >= ADDRESS_CONSISTENCY_DETECTION_COUNT) {
                LOG.debug("Address consistency detected for {}: {}", key, address);
                return detected();
            }
        }
        return new Counted(agreeing.get(reported));
    }

    private boolean matchesCurrentAddress(Key key, SocketAddress address) {
        Set<SocketAddress> current = currentAddresses.get(key);
        return current != null && (current.contains(address) || current.contains(address.withPort(0)));
    }

    /**
     * Veilid also requires {@code require_inbound_relay} to be off before re-detecting, but such
     * reports never get this far (they are ignored earlier), so only the first setting decides.
     */
    private Detected detected() {
        return new Detected(config.detectAddressChanges()
                ? DetectionAction.UPDATE_DIAL_INFO
                : DetectionAction.RESTART_MAY_BE_REQUIRED);
    }

    private IpBlock ipBlock(SocketAddress address) {
        return IpBlock.of(address.address(), config.ip6PrefixSize());
    }
}
