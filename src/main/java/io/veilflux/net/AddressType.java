package io.veilflux.net;

import java.util.Locale;

/** IPv6 or IPv4; IPv6 sorts first because Veilid prefers it. */
public enum AddressType {
    IPV6,
    IPV4;

    /** Parses {@code v6|6|ipv6} and {@code v4|4|ipv4}, case-insensitive. */
    public static AddressType parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "v6", "6", "ipv6" -> IPV6;
            case "v4", "4", "ipv4" -> IPV4;
            default -> throw new IllegalArgumentException("unknown address type '" + text + "' (expected ipv4 or ipv6)");
        };
    }
}
