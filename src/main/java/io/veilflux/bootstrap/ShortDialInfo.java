package io.veilflux.bootstrap;

import io.veilflux.net.ProtocolType;
import java.util.Objects;
import java.util.Optional;

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
        try {
            return new ShortDialInfo(protocol, Integer.parseInt(portText), path);
        } catch (IllegalArgumentException e) {
            throw new BootstrapRecordException("short dial info '" + text + "' has an invalid port", e);
        }
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
