package io.veilflux.routing;

import io.veilflux.net.Address;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.Sequencing;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What differs between the two routing domains; everything else is shared by {@link RoutingDomainDetail}. */
enum RoutingDomainPolicy {
    LOCAL_NETWORK(EnumSet.of(RoutingDomain.LOCAL_NETWORK)) {
        @Override
        boolean keepsInterface(AddressClassifier classifier, InterfaceAddress address) {
            return classifier.isLocal(address.address());
        }

        @Override
        boolean canContainAddress(AddressClassifier classifier, Address address, List<InterfaceAddress> interfaces) {
            return classifier.isInLocalNetwork(address, interfaces);
        }

        @Override
        ContactMethod contactMethod(PeerInfo peerA, PeerInfo peerB, DialInfoFilter filter, Sequencing sequencing,
                Optional<Comparator<DialInfoDetail>> contextSort, int ip6PrefixSize) {
            return ContactMethods.localNetwork(peerA, peerB, filter, sequencing, contextSort);
        }
    },
    PUBLIC_INTERNET(EnumSet.of(RoutingDomain.LOCAL_NETWORK, RoutingDomain.PUBLIC_INTERNET)) {
        @Override
        boolean keepsInterface(AddressClassifier classifier, InterfaceAddress address) {
            return classifier.isGlobal(address.address());
        }

        @Override
        boolean canContainAddress(AddressClassifier classifier, Address address, List<InterfaceAddress> interfaces) {
            return classifier.isGlobal(address);
        }

        @Override
        ContactMethod contactMethod(PeerInfo peerA, PeerInfo peerB, DialInfoFilter filter, Sequencing sequencing,
                Optional<Comparator<DialInfoDetail>> contextSort, int ip6PrefixSize) {
            return ContactMethods.publicInternet(peerA, peerB, filter, sequencing, contextSort, ip6PrefixSize);
        }
    };

    private final Set<RoutingDomain> originDomains;

    RoutingDomainPolicy(Set<RoutingDomain> originDomains) {
        this.originDomains = Set.copyOf(originDomains);
    }

    static RoutingDomainPolicy of(RoutingDomain domain) {
        return domain == RoutingDomain.PUBLIC_INTERNET ? PUBLIC_INTERNET : LOCAL_NETWORK;
    }

    /** The domains a peer info may arrive on to be accepted into this domain. */
    Set<RoutingDomain> originDomains() {
        return originDomains;
    }

    /** Which interface addresses belong to this domain (the domains must not overlap). */
    abstract boolean keepsInterface(AddressClassifier classifier, InterfaceAddress address);

    abstract boolean canContainAddress(AddressClassifier classifier, Address address, List<InterfaceAddress> interfaces);

    abstract ContactMethod contactMethod(PeerInfo peerA, PeerInfo peerB, DialInfoFilter filter, Sequencing sequencing,
            Optional<Comparator<DialInfoDetail>> contextSort, int ip6PrefixSize);
}
