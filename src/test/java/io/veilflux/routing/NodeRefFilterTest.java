package io.veilflux.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.Flow;
import io.veilflux.net.ProtocolType;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeRefFilterTest {

    @Test
    void aFlowsFilterIsItsDomainMergedWithItsProtocolAndAddressType() {
        for (RoutingDomain rd : RoutingDomain.values()) {
            for (ProtocolType protocol : ProtocolType.values()) {
                for (String remote : new String[] {"1.2.3.4:5150", "[2001:db8::1]:5150"}) {
                    Flow flow = TestPeers.flow(protocol, remote);
                    NodeRefFilter merged = NodeRefFilter.all().withRoutingDomain(rd)
                            .filtered(NodeRefFilter.all().withProtocolType(protocol).withAddressType(flow.addressType()));
                    assertThat(NodeRefFilter.of(rd, flow)).isEqualTo(merged);
                }
            }
        }
    }

    @Test
    void narrowingKeepsOnlyWhatBothAllow() {
        NodeRefFilter udp4 = NodeRefFilter.all().withProtocolType(ProtocolType.UDP).withAddressType(AddressType.IPV4);
        assertThat(udp4.dialInfoFilter()).isEqualTo(DialInfoFilter.of(ProtocolType.UDP, AddressType.IPV4));
        assertThat(udp4.routingDomains()).isEqualTo(RoutingDomain.all());
        assertThat(udp4.withProtocolType(ProtocolType.TCP).isDead()).isTrue();
        assertThat(udp4.withRoutingDomainSet(Set.of()).isDead()).isTrue();
    }

    @Test
    void theSharedFiltersCannotBeChangedThroughTheirSets() {
        assertThatThrownBy(() -> NodeRefFilter.all().routingDomains().clear()).isInstanceOf(UnsupportedOperationException.class);
        Flow flow = TestPeers.flow(ProtocolType.UDP, "1.2.3.4:5150");
        assertThatThrownBy(() -> NodeRefFilter.of(RoutingDomain.PUBLIC_INTERNET, flow).routingDomains().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new NodeRefFilter(RoutingDomain.all(), null)).isInstanceOf(NullPointerException.class);
    }
}
