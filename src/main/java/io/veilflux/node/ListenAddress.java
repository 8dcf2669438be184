package io.veilflux.node;

import io.veilflux.net.Address;
import io.veilflux.net.AddressType;
import io.veilflux.net.SocketAddress;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * A {@code listen_address} value in Veilid's forms (spec transport-bootstrap §3.4): empty for port
 * 5150 on the unspecified addresses, {@code :P} or {@code P} for port P on them, {@code host}
 * for port 0 on that host, {@code host:port} or {@code [ipv6]:port}. Veilid treats port 0 as
 * "search upwards from 5150"; veilflux lets the system pick a free port instead, which is what
 * tests bind to.
 *
 * @param host empty for the unspecified addresses (IPv4, and IPv6 where it works)
 */
public record ListenAddress(Optional<String> host, int port) {
    /** Veilid's listen port when the address is empty. */
    public static final int DEFAULT_PORT = 5150;

    public ListenAddress {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }

    /** Parses a listen address; the exception message says what is wrong. */
    public static ListenAddress parse(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return new ListenAddress(Optional.empty(), DEFAULT_PORT);
        }
        if (trimmed.startsWith(":") && trimmed.indexOf(':', 1) < 0) {
            return new ListenAddress(Optional.empty(), port(trimmed.substring(1), text));
        }
        if (trimmed.chars().allMatch(Character::isDigit)) {
            return new ListenAddress(Optional.empty(), port(trimmed, text));
        }
        int colon = trimmed.lastIndexOf(':');
        if (colon < 0) {
            return new ListenAddress(Optional.of(trimmed), 0);
        }
        String host = trimmed.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("'" + text + "': an IPv6 address needs brackets, as in [::1]:5150");
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no host");
        }
        return new ListenAddress(Optional.of(host), port(trimmed.substring(colon + 1), text));
    }

    /**
     * The socket addresses to bind: the unspecified IPv4 address (and IPv6 when {@code ipv6}) or
     * every address {@code host} resolves to (a blocking lookup unless it is a literal).
     */
    public List<SocketAddress> resolve(boolean ipv6) {
        if (host.isEmpty()) {
            List<SocketAddress> out = new ArrayList<>();
            out.add(new SocketAddress(Address.unspecified(AddressType.IPV4), port));
            if (ipv6) {
                out.add(new SocketAddress(Address.unspecified(AddressType.IPV6), port));
            }
            return List.copyOf(out);
        }
        try {
            LinkedHashSet<SocketAddress> out = new LinkedHashSet<>();
            for (InetAddress address : InetAddress.getAllByName(host.get())) {
                out.add(SocketAddress.of(new InetSocketAddress(address, port)));
            }
            return List.copyOf(out);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve host '" + host.get() + "'", e);
        }
    }

    /** Veilid's test for IPv6: whether a UDP socket binds to {@code [::1]:0}. Probed once. */
    public static boolean ipv6Works() {
        return Ipv6Probe.WORKS;
    }

    @Override
    public String toString() {
        return host.map(h -> h.contains(":") ? "[" + h + "]" : h).orElse("") + ":" + port;
    }

    private static int port(String digits, String text) {
        if (!digits.isEmpty() && digits.length() <= 5 && digits.chars().allMatch(Character::isDigit)) {
            int port = Integer.parseInt(digits);
            if (port <= 0xFFFF) {
                return port;
            }
        }
        throw new IllegalArgumentException("'" + text + "': the port must be a number 0..65535");
    }

    private static final class Ipv6Probe {
        static final boolean WORKS = probe();

        private static boolean probe() {
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
                return socket.isBound();
            } catch (IOException e) {
                return false;
            }
        }
    }
}
