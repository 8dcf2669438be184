package io.veilflux.bootstrap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Veilid's {@code resolve_bootstrap_txt_strings}: TXT lookups for bootstrap names through a
 * cache of {@value #TXT_LOOKUP_CACHE_SIZE} names, each answer good for
 * {@link #TXT_LOOKUP_EXPIRATION} from the moment it was asked for. Only non-empty answers are
 * kept. A failed lookup is one warning, one count on {@link BootstrapMeters#TXT_FAILURES} and an
 * empty list: it never fails the bootstrap.
 */
public final class TxtLookupCache {
    private static final Logger LOG = LoggerFactory.getLogger(TxtLookupCache.class);

    /** Veilid's {@code TXT_LOOKUP_CACHE_SIZE}. */
    public static final int TXT_LOOKUP_CACHE_SIZE = 256;
    /** Veilid's {@code TXT_LOOKUP_EXPIRATION}. */
    public static final Duration TXT_LOOKUP_EXPIRATION = Duration.ofSeconds(300);

    private record Entry(long expiresAtMicros, List<String> strings) {
    }

    private final TxtResolver resolver;
    private final BootstrapMeters meters;
    private final Scheduler clock;
    private final Cache<String, Entry> cache = Caffeine.newBuilder()
            .maximumSize(TXT_LOOKUP_CACHE_SIZE)
            .executor(Runnable::run)
            .build();

    /** @param clock whose {@code now} dates the answers (a virtual-time scheduler in tests) */
    public TxtLookupCache(TxtResolver resolver, BootstrapMeters meters, Scheduler clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The TXT strings of {@code name}; empty when the lookup failed or found none. */
    public Mono<List<String>> resolveBootstrapTxtStrings(String name) {
        return Mono.defer(() -> {
            long now = clock.now(TimeUnit.MICROSECONDS);
            Entry cached = cache.getIfPresent(name);
            if (cached != null && now < cached.expiresAtMicros()) {
                LOG.debug("Cached TXT: {} => {}", name, cached.strings());
                return Mono.just(cached.strings());
            }
            LOG.debug("Resolving bootstrap TXT: {}", name);
            return Mono.defer(() -> resolver.txtLookup(name))
                    .doOnNext(strings -> {
                        LOG.debug("TXT: {} => {}", name, strings);
                        if (!strings.isEmpty()) {
                            cache.put(name, new Entry(now + TXT_LOOKUP_EXPIRATION.toNanos() / 1000, strings));
                        }
                    })
                    .onErrorResume(e -> {
                        String reason = e instanceof TxtLookupException failure ? failure.reason().tag()
                                : TxtLookupException.Reason.DNS_ERROR.tag();
                        LOG.warn("Network may be down. No bootstrap resolution for '{}': {}", name, e.getMessage());
                        meters.txtFailure(reason);
                        return Mono.just(List.of());
                    });
        });
    }
}
