package io.veilflux.manager;

import java.util.Objects;

/**
 * What {@link AddressCheck#reportSocketAddressChange} made of one report, for the caller's logs
 * and for tests; the check has already acted on a detection by the time it returns.
 */
public sealed interface AddressCheckOutcome {

    /** Nothing changed. */
    record Ignored(IgnoreReason reason) implements AddressCheckOutcome {
        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The report matches an address we publish: the inconsistency count starts over at 0. */
    record Consistent() implements AddressCheckOutcome {
    }

    /**
     * The report was counted but is not yet enough to act on.
     *
     * @param count inbound-capable: reports, in a row, of a move away from our published address;
     *     outbound-only: reporter blocks that agree on the reported address
     */
    record Counted(int count) implements AddressCheckOutcome {
    }

    /** Our address looks changed; {@code action} says what was done about it. */
    record Detected(DetectionAction action) implements AddressCheckOutcome {
        public Detected {
            Objects.requireNonNull(action, "action");
        }
    }

    /**
     * Why a report was ignored. The first six are checked in this order, before any state is
     * touched (spec §8.7, conditions 1–6); the last two come after, on the two detection paths.
     */
    enum IgnoreReason {
        /** Only PublicInternet addresses are checked. */
        NOT_PUBLIC_INTERNET,
        /** We publish no peer info in the routing domain. */
        NO_PUBLISHED_PEER_INFO,
        /**
         * The flow does not start from our listening port (no listener for its protocol and address
         * type, no local address, or another port): a router maps such flows differently.
         */
        NOT_FROM_LISTENER_PORT,
        /** The reporter has no node info in the domain or no dial info (symmetric NAT or relay-only). */
        REPORTER_WITHOUT_DIAL_INFO,
        /** The reported address is in the reporter's own IP block: it came through a relay or a neighbour. */
        REPORTER_IN_REPORTED_BLOCK,
        /** We are only reached through a relay, so our address does not matter. */
        INBOUND_RELAY_REQUIRED,
        /** Outbound-only and {@code detect_address_changes} is off: nothing could use the result. */
        DETECTION_DISABLED,
        /** Inbound-capable, and neither the reported nor the previously reported address is ours. */
        NOT_FROM_PUBLISHED_ADDRESS
    }

    /** What a detection does. */
    enum DetectionAction {
        /** {@code trigger_update_dial_info}: re-detect our dial info and network class. */
        UPDATE_DIAL_INFO,
        /** Dial info is static here: only a warning that restarting may be required. */
        RESTART_MAY_BE_REQUIRED
    }
}
