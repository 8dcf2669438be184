package io.veilflux.routing;

import io.veilflux.net.Sequencing;
import java.util.Objects;
import java.util.Set;

/**
 * A handle to one routing table entry seen through a {@link NodeRefFilter} (which domains, which
 * protocols and address types) with a {@link Sequencing}. Immutable: the {@code with...} methods
 * return new handles. Equal to a handle to the same entry with the same filter and sequencing.
 */
public final class FilteredNodeRef extends NodeRefCommon {
    private final NodeRefFilter filter;
    private final Sequencing sequencing;

    FilteredNodeRef(RoutingTable table, BucketEntry entry, NodeRefFilter filter, Sequencing sequencing) {
        super(table, entry);
        this.filter = Objects.requireNonNull(filter, "filter");
        this.sequencing = Objects.requireNonNull(sequencing, "sequencing");
    }

    @Override
    public NodeRefFilter filter() {
        return filter;
    }

    @Override
    public Sequencing sequencing() {
        return sequencing;
    }

    /** The same entry without filter or sequencing. */
    public NodeRef unfiltered() {
        return new NodeRef(table, entry);
    }

    /** The same entry and sequencing with {@code newFilter} instead. */
    public FilteredNodeRef withFilter(NodeRefFilter newFilter) {
        return new FilteredNodeRef(table, entry, newFilter, sequencing);
    }

    /** Veilid's {@code merge_filter_clone}: the intersection of both filters. */
    public FilteredNodeRef mergedFilter(NodeRefFilter other) {
        return withFilter(filter.filtered(other));
    }

    public FilteredNodeRef withSequencing(Sequencing newSequencing) {
        return new FilteredNodeRef(table, entry, filter, newSequencing);
    }

    /** The filter with its domains replaced by {@code rd} alone. */
    public FilteredNodeRef withRoutingDomain(RoutingDomain rd) {
        return withFilter(filter.withRoutingDomain(rd));
    }

    /** The filter with its domains replaced by {@code domains}. */
    public FilteredNodeRef withRoutingDomainSet(Set<RoutingDomain> domains) {
        return withFilter(filter.withRoutingDomainSet(domains));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FilteredNodeRef other && equivalent(other);
    }

    @Override
    public int hashCode() {
        return Objects.hash(System.identityHashCode(entry), filter, sequencing);
    }
}
