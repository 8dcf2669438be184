package io.veilflux.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.net.SocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Veilid's listen-address forms (spec transport-bootstrap §3.4, {@code listen_address_to_socket_addrs}). */
class ListenAddressTest {

    @Test
    void emptyIsVeilidsDefaultPortOnTheUnspecifiedAddresses() {
        assertThat(ListenAddress.parse("")).isEqualTo(new ListenAddress(Optional.empty(), 5150));
        assertThat(ListenAddress.parse("  ")).isEqualTo(new ListenAddress(Optional.empty(), ListenAddress.DEFAULT_PORT));
    }

    @Test
    void aPortAloneWithOrWithoutColonMeansTheUnspecifiedAddresses() {
        assertThat(ListenAddress.parse(":5160")).isEqualTo(new ListenAddress(Optional.empty(), 5160));
        assertThat(ListenAddress.parse("5160")).isEqualTo(new ListenAddress(Optional.empty(), 5160));
        assertThat(ListenAddress.parse(":0")).isEqualTo(new ListenAddress(Optional.empty(), 0));
    }

    @Test
    void aHostWithoutPortGetsPortZero() {
        assertThat(ListenAddress.parse("127.0.0.1")).isEqualTo(new ListenAddress(Optional.of("127.0.0.1"), 0));
        assertThat(ListenAddress.parse("localhost")).isEqualTo(new ListenAddress(Optional.of("localhost"), 0));
    }

    @Test
    void hostAndPortIncludingBracketedIpv6() {
        assertThat(ListenAddress.parse("127.0.0.1:5160")).isEqualTo(new ListenAddress(Optional.of("127.0.0.1"), 5160));
        assertThat(ListenAddress.parse("[::1]:5160")).isEqualTo(new ListenAddress(Optional.of("::1"), 5160));
        assertThat(ListenAddress.parse("[::1]:5160")).hasToString("[::1]:5160");
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1:5150", "::1", ":", ":x", "host:70000", "[::1]:", ":5150:1", "[]:5150", "1.2.3.4:-1"})
    void malformedAddressesAreRefused(String text) {
        assertThatThrownBy(() -> ListenAddress.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void unspecifiedResolvesToIpv4AndIpv6WhenItWorks() {
        ListenAddress address = ListenAddress.parse(":5160");
        assertThat(address.resolve(false)).containsExactly(SocketAddress.parse("0.0.0.0:5160"));
        assertThat(address.resolve(true)).containsExactly(SocketAddress.parse("0.0.0.0:5160"), SocketAddress.parse("[::]:5160"));
    }

    @Test
    void literalsResolveToThemselves() {
        assertThat(ListenAddress.parse("127.0.0.1:5160").resolve(true)).containsExactly(SocketAddress.parse("127.0.0.1:5160"));
        assertThat(ListenAddress.parse("[::1]:5160").resolve(false)).containsExactly(SocketAddress.parse("[::1]:5160"));
    }

    @Test
    void anUnknownHostSaysSo() {
        assertThatThrownBy(() -> ListenAddress.parse("no-such-host.invalid:5160").resolve(false))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cannot resolve host 'no-such-host.invalid'");
    }
}
