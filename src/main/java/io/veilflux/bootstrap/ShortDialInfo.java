package io.veilflux.bootstrap;

import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import io.veilflux.net.SplitUrl;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A dial info as a bootstrap TXT record abbreviates it: a protocol letter ({@code U}, {@code T},
 * {@code W}, {@code S}), a port and, for WebSocket, a path; the record's host name completes it.
 */
public record ShortDialInfo(ProtocolType protocol, int port, Optional<String> path) {

    public ShortDialInfo {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(path, "path");
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
    }

    /** A short dial info and the host name it is to be completed with. */
    public record OnHost(ShortDialInfo shortDialInfo, String hostname) {
    }

    /**
     * Veilid's {@code to_short}: the short form of a dial info and its host. A WebSocket request
     * naming a host keeps that name; for an IP address the host is {@code ptrName} (what Veilid's
     * PTR lookup would answer) or else the IP itself, IPv6 in brackets, so the record parses back.
     */
    public static OnHost of(DialInfo dialInfo, Optional<String> ptrName) {
        if (dialInfo instanceof DialInfo.Ws ws) {
            return webSocket(ProtocolType.WS, SplitUrl.parse(ws.url()), 80, ptrName);
        }
        if (dialInfo instanceof DialInfo.Wss wss) {
            return webSocket(ProtocolType.WSS, SplitUrl.parse(wss.url()), 443, ptrName);
        }
        SocketAddress address = dialInfo.socketAddress();
        return new OnHost(new ShortDialInfo(dialInfo.protocol(), address.port(), Optional.empty()),
                ptrName.orElseGet(() -> ipHost(address.address().toString(), address.address().type() == AddressType.IPV6)));
    }

    private static OnHost webSocket(ProtocolType protocol, SplitUrl url, int defaultPort, Optional<String> ptrName) {
        String host = url.hostIsIpLiteral() ? ptrName.orElseGet(() -> ipHost(url.host(), url.host().contains(":"))) : url.host();
        return new OnHost(new ShortDialInfo(protocol, url.port().orElse(defaultPort), url.path()), host);
    }

    private static String ipHost(String ip, boolean v6) {
        return v6 ? "[" + ip + "]" : ip;
    }

    /** Parses {@code T5150}, {@code U5150}, {@code W5150/ws}, {@code S443/ws}. */
    public static ShortDialInfo parse(String text) {
        if (text.length() < 2) {
            throw new BootstrapRecordException("short dial info '" + text + "' is too short (expected e.g. T5150)");
        }
        ProtocolType protocol = switch (text.charAt(0)) {
            case 'U' -> ProtocolType.UDP;
            case 'T' -> ProtocolType.TCP;
            case 'W' -> ProtocolType.WS;
            case 'S' -> ProtocolType.WSS;
            default -> throw new BootstrapRecordException("short dial info '" + text + "' starts with an unknown protocol "
                    + "letter (U, T, W or S)");
        };
        String rest = text.substring(1);
        int slash = rest.indexOf('/');
        String portText = slash < 0 ? rest : rest.substring(0, slash);
        Optional<String> path = slash < 0 ? Optional.empty() : Optional.of(rest.substring(slash + 1));
        OptionalLong port = UnsignedNumbers.parseU64(portText);
        if (port.isEmpty() || port.getAsLong() < 1 || port.getAsLong() > 0xFFFF) {
            throw new BootstrapRecordException("short dial info '" + text + "' has an invalid port (1..65535)");
        }
        return new ShortDialInfo(protocol, (int) port.getAsLong(), path);
    }

    /** The full URL on {@code hostname}, e.g. {@code ws://bootstrap-1.example.net:5150/ws}. */
    public String url(String hostname) {
        String scheme = switch (protocol) {
            case UDP -> "udp";
            case TCP -> "tcp";
            case WS -> "ws";
            case WSS -> "wss";
        };
        return scheme + "://" + hostname + ":" + port + path.map(p -> "/" + p).orElse("");
    }

    @Override
    public String toString() {
        char letter = switch (protocol) {
            case UDP -> 'U';
            case TCP -> 'T';
            case WS -> 'W';
            case WSS -> 'S';
        };
        return letter + Integer.toString(port) + path.map(p -> "/" + p).orElse("");
    }
}
