package io.veilflux.routing;

import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.net.Address;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.Flow;
import io.veilflux.net.Sequencing;
import io.veilflux.net.SocketAddress;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import reactor.core.scheduler.Scheduler;

/**
 * Our node's two routing domains and the questions that span them: which domain an address, a
 * flow or a received node info belongs to (spec routing-rpc §3.1, §3.3), and the contact method
 * in a domain (§3.5). The routing table owns one; it knows nothing of node entries.
 */
public final class RoutingDomains implements RoutingDomainResolver {
    private static final RoutingDomain[] DOMAINS = RoutingDomain.values();
    /** Veilid's default {@code network.max_connections_per_ip6_prefix_size}. */
    public static final int DEFAULT_IP6_PREFIX_SIZE = 56;

    private final AddressClassifier classifier;
    private final int ip6PrefixSize;
    private final Map<RoutingDomain, RoutingDomainDetail> details = new EnumMap<>(RoutingDomain.class);

    /**
     * @param classifier which addresses are global and local ({@link AddressClassifier#standard()} in production)
     * @param publicKeys our public keys, best kind first, published as our crypto info
     * @param signer signs our node info with every key pair (production: {@code rpc.codec.PeerInfoSigner})
     * @param clock the clock for node info timestamps and relay states (virtual in tests)
     * @param listener receives every change of a published peer info, in order, outside any lock
     * @param ip6PrefixSize IPv6 prefix bits of an IP block ({@link #DEFAULT_IP6_PREFIX_SIZE})
     */
    public RoutingDomains(AddressClassifier classifier, List<PublicKey> publicKeys, Function<NodeInfo, PeerInfo> signer,
            Scheduler clock, Consumer<PeerInfoChangeEvent> listener, int ip6PrefixSize) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        if (publicKeys.isEmpty() || publicKeys.size() > PeerInfoValidation.MAX_CRYPTO_KINDS) {
            throw new IllegalArgumentException("a node publishes 1 to " + PeerInfoValidation.MAX_CRYPTO_KINDS
                    + " public keys, not " + publicKeys.size());
        }
        if (ip6PrefixSize < 0 || ip6PrefixSize > 128) {
            throw new IllegalArgumentException("IPv6 prefix size " + ip6PrefixSize + " is outside 0..128");
        }
        this.ip6PrefixSize = ip6PrefixSize;
        NonDecreasingClock nodeInfoClock = new NonDecreasingClock(clock);
        PeerInfoChangeEvents events = new PeerInfoChangeEvents(listener);
        for (RoutingDomain domain : RoutingDomain.values()) {
            details.put(domain, new RoutingDomainDetail(domain, classifier, publicKeys, signer, clock, nodeInfoClock,
                    events, ip6PrefixSize));
        }
    }

    public AddressClassifier classifier() {
        return classifier;
    }

    /** IPv6 prefix bits of an IP block ({@code network.max_connections_per_ip6_prefix_size}). */
    public int ip6PrefixSize() {
        return ip6PrefixSize;
    }

    public RoutingDomainDetail detail(RoutingDomain domain) {
        return details.get(Objects.requireNonNull(domain, "domain"));
    }

    /** A new editor for {@code domain} (Veilid's {@code edit_*_routing_domain}). */
    public RoutingDomainEditor edit(RoutingDomain domain) {
        return detail(domain).edit();
    }

    @Override
    public Optional<RoutingDomain> forAddress(Address address) {
        for (RoutingDomain domain : DOMAINS) {
            if (detail(domain).canContainAddress(address)) {
                return Optional.of(domain);
            }
        }
        return Optional.empty();
    }

    /**
     * The remote address's domain; when we know our local address too, LocalNetwork only if both
     * are LocalNetwork, PublicInternet otherwise, and none if the local address is in no domain.
     */
    @Override
    public Optional<RoutingDomain> forFlow(Flow flow) {
        Optional<RoutingDomain> remote = forAddress(flow.remote().socketAddress().address());
        Optional<Address> local = flow.local().map(SocketAddress::address).filter(a -> !a.isUnspecified());
        if (remote.isEmpty() || local.isEmpty()) {
            return remote;
        }
        return forAddress(local.get()).map(l -> l == RoutingDomain.LOCAL_NETWORK && remote.get() == RoutingDomain.LOCAL_NETWORK
                ? RoutingDomain.LOCAL_NETWORK
                : RoutingDomain.PUBLIC_INTERNET);
    }

    /** The domains in which every dial info of the node and of its relays is valid, given at least one. */
    @Override
    public Set<RoutingDomain> nodeInfoDomains(NodeInfo nodeInfo) {
        Set<RoutingDomain> valid = EnumSet.noneOf(RoutingDomain.class);
        List<DialInfoDetail> all = Stream.concat(nodeInfo.dialInfoDetailList().stream(),
                nodeInfo.relayInfoList().stream().flatMap(r -> r.dialInfoDetailList().stream())).toList();
        for (RoutingDomain domain : RoutingDomain.values()) {
            RoutingDomainDetail detail = detail(domain);
            if (!all.isEmpty() && all.stream().allMatch(d -> detail.ensureDialInfoIsValid(d.dialInfo()))) {
                valid.add(domain);
            }
        }
        return valid;
    }

    /** The first valid domain (LocalNetwork first) that accepts node infos arriving on {@code origin}. */
    @Override
    public Optional<RoutingDomain> bestNodeInfoDomain(RoutingDomain origin, NodeInfo nodeInfo) {
        return nodeInfoDomains(nodeInfo).stream()
                .filter(d -> detail(d).originRoutingDomains().contains(origin))
                .findFirst();
    }

    /** Refreshes and republishes our peer info when the node is one of our relays in {@code rd}. */
    @Override
    public void peerInfoUpdated(RoutingDomain rd, List<NodeId> nodeIds, PeerInfo peerInfo) {
        detail(rd).relayPeerInfoUpdated(nodeIds, peerInfo);
    }

    /** Veilid's {@code ensure_dial_info_is_valid} in {@code domain}. */
    public boolean ensureDialInfoIsValid(RoutingDomain domain, DialInfo dialInfo) {
        return detail(domain).ensureDialInfoIsValid(dialInfo);
    }

    /** Veilid's {@code get_contact_method}: how {@code peerA} (us) reaches {@code peerB} in {@code domain}. */
    public ContactMethod contactMethod(RoutingDomain domain, PeerInfo peerA, PeerInfo peerB, DialInfoFilter filter,
            Sequencing sequencing, Optional<Comparator<DialInfoDetail>> contextSort) {
        return detail(domain).contactMethod(peerA, peerB, filter, sequencing, contextSort);
    }
}
