package io.veilflux.bootstrap;

import java.util.Locale;
import java.util.Objects;

/** A DNS lookup that gave no answer to use, and why (the reason tags the failure meter). */
public final class TxtLookupException extends RuntimeException {

    /** Why a lookup failed. */
    public enum Reason {
        /** No answer within the resolver's timeout. */
        TIMEOUT,
        /** The name does not exist. */
        NXDOMAIN,
        /** The name exists but has no record of the asked type. */
        NO_DATA,
        /** The server could not answer. */
        SERVFAIL,
        /** The server would not answer. */
        REFUSED,
        /** The name has TXT records, but none of them is UTF-8 text. */
        NOT_UTF8,
        /** Anything else: a malformed name, an I/O error, an unexpected response code. */
        DNS_ERROR;

        /** The meter tag value, e.g. {@code nxdomain}. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    public TxtLookupException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
