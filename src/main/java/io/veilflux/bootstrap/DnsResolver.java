package io.veilflux.bootstrap;

import io.veilflux.net.Address;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupFailedException;
import org.xbill.DNS.lookup.LookupResult;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;
import org.xbill.DNS.lookup.ServerFailedException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * TXT and address lookups through dnsjava's asynchronous {@link LookupSession}: a query is built
 * on the bounded-elastic scheduler (its id comes from SecureRandom, which may read a file) and
 * goes out on dnsjava's own non-blocking I/O thread, so subscribing never blocks, not even on a
 * Netty event loop. Names are taken as absolute (no search list). TXT answers are not cached here (the
 * bootstrap keeps its own TXT cache, {@link TxtLookupCache}); address answers are kept in a small
 * TTL-respecting cache, as a system resolver would.
 */
public final class DnsResolver implements TxtResolver, AddressResolver {
    /** Address answers kept at most (bootstrap needs a handful of hosts). */
    static final int ADDRESS_CACHE_ENTRIES = 256;

    private final LookupSession txtSession;
    private final LookupSession addressSession;

    public DnsResolver(DnsConfig config) {
        Resolver resolver = resolver(config);
        this.txtSession = LookupSession.builder().resolver(resolver).clearCaches().build();
        Cache addressCache = new Cache(DClass.IN);
        addressCache.setMaxEntries(ADDRESS_CACHE_ENTRIES);
        this.addressSession = LookupSession.builder().resolver(resolver).cache(addressCache).build();
    }

    private static Resolver resolver(DnsConfig config) {
        Resolver resolver;
        if (config.servers().isEmpty()) {
            resolver = new ExtendedResolver();
        } else if (config.servers().size() == 1) {
            resolver = new SimpleResolver(config.servers().get(0));
        } else {
            resolver = new ExtendedResolver(config.servers().stream().<Resolver>map(SimpleResolver::new).toList());
        }
        resolver.setTimeout(config.timeout());
        return resolver;
    }

    /**
     * {@inheritDoc} A name with no TXT record at all (NODATA) fails with
     * {@link TxtLookupException.Reason#NO_DATA}, as hickory reports it to Veilid; one whose TXT
     * records are all undecodable fails with {@link TxtLookupException.Reason#NOT_UTF8} (Veilid
     * finds an empty list and says nothing).
     */
    @Override
    public Mono<List<String>> txtLookup(String name) {
        return lookup(txtSession, name, Type.TXT).handle((result, sink) -> {
            List<TXTRecord> records = result.getRecords().stream()
                    .filter(TXTRecord.class::isInstance).map(TXTRecord.class::cast).toList();
            if (records.isEmpty()) {
                sink.error(new TxtLookupException(TxtLookupException.Reason.NO_DATA,
                        "TXT lookup of '" + name + "' failed (no_data): the name has no TXT record", null));
                return;
            }
            List<String> out = new ArrayList<>();
            records.forEach(txt -> joinedUtf8(txt).ifPresent(out::add));
            if (out.isEmpty()) {
                sink.error(new TxtLookupException(TxtLookupException.Reason.NOT_UTF8,
                        "TXT lookup of '" + name + "' failed (not_utf8): none of its " + records.size() + " TXT records is UTF-8", null));
                return;
            }
            sink.next(List.copyOf(out));
        });
    }

    /** A TXT record's strings joined without separator; empty when they are not UTF-8. */
    static Optional<String> joinedUtf8(TXTRecord txt) {
        List<byte[]> strings = txt.getStringsAsByteArrays();
        ByteBuffer joined = ByteBuffer.allocate(strings.stream().mapToInt(s -> s.length).sum());
        strings.forEach(joined::put);
        joined.flip();
        try {
            return Optional.of(StrictUtf8.decode(joined));
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    @Override
    public Mono<List<Address>> addressLookup(String host) {
        Mono<List<Address>> v6 = addresses(host, Type.AAAA);
        Mono<List<Address>> v4 = addresses(host, Type.A);
        return Mono.zip(v6, v4, (a, b) -> Stream.concat(a.stream(), b.stream()).toList());
    }

    /** One family's addresses; a lookup that finds none is an empty list. */
    private Mono<List<Address>> addresses(String host, int type) {
        return lookup(addressSession, host, type)
                .map(result -> result.getRecords().stream().flatMap(record -> {
                    if (record instanceof ARecord a) {
                        return Stream.of(Address.of(a.getAddress()));
                    }
                    if (record instanceof AAAARecord aaaa) {
                        return Stream.of(Address.of(aaaa.getAddress()));
                    }
                    return Stream.empty();
                }).toList())
                .onErrorReturn(TxtLookupException.class, List.of());
    }

    private static Mono<LookupResult> lookup(LookupSession session, String name, int type) {
        return Mono.fromCallable(() -> Name.fromString(name, Name.root))
                .flatMap(absolute -> Mono.fromCompletionStage(() -> session.lookupAsync(absolute, type)))
                // Building a query draws its id from SecureRandom, which may read /dev/urandom.
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(e -> !(e instanceof TxtLookupException), e -> failure(name, type, e));
    }

    private static TxtLookupException failure(String name, int type, Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        TxtLookupException.Reason reason;
        if (e instanceof NoSuchDomainException) {
            reason = TxtLookupException.Reason.NXDOMAIN;
        } else if (e instanceof NoSuchRRSetException) {
            reason = TxtLookupException.Reason.NO_DATA;
        } else if (e instanceof ServerFailedException) {
            reason = TxtLookupException.Reason.SERVFAIL;
        } else if (e instanceof TimeoutException || e instanceof SocketTimeoutException) {
            reason = TxtLookupException.Reason.TIMEOUT;
        } else if (e instanceof LookupFailedException && String.valueOf(e.getMessage()).endsWith(Rcode.string(Rcode.REFUSED))) {
            // dnsjava reports other response codes only in the message.
            reason = TxtLookupException.Reason.REFUSED;
        } else {
            reason = TxtLookupException.Reason.DNS_ERROR;
        }
        String detail = switch (reason) {
            case NXDOMAIN -> "the name does not exist";
            case NO_DATA -> "the name has no record of the type";
            case SERVFAIL -> "the server failed";
            case TIMEOUT -> "no answer in time";
            case REFUSED -> "the server refused";
            default -> e.toString();
        };
        return new TxtLookupException(reason, Type.string(type) + " lookup of '" + name + "' failed (" + reason.tag() + "): " + detail, e);
    }
}
