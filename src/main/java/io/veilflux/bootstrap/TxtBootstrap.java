package io.veilflux.bootstrap;

import io.veilflux.routing.PeerInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Veilid's {@code txt_bootstrap}: the bootstrap peers one DNS name publishes. The name's TXT
 * strings (cached) decide the format by the highest version they announce: v1 strings are the
 * records themselves; v0 strings list further names (relative to the root name unless they end in
 * a dot) whose TXT strings are the records. Records become unsigned peer infos, our own left out.
 * With bootstrap keys configured v0 is not taken.
 *
 * <p>Nothing fails: a lookup that finds nothing, strings of no usable version and records that
 * do not parse or verify each give one log line, one count on
 * {@link BootstrapMeters#TXT_FAILURES} and no peers from that name.
 */
public final class TxtBootstrap {
    private static final Logger LOG = LoggerFactory.getLogger(TxtBootstrap.class);
    /** How many second-level v0 names are looked up at once. */
    static final int V0_NAME_CONCURRENCY = 16;

    private final TxtLookupCache txt;
    private final BootstrapRecords records;
    private final BootstrapMeters meters;
    private final Scheduler clock;

    /** @param clock dates records without a timestamp (v0) */
    public TxtBootstrap(TxtLookupCache txt, BootstrapRecords records, BootstrapMeters meters, Scheduler clock) {
        this.txt = Objects.requireNonNull(txt, "txt");
        this.records = Objects.requireNonNull(records, "records");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The unsigned bootstrap peer infos published under {@code name}; never fails. */
    public Mono<List<PeerInfo>> txtBootstrap(String name) {
        int minimumVersion = BootstrapVersion.forKeys(records.bootstrapKeys()).minimumTxtVersion();
        return txt.resolveBootstrapTxtStrings(name).flatMap(strings -> {
            if (strings.isEmpty()) {
                return Mono.just(List.<PeerInfo>of());
            }
            OptionalInt version = highestVersion(strings, minimumVersion);
            if (version.isEmpty()) {
                LOG.warn("TXT bootstrap '{}': no record of version {} or later in {}", name, minimumVersion, strings);
                meters.txtFailure(BootstrapMeters.NO_USABLE_RECORD);
                return Mono.just(List.<PeerInfo>of());
            }
            Mono<List<String>> recordStrings = version.getAsInt() == BootstrapRecord.VERSION_0
                    ? resolveV0(name, strings)
                    : Mono.just(strings);
            return recordStrings
                    .flatMap(texts -> records.parse(texts, version.getAsInt()))
                    .map(parsed -> records.unsignedPeers(parsed, clock.now(TimeUnit.MICROSECONDS)))
                    .onErrorResume(BootstrapRecordException.class, e -> {
                        LOG.warn("TXT bootstrap '{}': its records are not used until they change: {}", name, e.getMessage());
                        meters.txtFailure(BootstrapMeters.MALFORMED);
                        return Mono.just(List.of());
                    });
        });
    }

    /**
     * Veilid's version heuristic: per string, the version before the first {@code |} (none: 0),
     * unparsable or unknown versions and those below the minimum skipped; the highest remains.
     */
    static OptionalInt highestVersion(List<String> strings, int minimumVersion) {
        OptionalInt highest = OptionalInt.empty();
        for (String text : strings) {
            OptionalLong version = BootstrapRecord.versionOf(text);
            if (version.isEmpty() || version.getAsLong() < minimumVersion) {
                LOG.debug("bootstrap TXT string skipped (version unknown or below {}): {}", minimumVersion, text);
                continue;
            }
            int v = (int) version.getAsLong();
            highest = OptionalInt.of(highest.isEmpty() ? v : Math.max(highest.getAsInt(), v));
        }
        return highest;
    }

    /** Veilid's {@code resolve_bootstrap_v0}: every listed name's TXT strings, united and sorted. */
    private Mono<List<String>> resolveV0(String rootName, List<String> rootStrings) {
        List<String> names = new ArrayList<>();
        for (String text : rootStrings) {
            for (String item : text.split(",", -1)) {
                String trimmed = item.trim();
                names.add(trimmed.endsWith(".") ? trimmed : trimmed + "." + rootName);
            }
        }
        return Flux.fromIterable(names)
                .flatMap(txt::resolveBootstrapTxtStrings, V0_NAME_CONCURRENCY)
                .collect(TreeSet<String>::new, TreeSet::addAll)
                .map(List::copyOf);
    }
}
