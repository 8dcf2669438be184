package io.veilflux.bootstrap;

import io.veilflux.net.Address;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/** DNS for tests: TXT strings and addresses per name, failures per name, and a count of TXT queries. */
final class FakeDns implements TxtResolver, AddressResolver {
    final Map<String, List<String>> txt = new ConcurrentHashMap<>();
    final Map<String, TxtLookupException.Reason> failing = new ConcurrentHashMap<>();
    final Map<String, List<Address>> addresses = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> txtQueries = new ConcurrentHashMap<>();

    FakeDns txt(String name, String... strings) {
        txt.put(name, List.of(strings));
        return this;
    }

    FakeDns host(String name, String... ips) {
        addresses.put(name, java.util.Arrays.stream(ips).map(Address::parse).toList());
        return this;
    }

    FakeDns failing(String name, TxtLookupException.Reason reason) {
        failing.put(name, reason);
        return this;
    }

    int queries(String name) {
        return txtQueries.getOrDefault(name, new AtomicInteger()).get();
    }

    @Override
    public Mono<List<String>> txtLookup(String name) {
        txtQueries.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        TxtLookupException.Reason reason = failing.get(name);
        if (reason != null) {
            return Mono.error(new TxtLookupException(reason, "TXT lookup of '" + name + "' failed (" + reason.tag() + ")", null));
        }
        List<String> strings = txt.get(name);
        return strings == null
                ? Mono.error(new TxtLookupException(TxtLookupException.Reason.NXDOMAIN, "TXT lookup of '" + name + "' failed (nxdomain)", null))
                : Mono.just(strings);
    }

    @Override
    public Mono<List<Address>> addressLookup(String host) {
        return Mono.just(addresses.getOrDefault(host, List.of()));
    }
}
