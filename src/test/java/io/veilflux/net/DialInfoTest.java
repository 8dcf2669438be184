package io.veilflux.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DialInfoTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "udp|1.2.3.4:5150", "tcp|1.2.3.4:5150", "udp|[2001:db8::1]:5150", "tcp|[2001:db8::1]:1",
        "ws|1.2.3.4:5150/ws", "ws|[2001:db8::1]:5150/ws", "ws|1.2.3.4:80", "wss|1.2.3.4:443/p/q",
        "ws|1.2.3.4|node.example.com:5150/ws", "wss|2001:db8::1|node.example.com/ws",
    })
    void canonicalFormsRoundTrip(String text) {
        DialInfo dialInfo = DialInfo.parse(text);
        assertThat(dialInfo.toString()).isEqualTo(text);
        assertThat(DialInfo.parse(dialInfo.toString())).isEqualTo(dialInfo);
    }

    @Test
    void webSocketDialInfoKeepsItsRequestAndSocketAddress() {
        DialInfo.Ws ws = (DialInfo.Ws) DialInfo.parse("ws|1.2.3.4|node.example.com:5150/ws");
        assertThat(ws.socketAddress()).isEqualTo(SocketAddress.parse("1.2.3.4:5150"));
        assertThat(ws.request()).isEqualTo("node.example.com:5150/ws");
        assertThat(ws.url()).isEqualTo("ws://node.example.com:5150/ws");
        assertThat(DialInfo.parse("wss|1.2.3.4/ws").socketAddress().port()).isEqualTo(443);
    }

    @Test
    void tryWsChecksPortAndHostAgainstTheSocketAddress() {
        SocketAddress sa = SocketAddress.parse("1.2.3.4:5150");
        assertThat(DialInfo.ws(sa, "ws://1.2.3.4:5150/ws")).isInstanceOf(DialInfo.Ws.class);
        assertThatThrownBy(() -> DialInfo.ws(sa, "ws://1.2.3.4/ws")).hasMessageContaining("URL port 80");
        assertThatThrownBy(() -> DialInfo.ws(sa, "ws://5.6.7.8:5150/ws")).hasMessageContaining("URL host 5.6.7.8");
        assertThatThrownBy(() -> DialInfo.ws(sa, "wss://1.2.3.4:5150/ws")).hasMessageContaining("scheme must be ws");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "udp", "udp|", "udp|1.2.3.4", "udp|1.2.3.4:70000", "UDP|1.2.3.4:5150",
        "quic|1.2.3.4:5150", "ws|node.example.com:5150/ws", "tcp|2001:db8::1:5150", "ws|1.2.3.4:x/ws"})
    void badInputSaysWhatIsWrong(String text) {
        assertThatThrownBy(() -> DialInfo.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dial info '" + text + "'");
    }

    @Test
    void orderIsProtocolThenAddressWithIpv6First() {
        List<DialInfo> sorted = new ArrayList<>(List.of(
                DialInfo.parse("ws|1.2.3.4:5150/ws"), DialInfo.parse("tcp|1.2.3.4:5150"),
                DialInfo.parse("udp|1.2.3.4:5151"), DialInfo.parse("udp|1.2.3.4:5150"),
                DialInfo.parse("udp|[2001:db8::1]:9")));
        Collections.sort(sorted);
        assertThat(sorted).extracting(DialInfo::toString).containsExactly(
                "udp|[2001:db8::1]:9", "udp|1.2.3.4:5150", "udp|1.2.3.4:5151", "tcp|1.2.3.4:5150", "ws|1.2.3.4:5150/ws");
    }

    @Test
    void validityNeedsARoutableAddressAndAPort() {
        assertThat(DialInfo.parse("udp|8.8.8.8:5150").isValid()).isTrue();
        assertThat(DialInfo.parse("udp|192.168.1.2:5150").isValid()).isTrue();
        assertThat(DialInfo.parse("udp|8.8.8.8:0").isValid()).isFalse();
        assertThat(DialInfo.parse("udp|127.0.0.1:5150").isValid()).isFalse();
        assertThat(DialInfo.parse("tcp|1.2.3.4:1").makeFilter().matches(ProtocolType.TCP, AddressType.IPV4)).isTrue();
    }
}
