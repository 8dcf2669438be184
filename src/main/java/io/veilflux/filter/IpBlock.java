package io.veilflux.filter;

import io.veilflux.net.Address;
import io.veilflux.net.AddressType;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Veilid's {@code ip_to_ipblock}: the key under which per-IP limits and punishments are kept. An
 * IPv4 address is its own block, because one IPv4 address is usually one host. An IPv6 host usually
 * owns a whole prefix, so an IPv6 address stands for its prefix: every bit after the first
 * {@code ip6PrefixSize} bits is set to 1 (as Veilid does; a netmask would clear them).
 *
 * <p>The 128 bits are held as two longs rather than as an {@link Address}: with a prefix of 80..95
 * bits, the block of an address in {@code ::/80} looks like an IPv4-mapped address, which
 * {@code Address} would turn into IPv4, mixing an IPv6 block with an IPv4 host.
 *
 * @param type the address family of the block
 * @param high the first 64 bits of an IPv6 block; 0 for IPv4
 * @param low the last 64 bits of an IPv6 block, or the IPv4 address as an unsigned 32-bit value
 */
public record IpBlock(AddressType type, long high, long low) {

    public IpBlock {
        Objects.requireNonNull(type, "type");
        if (type == AddressType.IPV4 && (high != 0 || (low >>> 32) != 0)) {
            throw new IllegalArgumentException("an IPv4 block is a 32-bit value in 'low' with 'high' 0, got high="
                    + Long.toHexString(high) + " low=" + Long.toHexString(low));
        }
    }

    /** The block of {@code address}; {@code ip6PrefixSize} is 0..128 and only matters for IPv6. */
    public static IpBlock of(Address address, int ip6PrefixSize) {
        if (ip6PrefixSize < 0 || ip6PrefixSize > 128) {
            throw new IllegalArgumentException("IPv6 prefix size " + ip6PrefixSize + " is outside 0..128");
        }
        ByteBuffer bytes = ByteBuffer.wrap(address.bytes());
        if (address.type() == AddressType.IPV4) {
            return new IpBlock(AddressType.IPV4, 0, Integer.toUnsignedLong(bytes.getInt()));
        }
        long high = bytes.getLong();
        long low = bytes.getLong();
        int hostBits = 128 - ip6PrefixSize;
        return new IpBlock(AddressType.IPV6, high | ones(hostBits - 64), low | ones(hostBits));
    }

    /** A long whose lowest {@code bits} bits are 1, for any {@code bits} (clamped to 0..64). */
    private static long ones(int bits) {
        return bits <= 0 ? 0 : bits >= 64 ? -1L : (1L << bits) - 1;
    }

    /** The block as an address literal, such as {@code 2001:db8:1:23ff:ffff:ffff:ffff:ffff}. */
    @Override
    public String toString() {
        try {
            if (type == AddressType.IPV4) {
                return InetAddress.getByAddress(ByteBuffer.allocate(4).putInt((int) low).array()).getHostAddress();
            }
            // Inet6Address.getByAddress keeps the IPv6 form even where the bits look IPv4-mapped.
            return Inet6Address.getByAddress(null, ByteBuffer.allocate(16).putLong(high).putLong(low).array(), -1)
                    .getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }
}
