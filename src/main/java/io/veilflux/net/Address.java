package io.veilflux.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/**
 * An IP address in canonical form: an IPv4-mapped IPv6 address becomes IPv4. Ordered as Veilid
 * orders them: every IPv6 address before every IPv4 address, then by bytes.
 */
public record Address(InetAddress inet) implements Comparable<Address> {

    public Address {
        Objects.requireNonNull(inet, "inet");
        inet = canonical(inet);
    }

    public static Address of(InetAddress inet) {
        return new Address(inet);
    }

    /** Parses an IPv4 or IPv6 literal (no brackets, no host names). */
    public static Address parse(String text) {
        if (text.isEmpty() || !isIpLiteral(text)) {
            throw new IllegalArgumentException("invalid IP address '" + text + "' (expected an IPv4 or IPv6 literal)");
        }
        try {
            return new Address(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("invalid IP address '" + text + "'", e);
        }
    }

    /** Whether {@code text} is an IP literal; checked first so that no name is ever resolved. */
    static boolean isIpLiteral(String text) {
        if (text.contains(":")) {
            return text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%');
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress canonical(InetAddress inet) {
        if (inet instanceof Inet6Address) {
            byte[] b = inet.getAddress();
            boolean mapped = b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = b[i] == 0;
            }
            if (mapped) {
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("4 bytes are always an address", e);
                }
            }
        }
        return inet;
    }

    /** {@code 0.0.0.0} or {@code ::}. */
    public static Address unspecified(AddressType type) {
        return parse(type == AddressType.IPV4 ? "0.0.0.0" : "::");
    }

    public AddressType type() {
        return inet instanceof Inet4Address ? AddressType.IPV4 : AddressType.IPV6;
    }

    public byte[] bytes() {
        return inet.getAddress();
    }

    public boolean isUnspecified() {
        return inet.isAnyLocalAddress();
    }

    public boolean isLoopback() {
        return inet.isLoopbackAddress();
    }

    /** Globally routable unicast (Veilid's {@code is_global}). */
    public boolean isGlobal() {
        byte[] b = bytes();
        if (type() == AddressType.IPV4) {
            int a0 = b[0] & 0xFF;
            int a1 = b[1] & 0xFF;
            return !(a0 == 0 || a0 == 10 || a0 == 127 || a0 >= 224
                    || (a0 == 100 && (a1 & 0xC0) == 64)
                    || (a0 == 169 && a1 == 254)
                    || (a0 == 172 && (a1 & 0xF0) == 16)
                    || (a0 == 192 && a1 == 168)
                    || (a0 == 192 && a1 == 0 && (b[2] & 0xFF) == 0)
                    || (a0 == 192 && a1 == 0 && (b[2] & 0xFF) == 2)
                    || (a0 == 198 && (a1 & 0xFE) == 18)
                    || (a0 == 198 && a1 == 51 && (b[2] & 0xFF) == 100)
                    || (a0 == 203 && a1 == 0 && (b[2] & 0xFF) == 113));
        }
        // Global unicast is 2000::/3, minus documentation 2001:db8::/32.
        return (b[0] & 0xE0) == 0x20 && !((b[0] & 0xFF) == 0x20 && (b[1] & 0xFF) == 0x01 && (b[2] & 0xFF) == 0x0d
                && (b[3] & 0xFF) == 0xb8);
    }

    /** Private, link-local, shared or IETF-assignment space (Veilid's {@code is_local}). */
    public boolean isLocal() {
        byte[] b = bytes();
        if (type() == AddressType.IPV4) {
            int a0 = b[0] & 0xFF;
            int a1 = b[1] & 0xFF;
            return a0 == 10 || (a0 == 172 && (a1 & 0xF0) == 16) || (a0 == 192 && a1 == 168)
                    || (a0 == 169 && a1 == 254) || (a0 == 100 && (a1 & 0xC0) == 64)
                    || (a0 == 192 && a1 == 0 && (b[2] & 0xFF) == 0);
        }
        int top10 = ((b[0] & 0xFF) << 2) | ((b[1] & 0xFF) >>> 6);
        return top10 == 0x3FB /* fec0::/10 */ || top10 == 0x3FA /* fe80::/10 */ || (b[0] & 0xFE) == 0xFC;
    }

    @Override
    public int compareTo(Address other) {
        int byType = type().compareTo(other.type());
        return byType != 0 ? byType : Arrays.compareUnsigned(bytes(), other.bytes());
    }

    /** IPv4 dotted, IPv6 in RFC 5952 form (longest zero run compressed), as Rust prints them. */
    @Override
    public String toString() {
        byte[] b = bytes();
        if (b.length == 4) {
            return inet.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xFF) << 8) | (b[2 * i + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
