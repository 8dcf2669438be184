package io.veilflux.node;

import java.util.Arrays;

/**
 * How addresses are classified into routing domains (veilflux's {@code veilflux.address_profile}).
 * Veilid has one classification; a network of nodes on one machine has only loopback addresses,
 * which Veilid never publishes, so tests and the demo network can treat loopback as public.
 */
public enum AddressProfile {
    /** Veilid's classification: loopback is neither local nor global. */
    STOCK("stock"),
    /** Loopback addresses count as PublicInternet addresses; for tests and the local demo network only. */
    LOOPBACK_AS_PUBLIC("loopback-as-public");

    private final String configName;

    AddressProfile(String configName) {
        this.configName = configName;
    }

    /** The name in a config file. */
    public String configName() {
        return configName;
    }

    /** The profile named {@code name} in a config file. */
    public static AddressProfile of(String name) {
        return Arrays.stream(values()).filter(p -> p.configName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("got '" + name + "'"));
    }

    @Override
    public String toString() {
        return configName;
    }
}
