package io.veilflux.routing;

import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SequenceOrdering;
import io.veilflux.net.Sequencing;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;

/**
 * Veilid's {@code DialInfoFilter::apply_sequencing}: the ordering to sort candidates by and the
 * filter with the sequencing applied (EnsureOrdered drops the unordered protocols).
 */
public record SequencedFilter(SequenceOrdering ordering, DialInfoFilter filter) {
    public SequencedFilter {
        Objects.requireNonNull(ordering, "ordering");
        Objects.requireNonNull(filter, "filter");
    }

    public static SequencedFilter apply(DialInfoFilter filter, Sequencing sequencing) {
        return switch (sequencing) {
            case NO_PREFERENCE -> new SequencedFilter(SequenceOrdering.UNORDERED, filter);
            case PREFER_ORDERED -> new SequencedFilter(SequenceOrdering.ORDERED, filter);
            case ENSURE_ORDERED -> new SequencedFilter(SequenceOrdering.ORDERED, filter.filtered(
                    new DialInfoFilter(orderedProtocols(), EnumSet.allOf(AddressType.class))));
        };
    }

    private static EnumSet<ProtocolType> orderedProtocols() {
        EnumSet<ProtocolType> ordered = EnumSet.noneOf(ProtocolType.class);
        Arrays.stream(ProtocolType.values()).filter(ProtocolType::isOrdered).forEach(ordered::add);
        return ordered;
    }
}
