package io.veilflux.net;

import java.net.InetSocketAddress;
import java.util.Objects;

/** An IP address and a port; printed and parsed as {@code 1.2.3.4:5150} or {@code [::1]:5150}. */
public record SocketAddress(Address address, int port) implements Comparable<SocketAddress> {

    public SocketAddress {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }

    public static SocketAddress of(InetSocketAddress address) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unresolved socket address " + address);
        }
        return new SocketAddress(Address.of(address.getAddress()), address.getPort());
    }

    public InetSocketAddress toInet() {
        return new InetSocketAddress(address.inet(), port);
    }

    public SocketAddress withPort(int newPort) {
        return new SocketAddress(address, newPort);
    }

    /** Parses {@code a.b.c.d:port} or {@code [ipv6]:port}. */
    public static SocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("invalid socket address '" + text + "' (expected ip:port or [ipv6]:port)");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("invalid socket address '" + text + "': IPv6 addresses need brackets");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port in socket address '" + text + "'", e);
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("invalid port in socket address '" + text + "'");
        }
        return new SocketAddress(Address.parse(host), port);
    }

    @Override
    public int compareTo(SocketAddress other) {
        int byAddress = address.compareTo(other.address);
        return byAddress != 0 ? byAddress : Integer.compare(port, other.port);
    }

    @Override
    public String toString() {
        return address.type() == AddressType.IPV6 ? "[" + address + "]:" + port : address + ":" + port;
    }
}
