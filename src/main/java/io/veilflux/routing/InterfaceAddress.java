package io.veilflux.routing;

import io.veilflux.net.Address;
import io.veilflux.net.AddressType;
import java.util.Comparator;
import java.util.Objects;

/**
 * One address of a local network interface with its prefix length: the network it names is what
 * Veilid's LocalNetwork domain accepts addresses from ({@code IfAddr} in Veilid).
 *
 * @param prefixLength 0..32 for IPv4, 0..128 for IPv6
 */
public record InterfaceAddress(Address address, int prefixLength) implements Comparable<InterfaceAddress> {
    private static final Comparator<InterfaceAddress> ORDER = Comparator.comparing(InterfaceAddress::address)
            .thenComparingInt(InterfaceAddress::prefixLength);

    public InterfaceAddress {
        Objects.requireNonNull(address, "address");
        int bits = address.type() == AddressType.IPV4 ? 32 : 128;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " of " + address + " is outside 0.." + bits);
        }
    }

    /** Parses {@code 192.168.1.20/24} or {@code fd00::5/64}. */
    public static InterfaceAddress parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("invalid interface address '" + text + "' (expected ip/prefix, e.g. 192.168.1.20/24)");
        }
        try {
            return new InterfaceAddress(Address.parse(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid prefix length in interface address '" + text + "'", e);
        }
    }

    /** Whether {@code other} lies in this interface's network (same address type, same first prefix bits). */
    public boolean contains(Address other) {
        if (other.type() != address.type()) {
            return false;
        }
        byte[] a = address.bytes();
        byte[] b = other.bytes();
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (b[full] & mask);
    }

    @Override
    public int compareTo(InterfaceAddress other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
