package io.veilflux.bootstrap;

import io.veilflux.net.Address;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.SocketAddress;
import io.veilflux.net.SplitUrl;
import io.veilflux.routing.DialInfoDetail;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Veilid's {@code DialInfoConverter} for bootstrap: dial-info URLs ({@code udp://host:port},
 * {@code tcp://host:port}, {@code ws://host[:port][/path]}, {@code wss://...}) and a record's short
 * dial infos become one dial info per address of the host. Host names go to an
 * {@link AddressResolver}; IP literals are used as they are.
 */
public final class DialInfoConverter {
    private static final Logger LOG = LoggerFactory.getLogger(DialInfoConverter.class);
    /** How many host names are looked up at once. */
    static final int HOST_LOOKUP_CONCURRENCY = 16;

    private final AddressResolver resolver;

    public DialInfoConverter(AddressResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** A split dial-info URL and its port (udp and tcp need one; ws defaults to 80, wss to 443). */
    private record Target(String url, SplitUrl split, int port) {
    }

    private static Target target(String url) {
        SplitUrl split = SplitUrl.parse(url);
        int port = switch (split.scheme()) {
            case "udp", "tcp" -> split.port().orElseThrow(
                    () -> new IllegalArgumentException("dial info URL '" + url + "' has no port (udp and tcp need one)"));
            case "ws" -> split.port().orElse(80);
            case "wss" -> split.port().orElse(443);
            default -> throw new IllegalArgumentException("dial info URL '" + url + "' has scheme '" + split.scheme()
                    + "' (expected udp, tcp, ws or wss)");
        };
        return new Target(url, split, port);
    }

    /**
     * Whether a bootstrap entry is a dial-info URL (direct bootstrap) rather than a DNS name (TXT
     * bootstrap). As in Veilid, {@code udp://host} without a port is not a URL, so it is taken for a
     * DNS name.
     */
    public static boolean isDialInfoUrl(String entry) {
        try {
            target(entry);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Veilid's {@code try_vec_from_url}: one dial info per address of the URL's host. Fails with
     * {@link IllegalArgumentException} for what is not a dial-info URL and when the host has no
     * address.
     */
    public Mono<List<DialInfo>> tryVecFromUrl(String url) {
        return Mono.fromCallable(() -> target(url)).flatMap(target -> {
            if (target.split().hostIsIpLiteral()) {
                return Mono.fromCallable(() -> dialInfos(target, List.of(Address.parse(target.split().host()))));
            }
            return Mono.defer(() -> resolver.addressLookup(target.split().host()))
                    .filter(addresses -> !addresses.isEmpty())
                    .switchIfEmpty(Mono.error(() -> new IllegalArgumentException("no addresses")))
                    .onErrorMap(e -> new IllegalArgumentException("couldn't resolve hostname in url '" + url + "': " + e.getMessage(), e))
                    .map(addresses -> dialInfos(target, addresses));
        });
    }

    private static List<DialInfo> dialInfos(Target target, List<Address> addresses) {
        List<DialInfo> out = new ArrayList<>(addresses.size());
        for (Address address : addresses) {
            SocketAddress socketAddress = new SocketAddress(address, target.port());
            out.add(switch (target.split().scheme()) {
                case "udp" -> DialInfo.udp(socketAddress);
                case "tcp" -> DialInfo.tcp(socketAddress);
                case "ws" -> DialInfo.ws(socketAddress, target.url());
                default -> DialInfo.wss(socketAddress, target.url());
            });
        }
        return out;
    }

    /**
     * A record's short dial infos completed with its host name, each on every address of the host
     * ({@code hostAddresses}: the looked-up names; IP literals need none), all of class Direct.
     * A short dial info that does not make a URL, or whose host has no address, is skipped.
     */
    public static List<DialInfoDetail> fromShorts(String hostname, List<ShortDialInfo> shorts,
                                                  Function<String, List<Address>> hostAddresses) {
        List<DialInfoDetail> out = new ArrayList<>();
        for (ShortDialInfo shortDialInfo : shorts) {
            String url = shortDialInfo.url(hostname);
            try {
                Target target = target(url);
                List<Address> addresses = target.split().hostIsIpLiteral()
                        ? List.of(Address.parse(target.split().host()))
                        : hostAddresses.apply(target.split().host());
                dialInfos(target, addresses).forEach(d -> out.add(new DialInfoDetail(d, DialInfoClass.DIRECT)));
            } catch (IllegalArgumentException e) {
                LOG.debug("Couldn't resolve bootstrap node dial info {}: {}", shortDialInfo, e.getMessage());
            }
        }
        return out;
    }

    /**
     * The addresses of every name in {@code hostnames}, looked up concurrently; a name whose
     * lookup fails maps to an empty list.
     */
    public Mono<Map<String, List<Address>>> resolveHosts(Collection<String> hostnames) {
        return Flux.fromIterable(hostnames)
                .flatMap(host -> Mono.defer(() -> resolver.addressLookup(host))
                        .onErrorResume(e -> {
                            LOG.debug("no addresses for bootstrap host {}: {}", host, e.getMessage());
                            return Mono.just(List.of());
                        })
                        .map(addresses -> Map.entry(host, addresses)), HOST_LOOKUP_CONCURRENCY)
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** The host name of a record's host field when it is a name to look up (not an IP literal). */
    static Optional<String> hostToLookUp(String hostField) {
        try {
            SplitUrl split = SplitUrl.parse("udp://" + hostField + ":1");
            return split.hostIsIpLiteral() ? Optional.empty() : Optional.of(split.host());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
