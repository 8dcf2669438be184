package io.veilflux.bootstrap;

import java.util.Locale;
import java.util.Objects;

/** A direct bootstrap answer (BOOT or B01T) that cannot be used, and why. */
public final class BootstrapResponseException extends RuntimeException {

    /** What is wrong with the answer. */
    public enum Reason {
        /** The answer is not UTF-8. */
        BAD_UTF8,
        /** The answer is not the JSON document of its version. */
        BAD_JSON,
        /** A B01T answer's records do not parse or verify under our bootstrap keys. */
        BAD_RECORDS;

        /** The meter tag value, e.g. {@code bad_json}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public BootstrapResponseException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public BootstrapResponseException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
