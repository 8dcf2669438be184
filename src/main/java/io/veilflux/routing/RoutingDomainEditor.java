package io.veilflux.routing;

import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.ProtocolType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Queues changes to one routing domain and applies them together (Veilid's routing domain
 * editors). {@link #commit()} says whether our peer info would change; {@link #publish()} then
 * publishes it. One editor is used by one thread at a time; the domain itself is thread-safe.
 */
public final class RoutingDomainEditor {
    private final RoutingDomainDetail detail;
    private final List<Change> changes = new ArrayList<>();

    RoutingDomainEditor(RoutingDomainDetail detail) {
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /** One queued change, applied under the domain's lock. */
    sealed interface Change {
        void applyTo(RoutingDomainDetail detail);
    }

    private record SetInterfaceAddresses(List<InterfaceAddress> addresses) implements Change {
        @Override
        public void applyTo(RoutingDomainDetail detail) {
            detail.applyInterfaceAddresses(addresses);
        }
    }

    private record SetupNetwork(Set<ProtocolType> outbound, Set<ProtocolType> inbound, Set<AddressType> addressTypes,
            List<FourCc> capabilities, boolean confirmed) implements Change {
        @Override
        public void applyTo(RoutingDomainDetail detail) {
            detail.applySetupNetwork(outbound, inbound, addressTypes, capabilities, confirmed);
        }
    }

    private record ClearDialInfoDetails(Optional<AddressType> addressType, Optional<ProtocolType> protocol)
            implements Change {
        @Override
        public void applyTo(RoutingDomainDetail detail) {
            detail.applyClearDialInfoDetails(addressType, protocol);
        }
    }

    private record AddDialInfo(DialInfoDetail dialInfoDetail) implements Change {
        @Override
        public void applyTo(RoutingDomainDetail detail) {
            detail.applyAddDialInfo(dialInfoDetail);
        }
    }

    private record SetRelays(List<RoutingDomainRelay> relays) implements Change {
        @Override
        public void applyTo(RoutingDomainDetail detail) {
            detail.applySetRelays(relays);
        }
    }

    private record SetRelayState(RoutingDomainRelay relay, RoutingDomainRelayState state) implements Change {
        @Override
        public void applyTo(RoutingDomainDetail detail) {
            detail.applySetRelayState(relay, state);
        }
    }

    /** Our interface addresses; only those of this domain's kind (global or local) are kept. */
    public RoutingDomainEditor setInterfaceAddresses(List<InterfaceAddress> addresses) {
        changes.add(new SetInterfaceAddresses(List.copyOf(addresses)));
        return this;
    }

    /** The protocols, address types and capabilities we run with, and whether our dial info is confirmed. */
    public RoutingDomainEditor setupNetwork(Set<ProtocolType> outboundProtocols, Set<ProtocolType> inboundProtocols,
            Set<AddressType> addressTypes, List<FourCc> capabilities, boolean confirmed) {
        changes.add(new SetupNetwork(Set.copyOf(outboundProtocols), Set.copyOf(inboundProtocols),
                Set.copyOf(addressTypes), List.copyOf(capabilities), confirmed));
        return this;
    }

    /** Removes our dial info of that address type and protocol (each, when absent: any). */
    public RoutingDomainEditor clearDialInfoDetails(Optional<AddressType> addressType, Optional<ProtocolType> protocol) {
        changes.add(new ClearDialInfoDetails(addressType, protocol));
        return this;
    }

    /** Adds a dial info of ours; ignored at commit when it is not valid in this domain. */
    public RoutingDomainEditor addDialInfo(DialInfo dialInfo, DialInfoClass dialInfoClass) {
        changes.add(new AddDialInfo(new DialInfoDetail(dialInfo, dialInfoClass)));
        return this;
    }

    /** Replaces our relays; relays already present keep their state, new ones start now. */
    public RoutingDomainEditor setRelays(List<RoutingDomainRelay> relays) {
        changes.add(new SetRelays(List.copyOf(relays)));
        return this;
    }

    /** Updates the state of one of our relays (ignored if it is no longer one). */
    public RoutingDomainEditor setRelayState(RoutingDomainRelay relay, RoutingDomainRelayState state) {
        changes.add(new SetRelayState(Objects.requireNonNull(relay, "relay"), Objects.requireNonNull(state, "state")));
        return this;
    }

    /**
     * Applies the queued changes at once and forgets them. On change, resetting the entries'
     * "updated since last network change" flags is the routing table's part (commit through
     * {@link RoutingTable#commit}), updating connection protections the network manager's.
     *
     * @return whether our peer info would change: dial info added or removed, relays changed,
     *         protocols, address types, capabilities or confirmation changed
     */
    public boolean commit() {
        if (changes.isEmpty()) {
            return false;
        }
        List<Change> batch = List.copyOf(changes);
        changes.clear();
        return detail.commit(batch);
    }

    /** Publishes the current peer info if the domain is ready and it is not equivalent to the published one. */
    public boolean publish() {
        return detail.publishPeerInfo();
    }

    public void unpublish() {
        detail.unpublishPeerInfo();
    }

    /** Drops all dial info and relays (with any changes still queued), commits, and unpublishes. */
    public void shutdown() {
        clearDialInfoDetails(Optional.empty(), Optional.empty()).setRelays(List.of()).commit();
        detail.unpublishPeerInfo();
    }
}
