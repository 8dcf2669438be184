package io.veilflux.net;

import java.util.Comparator;
import java.util.Objects;

/**
 * How to reach a node: a protocol and a socket address, plus for WebSocket the request
 * ({@code host[:port][/path]}, the URL without its scheme). Canonical text forms:
 * {@code udp|1.2.3.4:5150}, {@code tcp|[2001:db8::1]:5150}, {@code ws|1.2.3.4:5150/ws}, and
 * {@code ws|1.2.3.4|node.example.com:5150/ws} when the request names a host.
 */
public sealed interface DialInfo extends Comparable<DialInfo> permits DialInfo.Udp, DialInfo.Tcp, DialInfo.Ws, DialInfo.Wss {

    Comparator<DialInfo> ORDER = Comparator.comparing(DialInfo::protocol)
            .thenComparing(DialInfo::socketAddress)
            .thenComparing(DialInfo::requestOrEmpty);

    ProtocolType protocol();

    SocketAddress socketAddress();

    default AddressType addressType() {
        return socketAddress().address().type();
    }

    default PeerAddress peerAddress() {
        return new PeerAddress(protocol(), socketAddress());
    }

    /** A filter matching exactly this dial info's protocol and address type. */
    default DialInfoFilter makeFilter() {
        return DialInfoFilter.of(protocol(), addressType());
    }

    /** Veilid's {@code is_valid}: a global or local address and a non-zero port. */
    default boolean isValid() {
        Address a = socketAddress().address();
        return (a.isGlobal() || a.isLocal()) && socketAddress().port() > 0;
    }

    private String requestOrEmpty() {
        return this instanceof Ws ws ? ws.request() : this instanceof Wss wss ? wss.request() : "";
    }

    @Override
    default int compareTo(DialInfo other) {
        return ORDER.compare(this, other);
    }

    /** UDP to a socket address. */
    record Udp(SocketAddress socketAddress) implements DialInfo {
        public Udp {
            Objects.requireNonNull(socketAddress, "socketAddress");
        }

        @Override
        public ProtocolType protocol() {
            return ProtocolType.UDP;
        }

        @Override
        public String toString() {
            return "udp|" + socketAddress;
        }
    }

    /** Raw TCP with {@code VL} framing to a socket address. */
    record Tcp(SocketAddress socketAddress) implements DialInfo {
        public Tcp {
            Objects.requireNonNull(socketAddress, "socketAddress");
        }

        @Override
        public ProtocolType protocol() {
            return ProtocolType.TCP;
        }

        @Override
        public String toString() {
            return "tcp|" + socketAddress;
        }
    }

    /** WebSocket: connect to the socket address, upgrade with {@code ws://<request>}. */
    record Ws(SocketAddress socketAddress, String request) implements DialInfo {
        public Ws {
            Objects.requireNonNull(socketAddress, "socketAddress");
            Objects.requireNonNull(request, "request");
        }

        @Override
        public ProtocolType protocol() {
            return ProtocolType.WS;
        }

        /** The full URL. */
        public String url() {
            return "ws://" + request;
        }

        @Override
        public String toString() {
            return DialInfo.format("ws", socketAddress, request);
        }
    }

    /** Secure WebSocket: connect to the socket address, TLS, upgrade with {@code wss://<request>}. */
    record Wss(SocketAddress socketAddress, String request) implements DialInfo {
        public Wss {
            Objects.requireNonNull(socketAddress, "socketAddress");
            Objects.requireNonNull(request, "request");
        }

        @Override
        public ProtocolType protocol() {
            return ProtocolType.WSS;
        }

        public String url() {
            return "wss://" + request;
        }

        @Override
        public String toString() {
            return DialInfo.format("wss", socketAddress, request);
        }
    }

    static DialInfo udp(SocketAddress socketAddress) {
        return new Udp(socketAddress);
    }

    static DialInfo tcp(SocketAddress socketAddress) {
        return new Tcp(socketAddress);
    }

    /**
     * A WS dial info from a socket address and a full {@code ws://} URL, checked as Veilid's
     * {@code try_ws}: the URL's port (default 80) and any IP host must match the socket address.
     */
    static DialInfo ws(SocketAddress socketAddress, String url) {
        return new Ws(socketAddress, checkedRequest("ws", 80, socketAddress, url));
    }

    /** As {@link #ws} for {@code wss://} URLs (default port 443). */
    static DialInfo wss(SocketAddress socketAddress, String url) {
        return new Wss(socketAddress, checkedRequest("wss", 443, socketAddress, url));
    }

    private static String checkedRequest(String scheme, int defaultPort, SocketAddress socketAddress, String url) {
        SplitUrl split = SplitUrl.parse(url);
        if (!split.scheme().equals(scheme) || !url.startsWith(scheme + "://")) {
            throw new IllegalArgumentException("invalid " + scheme + " dial info URL '" + url + "': scheme must be " + scheme);
        }
        int port = split.port().orElse(defaultPort);
        if (port != socketAddress.port()) {
            throw new IllegalArgumentException("invalid " + scheme + " dial info: URL port " + port
                    + " differs from socket address " + socketAddress);
        }
        if (split.hostIsIpLiteral() && !Address.parse(split.host()).equals(socketAddress.address())) {
            throw new IllegalArgumentException("invalid " + scheme + " dial info: URL host " + split.host()
                    + " differs from socket address " + socketAddress);
        }
        return url.substring(scheme.length() + 3);
    }

    private static String format(String scheme, SocketAddress socketAddress, String request) {
        SplitUrl split = SplitUrl.parse(scheme + "://" + request);
        return split.hostIsIpLiteral()
                ? scheme + "|" + request
                : scheme + "|" + socketAddress.address() + "|" + request;
    }

    /**
     * Parses the canonical text form. Unlike Veilid 0.5.2, whose parser rejects the
     * {@code ws|ip|host...} form its own printer makes, both forms parse here.
     */
    static DialInfo parse(String text) {
        int bar = text.indexOf('|');
        if (bar < 0) {
            throw new IllegalArgumentException("invalid dial info '" + text + "' (expected udp|, tcp|, ws| or wss| then the address)");
        }
        String scheme = text.substring(0, bar);
        String rest = text.substring(bar + 1);
        try {
            return switch (scheme) {
                case "udp" -> udp(SocketAddress.parse(rest));
                case "tcp" -> tcp(SocketAddress.parse(rest));
                case "ws" -> parseWebSocket("ws", 80, rest);
                case "wss" -> parseWebSocket("wss", 443, rest);
                default -> throw new IllegalArgumentException("unknown protocol '" + scheme + "'");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid dial info '" + text + "': " + e.getMessage(), e);
        }
    }

    private static DialInfo parseWebSocket(String scheme, int defaultPort, String rest) {
        int bar = rest.indexOf('|');
        String url = scheme + "://" + (bar < 0 ? rest : rest.substring(bar + 1));
        SplitUrl split = SplitUrl.parse(url);
        Address ip;
        if (bar >= 0) {
            ip = Address.parse(rest.substring(0, bar));
        } else if (split.hostIsIpLiteral()) {
            ip = Address.parse(split.host());
        } else {
            throw new IllegalArgumentException("a host name needs the IP first: " + scheme + "|<ip>|" + rest);
        }
        SocketAddress socketAddress = new SocketAddress(ip, split.port().orElse(defaultPort));
        return scheme.equals("ws") ? ws(socketAddress, url) : wss(socketAddress, url);
    }
}
