package io.veilflux.manager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.veilflux.crypto.NodeId;
import io.veilflux.net.CounterFamily;
import io.veilflux.net.DialInfo;
import io.veilflux.net.Sequencing;
import io.veilflux.net.SnakeCase;
import io.veilflux.routing.ContactMethod;
import io.veilflux.routing.NodeRefFilter;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Veilid's node contact method cache: the computed way to reach a node, by everything the
 * computation depends on, so there is nothing to invalidate (a change of either node info, of the
 * node ref's filter or sequencing, or of the dial-info failures makes a new key). Counts hits and
 * misses, and successes and failures per contact method kind.
 */
final class ContactMethodCache {
    static final int SIZE = 1024;
    static final String LOOKUPS = "veilflux.net.contact_method.lookups";
    static final String SENDS = "veilflux.net.sends";

    /** Everything a contact method is computed from. */
    record Key(List<NodeId> targetIds, long ownNodeInfoTs, long targetNodeInfoTs, NodeRefFilter filter,
               Sequencing sequencing, List<DialInfo> failedDialInfo) {
    }

    private final Cache<Key, Optional<ContactMethod>> cache = Caffeine.newBuilder().maximumSize(SIZE).build();
    private final CounterFamily sends;
    private final Counter hits;
    private final Counter misses;

    ContactMethodCache(MeterRegistry registry) {
        this.sends = new CounterFamily(registry, SENDS, "method", "outcome");
        this.hits = Counter.builder(LOOKUPS).tag("result", "hit").register(registry);
        this.misses = Counter.builder(LOOKUPS).tag("result", "miss").register(registry);
    }

    /** The cached method for {@code key}, or the computed one, cached (an empty method too). */
    Optional<ContactMethod> get(Key key, Supplier<Optional<ContactMethod>> compute) {
        Optional<ContactMethod> cached = cache.getIfPresent(key);
        if (cached != null) {
            hits.increment();
            return cached;
        }
        misses.increment();
        Optional<ContactMethod> computed = compute.get();
        cache.put(key, computed);
        return computed;
    }

    /** Counts a send by the kind of method it used and how it ended. */
    void recordSend(Optional<ContactMethod> method, String outcome) {
        sends.increment(kind(method), outcome);
    }

    /** Veilid's kind names, snake case: {@code direct}, {@code signal_reverse}, ... ({@code unreachable} for none). */
    static String kind(Optional<ContactMethod> method) {
        return method.map(m -> SnakeCase.of(m.getClass())).orElse("unreachable");
    }

    void clear() {
        cache.invalidateAll();
    }

    long size() {
        return cache.estimatedSize();
    }
}
