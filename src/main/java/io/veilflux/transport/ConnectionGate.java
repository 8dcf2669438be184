package io.veilflux.transport;

import io.veilflux.net.Address;
import io.veilflux.net.DialInfo;
import java.util.Optional;

/**
 * What the transports ask of the address filter, which sits above them: is an address punished,
 * may it open one more connection (count and rate limits); and what they tell it: broken
 * framing, which Veilid punishes, and dial infos that could not be reached. The manager wires the real filter in; {@link #OPEN} lets everything by.
 */
public interface ConnectionGate {

    ConnectionGate OPEN = new ConnectionGate() {
        @Override
        public boolean isPunished(Address ip) {
            return false;
        }

        @Override
        public Optional<String> admit(Address ip) {
            return Optional.empty();
        }

        @Override
        public void release(Address ip) {
        }

        @Override
        public void reportInvalidFraming(Address ip) {
        }

        @Override
        public void reportDialInfoFailure(DialInfo dialInfo) {
        }
    };

    boolean isPunished(Address ip);

    /** Takes a connection slot for {@code ip}: empty when admitted, else why not. */
    Optional<String> admit(Address ip);

    /**
     * Whether a connection {@code ip} opened to us may stay, before any slot is taken: a NAT in front
     * of the node would never have let it in. Empty when it may, else why not.
     */
    default Optional<String> acceptInbound(Address ip) {
        return Optional.empty();
    }

    /** Gives back a slot taken by {@link #admit}. */
    void release(Address ip);

    /** A peer broke the framing of its protocol (Veilid punishes the IP: {@code InvalidFraming}). */
    void reportInvalidFraming(Address ip);

    /** A send to a dial info found no connection or timed out (Veilid remembers it for 10 minutes). */
    void reportDialInfoFailure(DialInfo dialInfo);
}
