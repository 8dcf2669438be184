package io.veilflux.routing;

import java.util.Collection;
import java.util.List;

/**
 * The capabilities each routing domain publishes by default (Veilid's
 * {@code PUBLIC_INTERNET_CAPABILITIES} and {@code LOCAL_NETWORK_CAPABILITIES}, without the unstable
 * TUNL and BLOC), minus the node's {@code capabilities.disable} list.
 */
public final class RoutingDomainCapabilities {
    public static final List<FourCc> PUBLIC_INTERNET = List.of(Capability.ROUT, Capability.SGNL, Capability.RLAY,
            Capability.DIAL, Capability.DHTV, Capability.APPM);
    public static final List<FourCc> LOCAL_NETWORK = List.of(Capability.RLAY, Capability.APPM);

    private RoutingDomainCapabilities() {
    }

    /** The defaults of {@code domain}, in Veilid's order, without anything in {@code disabled}. */
    public static List<FourCc> defaults(RoutingDomain domain, Collection<FourCc> disabled) {
        List<FourCc> all = domain == RoutingDomain.PUBLIC_INTERNET ? PUBLIC_INTERNET : LOCAL_NETWORK;
        return all.stream().filter(c -> !disabled.contains(c)).toList();
    }
}
