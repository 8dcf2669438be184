package io.veilflux.net;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A URL split as Veilid splits it: {@code scheme://[userinfo@]host[:port][/path]}. The host is an
 * IPv4 literal, a bracketed IPv6 literal (stored without brackets) or a name of letters, digits,
 * dots and dashes; the path is stored without its leading slash, percent-decoded, with any query
 * and fragment cut off.
 */
public record SplitUrl(String scheme, Optional<String> userinfo, String host, OptionalInt port, Optional<String> path) {

    public static SplitUrl parse(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            throw invalid(url, "missing scheme://");
        }
        String scheme = url.substring(0, schemeEnd);
        if (!Character.isLetter(scheme.charAt(0)) || !scheme.chars().allMatch(
                c -> c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.'))) {
            throw invalid(url, "invalid scheme '" + scheme + "'");
        }
        String rest = url.substring(schemeEnd + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        Optional<String> path = slash < 0 ? Optional.empty() : Optional.of(decodePath(rest.substring(slash + 1)));
        Optional<String> userinfo = Optional.empty();
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            userinfo = Optional.of(authority.substring(0, at));
            authority = authority.substring(at + 1);
        }
        String host;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw invalid(url, "unclosed IPv6 bracket");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw invalid(url, "unexpected text after the IPv6 address");
                }
                portText = after.substring(1);
            }
            if (!Address.isIpLiteral(host) || !host.contains(":")) {
                throw invalid(url, "'" + host + "' is not an IPv6 address");
            }
        } else {
            int colon = authority.indexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            portText = colon < 0 ? null : authority.substring(colon + 1);
            if (host.isEmpty() || !host.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-'))) {
                throw invalid(url, "invalid host '" + host + "'");
            }
        }
        OptionalInt port = OptionalInt.empty();
        if (portText != null) {
            try {
                int p = Integer.parseInt(portText);
                if (p < 0 || p > 0xFFFF) {
                    throw new NumberFormatException();
                }
                port = OptionalInt.of(p);
            } catch (NumberFormatException e) {
                throw invalid(url, "invalid port '" + portText + "'");
            }
        }
        return new SplitUrl(scheme, userinfo, host, port, path);
    }

    private static String decodePath(String path) {
        int cut = path.length();
        for (char c : new char[] {'?', '#'}) {
            int i = path.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return URLDecoder.decode(path.substring(0, cut).replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String url, String why) {
        return new IllegalArgumentException("invalid URL '" + url + "': " + why);
    }

    public boolean hostIsIpLiteral() {
        return Address.isIpLiteral(host);
    }

    public String schemeLowerCase() {
        return scheme.toLowerCase(Locale.ROOT);
    }

    /** {@code host:port}, with brackets around an IPv6 host. */
    public String hostPort(int defaultPort) {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return h + ":" + port.orElse(defaultPort);
    }
}
