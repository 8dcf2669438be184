package io.veilflux.net;

/** How reachable a dial info is, in Veilid's order of preference. */
public enum DialInfoClass {
    DIRECT,
    MAPPED,
    FULL_CONE_NAT,
    BLOCKED,
    ADDRESS_RESTRICTED_NAT,
    PORT_RESTRICTED_NAT;

    /** Whether reaching it needs a signal (reverse connect or hole punch). */
    public boolean requiresSignal() {
        return this == BLOCKED || this == ADDRESS_RESTRICTED_NAT || this == PORT_RESTRICTED_NAT;
    }

    public boolean wantsNatKeepalive() {
        return this == FULL_CONE_NAT;
    }
}
