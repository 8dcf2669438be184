package io.veilflux.routing;

import java.util.EnumSet;
import java.util.Set;

/**
 * The two networks a node takes part in. The order is Veilid's: LocalNetwork is tried before
 * PublicInternet wherever a node looks for "the first domain that fits".
 */
public enum RoutingDomain {
    LOCAL_NETWORK,
    PUBLIC_INTERNET;

    public static Set<RoutingDomain> all() {
        return EnumSet.allOf(RoutingDomain.class);
    }
}
