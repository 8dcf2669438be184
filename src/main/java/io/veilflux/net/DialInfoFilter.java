package io.veilflux.net;

import java.util.EnumSet;
import java.util.Set;

/** A set of protocols and a set of address types; a flow or dial info matches when both contain its own. */
public record DialInfoFilter(Set<ProtocolType> protocols, Set<AddressType> addressTypes) {

    public DialInfoFilter {
        protocols = protocols.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(protocols));
        addressTypes = addressTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(addressTypes));
    }

    public static DialInfoFilter all() {
        return new DialInfoFilter(EnumSet.allOf(ProtocolType.class), EnumSet.allOf(AddressType.class));
    }

    public static DialInfoFilter of(ProtocolType protocol, AddressType addressType) {
        return new DialInfoFilter(EnumSet.of(protocol), EnumSet.of(addressType));
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
