package io.veilflux.routing;

import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SequenceOrdering;
import io.veilflux.net.Sequencing;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Objects;

/**
 * Veilid's {@code apply_sequencing}: the ordering a sequencing asks for and the dial info filter
 * it leaves. NoPreference is unordered and keeps the filter; PreferOrdered is ordered and keeps
 * it; EnsureOrdered is ordered and drops the unordered protocols (UDP) from it. Under the ordered
 * ordering, protocols are preferred TCP, WS, WSS, then UDP.
 */
public record AppliedSequencing(SequenceOrdering ordering, DialInfoFilter dialInfoFilter) {
    /** Ordered preference of protocols: TCP, WS, WSS, UDP. */
    public static final Comparator<ProtocolType> ORDERED_PROTOCOLS =
            Comparator.comparingInt(p -> p.sortRank(Sequencing.ENSURE_ORDERED));


    private static final DialInfoFilter ORDERED_ONLY = new DialInfoFilter(
            EnumSet.of(ProtocolType.TCP, ProtocolType.WS, ProtocolType.WSS), EnumSet.allOf(AddressType.class));

    public AppliedSequencing {
        Objects.requireNonNull(ordering, "ordering");
        Objects.requireNonNull(dialInfoFilter, "dialInfoFilter");
    }

    public static AppliedSequencing apply(DialInfoFilter filter, Sequencing sequencing) {
        return switch (sequencing) {
            case NO_PREFERENCE -> new AppliedSequencing(SequenceOrdering.UNORDERED, filter);
            case PREFER_ORDERED -> new AppliedSequencing(SequenceOrdering.ORDERED, filter);
            case ENSURE_ORDERED -> new AppliedSequencing(SequenceOrdering.ORDERED, filter.filtered(ORDERED_ONLY));
        };
    }

    public boolean isOrdered() {
        return ordering == SequenceOrdering.ORDERED;
    }
}
