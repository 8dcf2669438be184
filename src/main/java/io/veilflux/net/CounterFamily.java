package io.veilflux.net;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters of one meter name, one per combination of tag values, each registered on first use
 * and looked up afterwards: building and registering a Micrometer counter costs more than the
 * increment it serves, which matters on paths taken for every packet.
 */
public final class CounterFamily {
    private final MeterRegistry registry;
    private final String name;
    private final List<String> tagKeys;
    private final ConcurrentHashMap<Object, Counter> counters = new ConcurrentHashMap<>();

    /** @param tagKeys the tag keys, in the order {@link #counter} takes their values */
    public CounterFamily(MeterRegistry registry, String name, String... tagKeys) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.name = Objects.requireNonNull(name, "name");
        this.tagKeys = List.of(tagKeys);
    }

    /** The counter with these tag values, one per tag key. */
    public Counter counter(String... tagValues) {
        if (tagValues.length != tagKeys.size()) {
            throw new IllegalArgumentException(name + " takes " + tagKeys.size() + " tag values " + tagKeys + ", got "
                    + tagValues.length);
        }
        Object key = tagValues.length == 1 ? tagValues[0] : List.of(tagValues);
        Counter counter = counters.get(key);
        return counter != null ? counter : counters.computeIfAbsent(key, k -> register(tagValues));
    }

    public void increment(String... tagValues) {
        counter(tagValues).increment();
    }

    private Counter register(String[] tagValues) {
        Counter.Builder builder = Counter.builder(name);
        for (int i = 0; i < tagValues.length; i++) {
            builder.tag(tagKeys.get(i), tagValues[i]);
        }
        return builder.register(registry);
    }
}
