package io.veilflux.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AddressTest {

    @Test
    void ipv4MappedIpv6IsCanonicallyIpv4() {
        Address mapped = Address.parse("::ffff:1.2.3.4");
        assertThat(mapped.type()).isEqualTo(AddressType.IPV4);
        assertThat(mapped).isEqualTo(Address.parse("1.2.3.4"));
        assertThat(mapped.toString()).isEqualTo("1.2.3.4");
    }

    @Test
    void ipv6PrintsInRfc5952Form() {
        assertThat(Address.parse("::").toString()).isEqualTo("::");
        assertThat(Address.parse("::1").toString()).isEqualTo("::1");
        assertThat(Address.parse("1::").toString()).isEqualTo("1::");
        assertThat(Address.parse("2001:db8:0:0:1:0:0:1").toString()).isEqualTo("2001:db8::1:0:0:1");
        assertThat(Address.parse("2001:db8:0:1:1:1:1:1").toString()).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(Address.parse("FE80::ABCD").toString()).isEqualTo("fe80::abcd");
    }

    @Test
    void namesAreNeverResolved() {
        assertThatThrownBy(() -> Address.parse("localhost")).hasMessageContaining("IPv4 or IPv6 literal");
        assertThatThrownBy(() -> Address.parse("1.2.3")).hasMessageContaining("invalid IP address");
        assertThatThrownBy(() -> Address.parse("256.1.1.1")).hasMessageContaining("invalid IP address");
    }

    @Test
    void classification() {
        assertThat(Address.parse("8.8.8.8").isGlobal()).isTrue();
        assertThat(Address.parse("10.1.2.3").isLocal()).isTrue();
        assertThat(Address.parse("100.64.0.1").isLocal()).isTrue();
        assertThat(Address.parse("127.0.0.1").isGlobal()).isFalse();
        assertThat(Address.parse("127.0.0.1").isLocal()).isFalse();
        assertThat(Address.parse("2606:4700::1111").isGlobal()).isTrue();
        assertThat(Address.parse("2001:db8::1").isGlobal()).isFalse();
        assertThat(Address.parse("fe80::1").isLocal()).isTrue();
        assertThat(Address.parse("fd00::1").isLocal()).isTrue();
        assertThat(Address.parse("::1").isLocal()).isFalse();
    }

    @Test
    void socketAndPeerAddressesParseAndPrint() {
        assertThat(SocketAddress.parse("[2001:db8::1]:5150").toString()).isEqualTo("[2001:db8::1]:5150");
        assertThat(SocketAddress.parse("1.2.3.4:0").port()).isZero();
        assertThatThrownBy(() -> SocketAddress.parse("2001:db8::1:5150")).hasMessageContaining("need brackets");
        PeerAddress peer = PeerAddress.parse("TCP:1.2.3.4:5150");
        assertThat(peer.protocol()).isEqualTo(ProtocolType.TCP);
        assertThat(peer.toString()).isEqualTo("TCP:1.2.3.4:5150");
        Flow flow = Flow.of(peer, SocketAddress.parse("5.6.7.8:5150"));
        assertThat(flow.toString()).isEqualTo("5.6.7.8:5150 -> TCP:1.2.3.4:5150");
        assertThat(new Flow(peer, Optional.empty()).toString()).isEqualTo("TCP:1.2.3.4:5150");
    }

    @Test
    void sequencingAndProtocolRanks() {
        assertThat(Sequencing.parse("")).isEqualTo(Sequencing.NO_PREFERENCE);
        assertThat(Sequencing.parse("pre")).isEqualTo(Sequencing.PREFER_ORDERED);
        assertThat(Sequencing.parse("ord")).isEqualTo(Sequencing.PREFER_ORDERED);
        assertThat(Sequencing.parse("*ord")).isEqualTo(Sequencing.ENSURE_ORDERED);
        assertThat(Sequencing.parse("ens")).isEqualTo(Sequencing.ENSURE_ORDERED);
        assertThatThrownBy(() -> Sequencing.parse("x")).hasMessageContaining("unknown sequencing");
        assertThat(Sequencing.ENSURE_ORDERED.matchesOrdering(SequenceOrdering.UNORDERED)).isFalse();
        assertThat(ProtocolType.UDP.sortRank(Sequencing.NO_PREFERENCE)).isZero();
        assertThat(ProtocolType.UDP.sortRank(Sequencing.PREFER_ORDERED)).isEqualTo(3);
        assertThat(ProtocolType.TCP.sortRank(Sequencing.ENSURE_ORDERED)).isZero();
        assertThat(ProtocolType.parse("wss")).isEqualTo(ProtocolType.WSS);
        assertThat(AddressType.parse("v6")).isEqualTo(AddressType.IPV6);
    }

    @Test
    void filtersIntersect() {
        DialInfoFilter tcpOnly = new DialInfoFilter(EnumSet.of(ProtocolType.TCP), EnumSet.allOf(AddressType.class));
        DialInfoFilter both = DialInfoFilter.all().filtered(tcpOnly);
        assertThat(both.matches(ProtocolType.TCP, AddressType.IPV4)).isTrue();
        assertThat(both.matches(ProtocolType.UDP, AddressType.IPV4)).isFalse();
        assertThat(both.isOrderedOnly()).isTrue();
        assertThat(tcpOnly.filtered(DialInfoFilter.of(ProtocolType.UDP, AddressType.IPV4)).isDead()).isTrue();
    }

    @Test
    void urlsSplitAsVeilidSplitsThem() {
        SplitUrl url = SplitUrl.parse("ws://user@[2001:db8::1]:5150/a%20b?x=1#f");
        assertThat(url.scheme()).isEqualTo("ws");
        assertThat(url.userinfo()).contains("user");
        assertThat(url.host()).isEqualTo("2001:db8::1");
        assertThat(url.port()).hasValue(5150);
        assertThat(url.path()).contains("a b");
        assertThat(url.hostPort(80)).isEqualTo("[2001:db8::1]:5150");
        assertThat(SplitUrl.parse("udp://host.example").port()).isEmpty();
        assertThatThrownBy(() -> SplitUrl.parse("host:5150")).hasMessageContaining("missing scheme");
        assertThatThrownBy(() -> SplitUrl.parse("ws://bad_host/")).hasMessageContaining("invalid host");
        assertThatThrownBy(() -> SplitUrl.parse("ws://h:99999/")).hasMessageContaining("invalid port");
    }
}
