package io.veilflux.routing;

import io.veilflux.net.Sequencing;
import java.util.Set;

/**
 * A handle to one routing table entry that sees all of it: every routing domain, every dial
 * info, no sequencing preference. Equal to another handle to the same entry.
 */
public final class NodeRef extends NodeRefCommon {

    NodeRef(RoutingTable table, BucketEntry entry) {
        super(table, entry);
    }

    @Override
    public NodeRefFilter filter() {
        return NodeRefFilter.all();
    }

    @Override
    public Sequencing sequencing() {
        return Sequencing.NO_PREFERENCE;
    }

    /** All domains, all dial info, no sequencing preference. */
    public FilteredNodeRef defaultFiltered() {
        return new FilteredNodeRef(table, entry, NodeRefFilter.all(), Sequencing.NO_PREFERENCE);
    }

    /** All domains and dial info with {@code sequencing} (0.5.3's {@code sequencing_filtered}). */
    public FilteredNodeRef sequencingFiltered(Sequencing sequencing) {
        return new FilteredNodeRef(table, entry, NodeRefFilter.all(), sequencing);
    }

    public FilteredNodeRef routingDomainFiltered(Set<RoutingDomain> domains) {
        return new FilteredNodeRef(table, entry, NodeRefFilter.all().withRoutingDomainSet(domains),
                Sequencing.NO_PREFERENCE);
    }

    public FilteredNodeRef customFiltered(NodeRefFilter filter) {
        return new FilteredNodeRef(table, entry, filter, Sequencing.NO_PREFERENCE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeRef other && sameEntry(other);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(entry);
    }
}
