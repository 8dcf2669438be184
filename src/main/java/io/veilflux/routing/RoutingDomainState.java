package io.veilflux.routing;

import java.util.Objects;

/**
 * Where a routing domain is on its way to publishing our peer info (Veilid 0.5 has no network
 * class; this is what says whether we are reachable).
 */
public sealed interface RoutingDomainState {

    /** No address types or no outbound protocols, and dial info unconfirmed. */
    record Invalid() implements RoutingDomainState {
    }

    /** Network set up, dial info not yet confirmed. */
    record NeedsDialInfoConfirmation() implements RoutingDomainState {
    }

    /** Confirmed, but no address types or no outbound protocols. */
    record Unusable() implements RoutingDomainState {
    }

    /** Relays are needed and none are selected yet; {@code relayStatus} is a fresh working copy. */
    record NeedsRelays(RelayStatus relayStatus) implements RoutingDomainState {
        public NeedsRelays {
            Objects.requireNonNull(relayStatus, "relayStatus");
        }
    }

    /** Our peer info can be published; {@code relayStatus} is a fresh working copy. */
    record ReadyToPublish(RelayStatus relayStatus) implements RoutingDomainState {
        public ReadyToPublish {
            Objects.requireNonNull(relayStatus, "relayStatus");
        }
    }
}
