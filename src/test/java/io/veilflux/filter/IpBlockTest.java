package io.veilflux.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.net.Address;
import io.veilflux.net.AddressType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpBlockTest {

    private static IpBlock block(String address, int prefix) {
        return IpBlock.of(Address.parse(address), prefix);
    }

    @Test
    void anIpv4AddressIsItsOwnBlockWhateverThePrefix() {
        IpBlock block = block("203.0.113.7", 56);
        assertThat(block.type()).isEqualTo(AddressType.IPV4);
        assertThat(block.low()).isEqualTo(0xCB007107L);
        assertThat(block).hasToString("203.0.113.7").isEqualTo(block("203.0.113.7", 0));
        assertThat(block).isNotEqualTo(block("203.0.113.8", 56));
        // An IPv4-mapped IPv6 literal is the IPv4 host, as everywhere else in veilflux.
        assertThat(block("::ffff:203.0.113.7", 56)).isEqualTo(block);
    }

    @ParameterizedTest(name = "/{1}: {0} -> {2}")
    @CsvSource({
            "2001:db8:1:2345:6789:abcd:ef01:2345, 56, 2001:db8:1:23ff:ffff:ffff:ffff:ffff",
            "2001:db8:1:2300::,                   56, 2001:db8:1:23ff:ffff:ffff:ffff:ffff",
            "2001:db8:1:2345:6789::1,             64, 2001:db8:1:2345:ffff:ffff:ffff:ffff",
            "2001:db8:1:2345::,                   60, 2001:db8:1:234f:ffff:ffff:ffff:ffff",
            "2001:db8:1:2345::,                   57, 2001:db8:1:237f:ffff:ffff:ffff:ffff",
            "2001:db8::,                          32, 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
            "2001:db8::,                          65, 2001:db8:0:0:7fff:ffff:ffff:ffff",
            "2001:db8::1,                         128, 2001:db8:0:0:0:0:0:1",
            "2001:db8::1,                         0, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    })
    void anIpv6AddressStandsForItsPrefixWithEveryHostBitSet(String address, int prefix, String expected) {
        IpBlock block = block(address, prefix);
        assertThat(block.type()).isEqualTo(AddressType.IPV6);
        assertThat(block).hasToString(expected);
        // The block's own address is in the block.
        assertThat(block(expected, prefix)).isEqualTo(block);
    }

    @Test
    void addressesInOneSlash56ShareABlockAndTheNextSlash56DoesNot() {
        IpBlock first = block("2001:db8:1:2300::1", 56);
        assertThat(block("2001:db8:1:23ff:ffff::9", 56)).isEqualTo(first);
        assertThat(block("2001:db8:1:2400::1", 56)).isNotEqualTo(first);
        assertThat(block("2001:db8:1:22ff::1", 56)).isNotEqualTo(first);
    }

    @Test
    void aBlockThatLooksIpv4MappedStaysIpv6() {
        // With a /80, the block of ::1 has the bits of ::ffff:255.255.255.255.
        IpBlock block = block("::1", 80);
        assertThat(block.type()).isEqualTo(AddressType.IPV6);
        assertThat(block).hasToString("0:0:0:0:0:ffff:ffff:ffff");
        assertThat(block).isNotEqualTo(block("255.255.255.255", 80));
    }

    @Test
    void rejectsPrefixSizesOutsideTheAddressAndMalformedIpv4Blocks() {
        Address address = Address.parse("2001:db8::1");
        assertThatThrownBy(() -> IpBlock.of(address, 129)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("129").hasMessageContaining("0..128");
        assertThatThrownBy(() -> IpBlock.of(address, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IpBlock(AddressType.IPV4, 0, 1L << 32)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32-bit");
    }
}
