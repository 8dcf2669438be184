package io.veilflux.node;

import java.util.Arrays;

/**
 * Whether a node acts as if behind a NAT (veilflux's {@code veilflux.nat}). Veilid learns its NAT
 * from the network; nodes sharing one machine have none, so the demo network and tests simulate
 * one to make others reach a node by reverse connection, hole punch or relay.
 */
public enum NatProfile {
    /** No NAT: our dial info is published as {@code Direct} and anyone may reach us. */
    NONE("none"),
    /**
     * A port-restricted NAT: our dial info is published with class {@code PortRestrictedNAT}, and
     * packets and connections from addresses we have not sent to first are refused.
     */
    PORT_RESTRICTED("port-restricted");

    private final String configName;

    NatProfile(String configName) {
        this.configName = configName;
    }

    /** The name in a config file. */
    public String configName() {
        return configName;
    }

    /** The profile named {@code name} in a config file. */
    public static NatProfile of(String name) {
        return Arrays.stream(values()).filter(p -> p.configName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("got '" + name + "'"));
    }

    @Override
    public String toString() {
        return configName;
    }
}
