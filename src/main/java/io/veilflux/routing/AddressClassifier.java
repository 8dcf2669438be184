package io.veilflux.routing;

import io.veilflux.net.Address;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import java.util.Collection;

/**
 * How the routing domains classify addresses: which are global (PublicInternet) and which are
 * local (candidates for LocalNetwork, which also needs them inside one of our interface
 * networks). {@link #standard()} is Veilid's classification, under which loopback is in no
 * domain; {@link #loopbackAsPublic()} is a test profile that lets nodes on 127.0.0.x behave as if
 * they were on the internet (spec routing-rpc §8.2).
 */
public interface AddressClassifier {

    /** Globally routable: the PublicInternet domain can contain it. */
    boolean isGlobal(Address address);

    /** Private, link-local, shared or IETF-assignment space: an interface with it joins LocalNetwork. */
    boolean isLocal(Address address);

    /** Whether LocalNetwork can contain {@code address}: not global and inside one of {@code networks}. */
    default boolean isInLocalNetwork(Address address, Collection<InterfaceAddress> networks) {
        return !isGlobal(address) && networks.stream().anyMatch(n -> n.contains(address));
    }

    /** Veilid's {@code DialInfo::is_valid} under this classification: a global or local address and a port. */
    default boolean isValid(DialInfo dialInfo) {
        Address address = dialInfo.socketAddress().address();
        return (isGlobal(address) || isLocal(address)) && dialInfo.socketAddress().port() > 0;
    }

    /** Veilid's classification ({@link Address#isGlobal()}, {@link Address#isLocal()}). */
    static AddressClassifier standard() {
        return Standard.INSTANCE;
    }

    /** As {@link #standard()}, except that every address in 127.0.0.0/8 counts as global. */
    static AddressClassifier loopbackAsPublic() {
        return LoopbackAsPublic.INSTANCE;
    }

    /** The stock classifier. */
    enum Standard implements AddressClassifier {
        INSTANCE;

        @Override
        public boolean isGlobal(Address address) {
            return address.isGlobal();
        }

        @Override
        public boolean isLocal(Address address) {
            return address.isLocal();
        }
    }

    /** The test profile for many nodes on one machine. */
    enum LoopbackAsPublic implements AddressClassifier {
        INSTANCE;

        @Override
        public boolean isGlobal(Address address) {
            return address.isGlobal() || (address.type() == AddressType.IPV4 && address.isLoopback());
        }

        @Override
        public boolean isLocal(Address address) {
            return address.isLocal();
        }
    }
}
