package io.veilflux.net;

import java.util.Locale;

/** Veilid's protocols, in Veilid's order (which is also their bit in a protocol set). */
public enum ProtocolType {
    UDP(LowLevelProtocolType.UDP, SequenceOrdering.UNORDERED),
    TCP(LowLevelProtocolType.TCP, SequenceOrdering.ORDERED),
    WS(LowLevelProtocolType.TCP, SequenceOrdering.ORDERED),
    WSS(LowLevelProtocolType.TCP, SequenceOrdering.ORDERED);

    private final LowLevelProtocolType lowLevel;
    private final SequenceOrdering ordering;

    ProtocolType(LowLevelProtocolType lowLevel, SequenceOrdering ordering) {
        this.lowLevel = lowLevel;
        this.ordering = ordering;
    }

    public LowLevelProtocolType lowLevel() {
        return lowLevel;
    }

    public SequenceOrdering ordering() {
        return ordering;
    }

    public boolean isOrdered() {
        return ordering == SequenceOrdering.ORDERED;
    }

    /** Preference rank under {@code sequencing}; lower is preferred. */
    public int sortRank(Sequencing sequencing) {
        if (sequencing == Sequencing.NO_PREFERENCE) {
            return ordinal();
        }
        return this == UDP ? values().length - 1 : ordinal() - 1;
    }

    /** Parses {@code UDP}, {@code tcp}, ... (case-insensitive). */
    public static ProtocolType parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown protocol type '" + text + "' (expected UDP, TCP, WS or WSS)", e);
        }
    }
}
