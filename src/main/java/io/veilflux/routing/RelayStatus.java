package io.veilflux.routing;

import io.veilflux.crypto.NodeId;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.LowLevelProtocolType;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SequenceOrdering;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Our node's relay needs in one routing domain, computed from our own dial info (Veilid's
 * {@code RelayStatus}), and the working list the relay management fills with
 * {@link #applyRelay}. A working value owned by one task: not thread-safe; each
 * {@link RoutingDomainState} carries a fresh one.
 */
public final class RelayStatus {

    /** A protocol on an address type, such as UDP over IPv4. */
    public record ProtocolAddressType(ProtocolType protocol, AddressType addressType) {
    }

    /** An ordering class on an address type. */
    public record OrderingAddressType(SequenceOrdering ordering, AddressType addressType) {
    }

    /** A low-level port of ours that a NAT must be kept open for. */
    public record LowLevelProtocolPort(LowLevelProtocolType protocol, AddressType addressType, int port) {
    }

    private static final Comparator<List<NodeId>> NODE_ID_LISTS = RelayStatus::compareNodeIdLists;

    private final RoutingDomain routingDomain;
    private final DialInfoFilter dialInfoFilter;
    private final Map<ProtocolAddressType, LowLevelProtocolPort> protocolToPort;
    private final Set<ProtocolAddressType> wantRelayProtocols = new HashSet<>();
    private final Set<OrderingAddressType> wantRelayOrderings = new HashSet<>();
    private final Set<ProtocolAddressType> canRelayProtocols = new HashSet<>();
    private final Set<LowLevelProtocolPort> wantsNatKeepalives = new HashSet<>();
    private final List<RoutingDomainRelay> relays = new ArrayList<>();

    private RelayStatus(RoutingDomain routingDomain, DialInfoFilter dialInfoFilter,
            Map<ProtocolAddressType, LowLevelProtocolPort> protocolToPort) {
        this.routingDomain = routingDomain;
        this.dialInfoFilter = dialInfoFilter;
        this.protocolToPort = protocolToPort;
    }

    /**
     * The needs of a node with these outbound protocols, address types and dial info; a
     * {@code networkTranslated} node (some dial info IP is not an interface IP) wants a relay for
     * every combination, for hairpin NAT.
     */
    public static RelayStatus of(RoutingDomain routingDomain, Set<ProtocolType> outboundProtocols,
            Set<AddressType> addressTypes, List<DialInfoDetail> dialInfoDetails, boolean networkTranslated) {
        // Later details win for the same protocol and address type, as in Veilid's sorted map build.
        Map<ProtocolAddressType, LowLevelProtocolPort> protocolToPort = new HashMap<>();
        List<DialInfoDetail> sorted = dialInfoDetails.stream().sorted(DialInfoDetailSort.NATURAL).toList();
        for (DialInfoDetail detail : sorted) {
            protocolToPort.put(key(detail.dialInfo()), lowLevelPort(detail.dialInfo()));
        }
        RelayStatus status = new RelayStatus(routingDomain, new DialInfoFilter(outboundProtocols, addressTypes),
                protocolToPort);

        Set<SequenceOrdering> orderings = EnumSet.noneOf(SequenceOrdering.class);
        outboundProtocols.forEach(p -> orderings.add(p.ordering()));
        Set<ProtocolAddressType> direct = new HashSet<>();
        for (DialInfoDetail detail : sorted) {
            if (!detail.dialInfoClass().requiresSignal()) {
                direct.add(key(detail.dialInfo()));
            }
            if (detail.dialInfoClass().wantsNatKeepalive()) {
                status.wantsNatKeepalives.add(lowLevelPort(detail.dialInfo()));
            }
        }
        // Every address type counts, not just ours, exactly as Veilid computes it.
        for (AddressType addressType : AddressType.values()) {
            orderings.forEach(o -> status.wantRelayOrderings.add(new OrderingAddressType(o, addressType)));
        }
        for (AddressType addressType : AddressType.values()) {
            for (ProtocolType protocol : ProtocolType.values()) {
                if (!orderings.contains(protocol.ordering())) {
                    continue;
                }
                ProtocolAddressType combination = new ProtocolAddressType(protocol, addressType);
                if (direct.contains(combination)) {
                    status.canRelayProtocols.add(combination);
                    status.wantRelayOrderings.remove(new OrderingAddressType(protocol.ordering(), addressType));
                }
                if (networkTranslated || !direct.contains(combination)) {
                    status.wantRelayProtocols.add(combination);
                }
            }
        }
        return status;
    }

    public RoutingDomain routingDomain() {
        return routingDomain;
    }

    /** Our outbound filter: which relay dial info we can reach directly. */
    public DialInfoFilter dialInfoFilter() {
        return dialInfoFilter;
    }

    /** Combinations we still want a relay for. */
    public Set<ProtocolAddressType> wantRelayProtocols() {
        return Set.copyOf(wantRelayProtocols);
    }

    /** Ordering classes per address type that no dial info (ours or a relay's) covers yet. */
    public Set<OrderingAddressType> wantRelayOrderings() {
        return Set.copyOf(wantRelayOrderings);
    }

    /** Combinations we could relay for others (we have direct dial info of them). */
    public Set<ProtocolAddressType> canRelayProtocols() {
        return Set.copyOf(canRelayProtocols);
    }

    /** Our full-cone NAT ports still without a keepalive ping. */
    public Set<LowLevelProtocolPort> wantsNatKeepalives() {
        return Set.copyOf(wantsNatKeepalives);
    }

    /** The relays applied so far, in the order they were applied. */
    public List<RoutingDomainRelay> relays() {
        return List.copyOf(relays);
    }

    /** Keepalives still wanted, or a combination still without a relay. */
    public boolean wantsMoreRelays() {
        return !wantsNatKeepalives.isEmpty() || !wantRelayProtocols.isEmpty();
    }

    /** Needed before publishing: keepalives wanted, or no address type has all its ordering classes covered. */
    public boolean needsMoreRelays() {
        if (!wantsNatKeepalives.isEmpty()) {
            return true;
        }
        Set<AddressType> ready = EnumSet.allOf(AddressType.class);
        wantRelayOrderings.forEach(o -> ready.remove(o.addressType()));
        return ready.isEmpty();
    }

    /**
     * Veilid's {@code apply_relay}: takes what {@code candidate} covers off our wants and keeps it,
     * with the relay dial info it covers them with and the keepalive pings to send it, if it
     * covered anything; an {@link RelayKind#OUTBOUND} relay is kept even if it covered nothing.
     * A relay without dial info we can reach directly is refused.
     *
     * @return whether the relay was useful (and kept)
     */
    public boolean applyRelay(RoutingDomainRelay candidate) {
        List<DialInfoDetail> direct = candidate.peerInfo().nodeInfo().dialInfoDetailList().stream()
                .sorted(DialInfoDetailSort.ORDERED_SEQUENCING)
                .filter(d -> !d.dialInfoClass().requiresSignal())
                .toList();
        Set<SequenceOrdering> reachableOrderings = EnumSet.noneOf(SequenceOrdering.class);
        direct.stream().filter(d -> dialInfoFilter.matches(d.dialInfo()))
                .forEach(d -> reachableOrderings.add(d.dialInfo().protocol().ordering()));
        if (reachableOrderings.isEmpty()) {
            return false;
        }

        List<DialInfoDetail> used = new ArrayList<>();
        for (DialInfoDetail detail : direct) {
            ProtocolAddressType combination = key(detail.dialInfo());
            if (wantRelayProtocols.remove(combination)) {
                used.add(detail);
                wantRelayOrderings.remove(new OrderingAddressType(combination.protocol().ordering(),
                        combination.addressType()));
            }
        }

        // One ping per ordering class we reach it with, plus one per NAT port still needing a keepalive.
        List<DialInfo> pings = new ArrayList<>();
        for (DialInfoDetail detail : direct) {
            if (!dialInfoFilter.matches(detail.dialInfo())) {
                continue;
            }
            boolean ping = reachableOrderings.remove(detail.dialInfo().protocol().ordering());
            LowLevelProtocolPort ourPort = protocolToPort.get(key(detail.dialInfo()));
            if (ourPort != null) {
                ping |= wantsNatKeepalives.remove(ourPort);
            }
            if (ping) {
                pings.add(detail.dialInfo());
            }
        }

        // veilflux keeps an outbound relay we can reach even when it covers nothing: we send
        // through it, which our dial info does not decide (Veilid never gets this far with one).
        if (used.isEmpty() && candidate.relayKind() != RelayKind.OUTBOUND) {
            return false;
        }
        relays.add(new RoutingDomainRelay(candidate.nodeIds(), candidate.peerInfo(), candidate.relayKind(), used, pings));
        return true;
    }

    /**
     * The relays to install: least capable first (fewest address types, then fewest protocols,
     * by set membership in Veilid's type order), then by node ids so the order is stable.
     */
    public List<RoutingDomainRelay> sortedRelays() {
        List<RoutingDomainRelay> sorted = new ArrayList<>(relays);
        sorted.sort(Comparator.<RoutingDomainRelay>comparingInt(r -> addressTypes(r).size())
                .thenComparing(r -> membership(addressTypes(r), AddressType.values()), Arrays::compare)
                .thenComparingInt(r -> protocols(r).size())
                .thenComparing(r -> membership(protocols(r), ProtocolType.values()), Arrays::compare)
                .thenComparing(RoutingDomainRelay::nodeIds, NODE_ID_LISTS));
        return sorted;
    }

    private static Set<AddressType> addressTypes(RoutingDomainRelay relay) {
        Set<AddressType> types = EnumSet.noneOf(AddressType.class);
        relay.dialInfoDetails().forEach(d -> types.add(d.dialInfo().addressType()));
        return types;
    }

    private static Set<ProtocolType> protocols(RoutingDomainRelay relay) {
        Set<ProtocolType> types = EnumSet.noneOf(ProtocolType.class);
        relay.dialInfoDetails().forEach(d -> types.add(d.dialInfo().protocol()));
        return types;
    }

    /** Membership flags in {@code order}: compared element-wise, absent before present. */
    private static <T> boolean[] membership(Set<T> set, T[] order) {
        boolean[] flags = new boolean[order.length];
        for (int i = 0; i < order.length; i++) {
            flags[i] = set.contains(order[i]);
        }
        return flags;
    }

    private static int compareNodeIdLists(List<NodeId> a, List<NodeId> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            NodeId x = a.get(i);
            NodeId y = b.get(i);
            int c = Integer.compareUnsigned(x.kind().fourcc(), y.kind().fourcc());
            if (c == 0) {
                c = Arrays.compareUnsigned(x.value().toByteArray(), y.value().toByteArray());
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static ProtocolAddressType key(DialInfo dialInfo) {
        return new ProtocolAddressType(dialInfo.protocol(), dialInfo.addressType());
    }

    private static LowLevelProtocolPort lowLevelPort(DialInfo dialInfo) {
        return new LowLevelProtocolPort(dialInfo.protocol().lowLevel(), dialInfo.addressType(),
                dialInfo.socketAddress().port());
    }

    @Override
    public String toString() {
        return "RelayStatus[" + routingDomain + " want " + wantRelayProtocols + " orderings " + wantRelayOrderings
                + " keepalives " + wantsNatKeepalives + " relays " + relays + "]";
    }
}
