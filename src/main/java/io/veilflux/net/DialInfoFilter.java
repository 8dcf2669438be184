package io.veilflux.net;

import java.util.EnumSet;
import java.util.Set;

/** A set of protocols and a set of address types; a flow or dial info matches when both contain its own. */
public record DialInfoFilter(Set<ProtocolType> protocols, Set<AddressType> addressTypes) {
    private static final DialInfoFilter ALL = new DialInfoFilter(EnumSet.allOf(ProtocolType.class),
            EnumSet.allOf(AddressType.class));
    /** Every single-protocol, single-address-type filter, made once: inbound packets ask for theirs. */
    private static final DialInfoFilter[][] SINGLE = new DialInfoFilter[ProtocolType.values().length][AddressType.values().length];

    static {
        for (ProtocolType p : ProtocolType.values()) {
            for (AddressType a : AddressType.values()) {
                SINGLE[p.ordinal()][a.ordinal()] = new DialInfoFilter(EnumSet.of(p), EnumSet.of(a));
            }
        }
    }

    public DialInfoFilter {
        protocols = protocols.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(protocols));
        addressTypes = addressTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(addressTypes));
    }

    public static DialInfoFilter all() {
        return ALL;
    }

    public static DialInfoFilter of(ProtocolType protocol, AddressType addressType) {
        return SINGLE[protocol.ordinal()][addressType.ordinal()];
    }

    public DialInfoFilter filtered(DialInfoFilter other) {
        EnumSet<ProtocolType> p = EnumSet.noneOf(ProtocolType.class);
        p.addAll(protocols);
        p.retainAll(other.protocols);
        EnumSet<AddressType> a = EnumSet.noneOf(AddressType.class);
        a.addAll(addressTypes);
        a.retainAll(other.addressTypes);
        return new DialInfoFilter(p, a);
    }

    public boolean isDead() {
        return protocols.isEmpty() || addressTypes.isEmpty();
    }

    public boolean isOrderedOnly() {
        return protocols.stream().allMatch(ProtocolType::isOrdered);
    }

    public boolean matches(ProtocolType protocol, AddressType addressType) {
        return protocols.contains(protocol) && addressTypes.contains(addressType);
    }

    public boolean matches(Flow flow) {
        return matches(flow.protocol(), flow.addressType());
    }

    public boolean matches(DialInfo dialInfo) {
        return matches(dialInfo.protocol(), dialInfo.addressType());
    }
}
