package io.veilflux.manager;

import io.veilflux.filter.AddressFilterConfig;

/**
 * What an {@link AddressCheck} is told once, at creation.
 *
 * @param detectAddressChanges the Network's resolved {@code detect_address_changes}: whether a
 *     detected change may re-detect our dial info (otherwise it is only reported)
 * @param ip6PrefixSize the IPv6 block size in bits ({@code max_connections_per_ip6_prefix_size})
 * @param requireInboundRelay {@code privacy.require_inbound_relay}: we are only reached through a
 *     relay, so how peers see our address does not matter
 */
public record AddressCheckConfig(boolean detectAddressChanges, int ip6PrefixSize, boolean requireInboundRelay) {

    public AddressCheckConfig {
        if (ip6PrefixSize < 0 || ip6PrefixSize > 128) {
            throw new IllegalArgumentException("ip6PrefixSize is " + ip6PrefixSize
                    + " but an IPv6 prefix is 0..128 bits (Veilid's default is "
                    + AddressFilterConfig.DEFAULT_MAX_CONNECTIONS_PER_IP6_PREFIX_SIZE + ")");
        }
    }

    /** With Veilid's default IPv6 block size (56 bits). */
    public static AddressCheckConfig of(boolean detectAddressChanges, boolean requireInboundRelay) {
        return new AddressCheckConfig(detectAddressChanges,
                AddressFilterConfig.DEFAULT_MAX_CONNECTIONS_PER_IP6_PREFIX_SIZE, requireInboundRelay);
    }
}
