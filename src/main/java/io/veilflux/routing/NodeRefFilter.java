package io.veilflux.routing;

import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.Flow;
import io.veilflux.net.ProtocolType;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Which routing domains and which dial infos (protocol, address type) a node ref looks at. */
public record NodeRefFilter(Set<RoutingDomain> routingDomains, DialInfoFilter dialInfoFilter) {
    private static final NodeRefFilter ALL = new NodeRefFilter(RoutingDomain.all(), DialInfoFilter.all());
    /** By routing domain: what a node ref registered in a domain is seen through. */
    private static final NodeRefFilter[] DOMAINS = new NodeRefFilter[RoutingDomain.values().length];
    /** By routing domain, protocol and address type: what an inbound packet's sender is seen through. */
    private static final NodeRefFilter[][][] FLOWS =
            new NodeRefFilter[RoutingDomain.values().length][ProtocolType.values().length][AddressType.values().length];

    static {
        for (RoutingDomain rd : RoutingDomain.values()) {
            DOMAINS[rd.ordinal()] = ALL.withRoutingDomain(rd);
            for (ProtocolType p : ProtocolType.values()) {
                for (AddressType a : AddressType.values()) {
                    FLOWS[rd.ordinal()][p.ordinal()][a.ordinal()] = new NodeRefFilter(EnumSet.of(rd), DialInfoFilter.of(p, a));
                }
            }
        }
    }

    public NodeRefFilter {
        routingDomains = routingDomains.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(routingDomains));
        Objects.requireNonNull(dialInfoFilter, "dialInfoFilter");
    }

    public static NodeRefFilter all() {
        return ALL;
    }

    public NodeRefFilter withRoutingDomain(RoutingDomain domain) {
        return new NodeRefFilter(EnumSet.of(domain), dialInfoFilter);
    }

    public NodeRefFilter withRoutingDomainSet(Set<RoutingDomain> domains) {
        return new NodeRefFilter(domains, dialInfoFilter);
    }

    /** Replaces the dial info filter. */
    public NodeRefFilter withDialInfoFilter(DialInfoFilter filter) {
        return new NodeRefFilter(routingDomains, filter);
    }

    /** Only {@code rd}, every dial info. */
    public static NodeRefFilter of(RoutingDomain rd) {
        return DOMAINS[rd.ordinal()];
    }

    /** Only {@code rd}, and only the protocol and address type of {@code flow}. */
    public static NodeRefFilter of(RoutingDomain rd, Flow flow) {
        return FLOWS[rd.ordinal()][flow.protocol().ordinal()][flow.addressType().ordinal()];
    }

    /** Narrows the protocols to {@code protocol} (none left if it was not allowed). */
    public NodeRefFilter withProtocolType(ProtocolType protocol) {
        return new NodeRefFilter(routingDomains,
                dialInfoFilter.filtered(new DialInfoFilter(EnumSet.of(protocol), EnumSet.allOf(AddressType.class))));
    }

    /** Narrows the address types to {@code type} (none left if it was not allowed). */
    public NodeRefFilter withAddressType(AddressType type) {
        return new NodeRefFilter(routingDomains,
                dialInfoFilter.filtered(new DialInfoFilter(EnumSet.allOf(ProtocolType.class), EnumSet.of(type))));
    }

    /** The intersection of both filters. */
    public NodeRefFilter filtered(NodeRefFilter other) {
        EnumSet<RoutingDomain> domains = EnumSet.noneOf(RoutingDomain.class);
        domains.addAll(routingDomains);
        domains.retainAll(other.routingDomains);
        return new NodeRefFilter(domains, dialInfoFilter.filtered(other.dialInfoFilter));
    }

    public boolean isDead() {
        return routingDomains.isEmpty() || dialInfoFilter.isDead();
    }
}
