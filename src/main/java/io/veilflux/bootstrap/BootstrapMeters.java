package io.veilflux.bootstrap;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * The bootstrap's meters, all counters tagged {@code reason}: failed TXT bootstraps (a lookup that
 * gave nothing, records that could not be used) and failed direct bootstraps (no answer, an
 * answer that could not be used). Every failure is also one log line.
 */
public final class BootstrapMeters {
    public static final String TXT_FAILURES = "veilflux.bootstrap.txt.failures";
    public static final String DIRECT_FAILURES = "veilflux.bootstrap.direct.failures";
    public static final String REASON = "reason";

    /** A name's records are malformed (Veilid then drops all records of the name). */
    public static final String MALFORMED = "malformed";
    /** A name's answer has no record of a version we take. */
    public static final String NO_USABLE_RECORD = "no_usable_record";
    /** A direct bootstrap got no answer (timeout, no connection). */
    public static final String NO_ANSWER = "no_answer";
    /** A direct bootstrap URL whose host has no address. */
    public static final String UNRESOLVED_URL = "unresolved_url";
    /** A peer info in a direct bootstrap answer whose node info or signature is bad; it is left out. */
    public static final String INVALID_PEER = "invalid_peer";

    private final MeterRegistry registry;

    public BootstrapMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    void txtFailure(String reason) {
        registry.counter(TXT_FAILURES, REASON, reason).increment();
    }

    void directFailure(String reason) {
        registry.counter(DIRECT_FAILURES, REASON, reason).increment();
    }
}
