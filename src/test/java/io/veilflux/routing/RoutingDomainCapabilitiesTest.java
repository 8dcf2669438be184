package io.veilflux.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Default capabilities per domain, as Veilid's network state sets them up. */
class RoutingDomainCapabilitiesTest {

    @Test
    void defaultsAreVeilidsStableSets() {
        assertThat(RoutingDomainCapabilities.defaults(RoutingDomain.PUBLIC_INTERNET, List.of()))
                .containsExactly(Capability.ROUT, Capability.SGNL, Capability.RLAY, Capability.DIAL, Capability.DHTV,
                        Capability.APPM);
        assertThat(RoutingDomainCapabilities.defaults(RoutingDomain.LOCAL_NETWORK, List.of()))
                .containsExactly(Capability.RLAY, Capability.APPM);
    }

    @Test
    void disabledCapabilitiesAreLeftOut() {
        assertThat(RoutingDomainCapabilities.defaults(RoutingDomain.PUBLIC_INTERNET, List.of(Capability.RLAY, Capability.DHTV,
                Capability.TUNL))).containsExactly(Capability.ROUT, Capability.SGNL, Capability.DIAL, Capability.APPM);
        assertThat(RoutingDomainCapabilities.defaults(RoutingDomain.LOCAL_NETWORK, List.of(Capability.RLAY)))
                .containsExactly(Capability.APPM);
    }
}
