package io.veilflux.routing;

import static io.veilflux.routing.Nodes.did;
import static io.veilflux.routing.Nodes.direct;
import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SequenceOrdering;
import io.veilflux.net.Sequencing;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Veilid's dial info detail orders and the sequencing applied to a filter. */
class DialInfoDetailSortTest {
    private final List<DialInfoDetail> details = List.of(did("tcp|1.2.3.4:5150", DialInfoClass.BLOCKED),
            direct("ws|1.2.3.4:80/ws"), direct("udp|1.2.3.4:5150"), direct("tcp|1.2.3.4:5150"),
            direct("udp|[2a01:4f8::1]:5150"), did("tcp|1.2.3.4:5150", DialInfoClass.MAPPED));

    @Test
    void theNaturalOrderIsClassThenProtocolThenAddress() {
        assertThat(details.stream().sorted(DialInfoDetailSort.NATURAL).toList()).containsExactly(
                direct("udp|[2a01:4f8::1]:5150"), direct("udp|1.2.3.4:5150"), direct("tcp|1.2.3.4:5150"),
                direct("ws|1.2.3.4:80/ws"), did("tcp|1.2.3.4:5150", DialInfoClass.MAPPED),
                did("tcp|1.2.3.4:5150", DialInfoClass.BLOCKED));
    }

    @Test
    void theOrderedSortPutsOrderedProtocolsFirstAndClassLast() {
        assertThat(details.stream().sorted(DialInfoDetailSort.ORDERED_SEQUENCING).toList()).containsExactly(
                direct("tcp|1.2.3.4:5150"), did("tcp|1.2.3.4:5150", DialInfoClass.MAPPED),
                did("tcp|1.2.3.4:5150", DialInfoClass.BLOCKED), direct("ws|1.2.3.4:80/ws"),
                direct("udp|[2a01:4f8::1]:5150"), direct("udp|1.2.3.4:5150"));
        assertThat(DialInfoDetailSort.forOrdering(SequenceOrdering.ORDERED)).contains(DialInfoDetailSort.ORDERED_SEQUENCING);
        assertThat(DialInfoDetailSort.forOrdering(SequenceOrdering.UNORDERED)).isEmpty();
    }

}
