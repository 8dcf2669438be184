package io.veilflux.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.net.Address;
import io.veilflux.net.DialInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stock classification, the loopback-as-public test profile, and interface networks. */
class AddressClassifierTest {
    private final AddressClassifier standard = AddressClassifier.standard();
    private final AddressClassifier loopback = AddressClassifier.loopbackAsPublic();

    @Test
    void standardClassifiesAsVeilid() {
        assertThat(standard.isGlobal(Address.parse("1.2.3.4"))).isTrue();
        assertThat(standard.isGlobal(Address.parse("192.168.1.5"))).isFalse();
        assertThat(standard.isLocal(Address.parse("192.168.1.5"))).isTrue();
        assertThat(standard.isGlobal(Address.parse("127.0.0.2"))).isFalse();
        assertThat(standard.isLocal(Address.parse("127.0.0.2"))).isFalse();
        assertThat(standard.isGlobal(Address.parse("2a01:4f8::1"))).isTrue();
        assertThat(standard.isLocal(Address.parse("fd00::1"))).isTrue();
    }

    @Test
    void theTestProfileTreatsAll127AddressesAsGlobalAndNothingElseDifferently() {
        assertThat(loopback.isGlobal(Address.parse("127.0.0.1"))).isTrue();
        assertThat(loopback.isGlobal(Address.parse("127.0.0.51"))).isTrue();
        assertThat(loopback.isGlobal(Address.parse("127.255.255.254"))).isTrue();
        assertThat(loopback.isGlobal(Address.parse("::1"))).isFalse();
        assertThat(loopback.isGlobal(Address.parse("192.168.1.5"))).isFalse();
        assertThat(loopback.isLocal(Address.parse("127.0.0.2"))).isFalse();
        assertThat(loopback.isLocal(Address.parse("10.0.0.1"))).isTrue();
        assertThat(loopback.isGlobal(Address.parse("1.2.3.4"))).isTrue();
    }

    @Test
    void dialInfoValidityFollowsTheClassifierAndNeedsAPort() {
        DialInfo onLoopback = DialInfo.parse("udp|127.0.0.2:5150");
        assertThat(standard.isValid(onLoopback)).isFalse();
        assertThat(loopback.isValid(onLoopback)).isTrue();
        assertThat(standard.isValid(DialInfo.parse("tcp|1.2.3.4:5150"))).isTrue();
        assertThat(standard.isValid(DialInfo.parse("tcp|1.2.3.4:0"))).isFalse();
        assertThat(standard.isValid(DialInfo.parse("udp|10.1.2.3:5150"))).isTrue();
        assertThat(standard.isValid(DialInfo.parse("udp|224.0.0.1:5150"))).isFalse();
    }

    @Test
    void localNetworkNeedsANonGlobalAddressInsideAnInterfaceNetwork() {
        List<InterfaceAddress> networks = List.of(InterfaceAddress.parse("192.168.1.20/24"));
        assertThat(standard.isInLocalNetwork(Address.parse("192.168.1.77"), networks)).isTrue();
        assertThat(standard.isInLocalNetwork(Address.parse("192.168.2.77"), networks)).isFalse();
        assertThat(standard.isInLocalNetwork(Address.parse("192.168.1.77"), List.of())).isFalse();
        List<InterfaceAddress> everything = List.of(InterfaceAddress.parse("0.0.0.0/0"));
        assertThat(standard.isInLocalNetwork(Address.parse("1.2.3.4"), everything)).isFalse();
        assertThat(loopback.isInLocalNetwork(Address.parse("127.0.0.3"), everything)).isFalse();
        assertThat(standard.isInLocalNetwork(Address.parse("127.0.0.3"), everything)).isTrue();
    }

    @Test
    void interfaceNetworksMatchPrefixBitsOfTheSameFamily() {
        InterfaceAddress v4 = InterfaceAddress.parse("172.16.5.1/12");
        assertThat(v4.contains(Address.parse("172.31.255.255"))).isTrue();
        assertThat(v4.contains(Address.parse("172.32.0.0"))).isFalse();
        assertThat(v4.contains(Address.parse("::ffff:172.20.0.1"))).isTrue();
        InterfaceAddress v6 = InterfaceAddress.parse("fd00:1:2:3::5/64");
        assertThat(v6.contains(Address.parse("fd00:1:2:3:ffff::1"))).isTrue();
        assertThat(v6.contains(Address.parse("fd00:1:2:4::1"))).isFalse();
        assertThat(v6.contains(Address.parse("172.16.5.1"))).isFalse();
        assertThat(InterfaceAddress.parse("10.0.0.1/32").contains(Address.parse("10.0.0.2"))).isFalse();
        assertThat(InterfaceAddress.parse("10.0.0.1/32").contains(Address.parse("10.0.0.1"))).isTrue();
    }

    @Test
    void malformedInterfaceAddressesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> InterfaceAddress.parse("10.0.0.1")).hasMessageContaining("expected ip/prefix");
        assertThatThrownBy(() -> InterfaceAddress.parse("10.0.0.1/33")).hasMessageContaining("outside 0..32");
        assertThatThrownBy(() -> InterfaceAddress.parse("fd00::1/x")).hasMessageContaining("invalid prefix length");
    }
}
