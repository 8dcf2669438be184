package io.veilflux.routing;

import io.veilflux.filter.IpBlock;
import io.veilflux.net.Sequencing;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Something that publishes dial info details, a node ({@link NodeInfo}) or one of its relays
 * ({@link RelayInfo}): the questions Veilid asks of both.
 */
public interface HasDialInfoDetailList {

    List<DialInfoDetail> dialInfoDetailList();

    /** Whether a dial info of a protocol whose ordering {@code sequencing} accepts exists here. */
    default boolean hasSequencingMatchedDialInfo(Sequencing sequencing) {
        return dialInfoDetailList().stream()
                .anyMatch(d -> sequencing.matchesOrdering(d.dialInfo().protocol().ordering()));
    }

    /** The details passing {@code filter}, sorted by {@code sort} when one is given (else in list order). */
    default List<DialInfoDetail> filteredDialInfoDetails(Optional<Comparator<DialInfoDetail>> sort,
            Predicate<DialInfoDetail> filter) {
        List<DialInfoDetail> details = dialInfoDetailList();
        if (sort.isPresent()) {
            details = details.stream().sorted(sort.get()).toList();
        }
        return details.stream().filter(filter).toList();
    }

    default boolean hasDialInfo() {
        return !dialInfoDetailList().isEmpty();
    }

    /** Whether every dial info can be reached without a signal. */
    default boolean isFullyDirectInbound() {
        return dialInfoDetailList().stream().noneMatch(d -> d.dialInfoClass().requiresSignal());
    }

    /**
     * Whether some dial info here and some dial info of {@code other} share an IP block: one
     * IPv4 address, or one IPv6 prefix of {@code ip6PrefixSize} bits (Veilid's hairpin-NAT test).
     */
    default boolean isOnSameIpBlock(HasDialInfoDetailList other, int ip6PrefixSize) {
        Set<IpBlock> ours = new HashSet<>();
        for (DialInfoDetail detail : dialInfoDetailList()) {
            ours.add(IpBlock.of(detail.dialInfo().socketAddress().address(), ip6PrefixSize));
        }
        return other.dialInfoDetailList().stream()
                .anyMatch(d -> ours.contains(IpBlock.of(d.dialInfo().socketAddress().address(), ip6PrefixSize)));
    }
}
