package io.veilflux.net;

import java.util.Locale;

/** How much a send cares about ordered delivery. */
public enum Sequencing {
    NO_PREFERENCE,
    PREFER_ORDERED,
    ENSURE_ORDERED;

    /** EnsureOrdered refuses unordered protocols; the others take anything. */
    public boolean matchesOrdering(SequenceOrdering ordering) {
        return this != ENSURE_ORDERED || ordering == SequenceOrdering.ORDERED;
    }

    /**
     * Parses Veilid's forms: a prefix of {@code nopreference} (or empty), a prefix of
     * {@code preferordered} or {@code ord}, a prefix of {@code ensureordered} or {@code *ord}.
     */
    public static Sequencing parse(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        if ("nopreference".startsWith(s)) {
            return NO_PREFERENCE;
        }
        if ("preferordered".startsWith(s) || s.equals("ord")) {
            return PREFER_ORDERED;
        }
        if ("ensureordered".startsWith(s) || s.equals("*ord")) {
            return ENSURE_ORDERED;
        }
        throw new IllegalArgumentException("unknown sequencing '" + text + "' (expected nopreference, preferordered or ensureordered)");
    }
}
