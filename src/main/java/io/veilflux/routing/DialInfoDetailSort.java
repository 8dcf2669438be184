package io.veilflux.routing;

import io.veilflux.net.DialInfo;
import io.veilflux.net.SequenceOrdering;
import java.util.Comparator;
import java.util.Optional;

/** Veilid's orders of dial info details. */
public final class DialInfoDetailSort {
    /** The natural order (class first, then dial info): how a node's dial info list is kept sorted. */
    public static final Comparator<DialInfoDetail> NATURAL = Comparator.comparing(DialInfoDetail::dialInfoClass)
            .thenComparing(DialInfoDetail::dialInfo);

    /**
     * Veilid's {@code ordered_sequencing_sort}: ordered protocols first (TCP, WS, WSS, then UDP),
     * then by dial info, then by class.
     */
    public static final Comparator<DialInfoDetail> ORDERED_SEQUENCING = Comparator
            .comparing((DialInfoDetail d) -> d.dialInfo().protocol(), AppliedSequencing.ORDERED_PROTOCOLS)
            .thenComparing(DialInfoDetail::dialInfo, DialInfo.ORDER)
            .thenComparing(DialInfoDetail::dialInfoClass);

    private DialInfoDetailSort() {
    }

    /** Veilid's {@code get_ordering_sort}: the ordered sort when ordered, none when unordered. */
    public static Optional<Comparator<DialInfoDetail>> forOrdering(SequenceOrdering ordering) {
        return ordering == SequenceOrdering.ORDERED ? Optional.of(ORDERED_SEQUENCING) : Optional.empty();
    }
}
