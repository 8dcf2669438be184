package io.veilflux.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SequenceOrdering;
import io.veilflux.net.Sequencing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Veilid's apply_sequencing and the two protocol orders. */
class AppliedSequencingTest {

    @Test
    void noPreferenceIsUnorderedAndKeepsTheFilter() {
        DialInfoFilter filter = DialInfoFilter.of(ProtocolType.UDP, AddressType.IPV4);
        assertThat(AppliedSequencing.apply(filter, Sequencing.NO_PREFERENCE))
                .isEqualTo(new AppliedSequencing(SequenceOrdering.UNORDERED, filter));
    }

    @Test
    void preferOrderedIsOrderedAndKeepsTheFilter() {
        assertThat(AppliedSequencing.apply(DialInfoFilter.all(), Sequencing.PREFER_ORDERED))
                .isEqualTo(new AppliedSequencing(SequenceOrdering.ORDERED, DialInfoFilter.all()));
    }

    @Test
    void ensureOrderedDropsUdp() {
        AppliedSequencing applied = AppliedSequencing.apply(DialInfoFilter.all(), Sequencing.ENSURE_ORDERED);
        assertThat(applied.isOrdered()).isTrue();
        assertThat(applied.dialInfoFilter().protocols())
                .containsExactlyInAnyOrder(ProtocolType.TCP, ProtocolType.WS, ProtocolType.WSS);
        assertThat(applied.dialInfoFilter().addressTypes()).containsExactlyInAnyOrder(AddressType.values());
        assertThat(AppliedSequencing.apply(DialInfoFilter.of(ProtocolType.UDP, AddressType.IPV4), Sequencing.ENSURE_ORDERED)
                .dialInfoFilter().isDead()).isTrue();
    }

    @Test
    void orderedModePrefersTcpWsWssThenUdpAndNoPreferenceUdpFirst() {
        List<ProtocolType> ordered = new ArrayList<>(EnumSet.allOf(ProtocolType.class));
        ordered.sort(AppliedSequencing.ORDERED_PROTOCOLS);
        assertThat(ordered).containsExactly(ProtocolType.TCP, ProtocolType.WS, ProtocolType.WSS, ProtocolType.UDP);
        List<ProtocolType> unordered = new ArrayList<>(Arrays.asList(ProtocolType.WSS, ProtocolType.TCP, ProtocolType.UDP,
                ProtocolType.WS));
        unordered.sort(Comparator.comparingInt(p -> p.sortRank(Sequencing.NO_PREFERENCE)));
        assertThat(unordered).containsExactly(ProtocolType.UDP, ProtocolType.TCP, ProtocolType.WS, ProtocolType.WSS);
    }

    @Test
    void orderedDialInfoDetailsSortByProtocolThenAddressThenClass() {
        DialInfoDetail udp = TestPeers.direct("udp|1.2.3.4:5150");
        DialInfoDetail tcpHigh = TestPeers.direct("tcp|1.2.3.5:5150");
        DialInfoDetail tcpLow = TestPeers.direct("tcp|1.2.3.4:5150");
        DialInfoDetail tcpLowMapped = new DialInfoDetail(tcpLow.dialInfo(), DialInfoClass.MAPPED);
        DialInfoDetail ws = TestPeers.direct("ws|1.2.3.4:80/ws");
        List<DialInfoDetail> list = new ArrayList<>(List.of(udp, ws, tcpLowMapped, tcpHigh, tcpLow));
        list.sort(DialInfoDetailSort.ORDERED_SEQUENCING);
        assertThat(list).containsExactly(tcpLow, tcpLowMapped, tcpHigh, ws, udp);
    }
}
