package io.veilflux.routing;

import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SequenceOrdering;
import io.veilflux.net.Sequencing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Veilid's contact-method algorithm (spec routing-rpc §3.5): how node A reaches node B, from
 * their two peer infos alone. Pure functions; the caller supplies the peer infos of one domain.
 */
public final class ContactMethods {
    private static final Logger LOG = LoggerFactory.getLogger(ContactMethods.class);
    private static final DialInfoFilter UDP_ONLY = new DialInfoFilter(EnumSet.of(ProtocolType.UDP),
            EnumSet.allOf(AddressType.class));

    private ContactMethods() {
    }

    /**
     * Veilid's {@code best_dial_info_detail_between_nodes}: the dial info of {@code to} that
     * {@code from} can dial with its outbound protocols and address types under
     * {@code sequencing}, restricted to {@code filter}, in the best ordering class present, first
     * after the caller's {@code contextSort} (a stable sort; none keeps the node's order).
     */
    public static Optional<DialInfoDetail> bestDialInfoDetailBetweenNodes(NodeInfo from, HasDialInfoDetailList to,
            DialInfoFilter filter, Sequencing sequencing, Optional<Comparator<DialInfoDetail>> contextSort) {
        AppliedSequencing outbound = AppliedSequencing.apply(
                new DialInfoFilter(from.outboundProtocols(), from.addressTypes()), sequencing);
        if (filter.isDead()) {
            return Optional.empty();
        }
        List<DialInfoDetail> reachable = to.filteredDialInfoDetails(DialInfoDetailSort.forOrdering(outbound.ordering()),
                d -> outbound.dialInfoFilter().matches(d.dialInfo()));
        Optional<SequenceOrdering> bestOrdering = reachable.stream()
                .map(d -> d.dialInfo().protocol().ordering())
                .max(Comparator.naturalOrder());
        if (bestOrdering.isEmpty()) {
            return Optional.empty();
        }
        List<DialInfoDetail> candidates = new ArrayList<>(reachable.stream()
                .filter(d -> sequencing == Sequencing.NO_PREFERENCE || d.dialInfo().protocol().ordering() == bestOrdering.get())
                .filter(d -> filter.matches(d.dialInfo()))
                .toList());
        contextSort.ifPresent(candidates::sort);
        return candidates.stream().findFirst();
    }

    /** The LocalNetwork contact method: only {@code Direct} dial info counts, no signalling or relaying. */
    public static ContactMethod localNetwork(PeerInfo peerA, PeerInfo peerB, DialInfoFilter filter,
            Sequencing sequencing, Optional<Comparator<DialInfoDetail>> contextSort) {
        if (commonCryptoKinds(peerA.nodeInfo(), peerB.nodeInfo()).isEmpty()) {
            return new ContactMethod.Unreachable();
        }
        Optional<DialInfoDetail> target = bestDialInfoDetailBetweenNodes(peerA.nodeInfo(), peerB.nodeInfo(), filter,
                sequencing, contextSort);
        if (target.isEmpty()) {
            return new ContactMethod.Unreachable();
        }
        if (target.get().dialInfoClass() != DialInfoClass.DIRECT) {
            LOG.warn("LocalNetwork dial info found with non-direct class: {}", target.get());
            return new ContactMethod.Unreachable();
        }
        return new ContactMethod.Direct(target.get().dialInfo());
    }

    /**
     * The PublicInternet contact method: direct, existing, reverse connect, hole punch, inbound
     * relay or our outbound relay, as Veilid chooses them; {@code ip6PrefixSize} is
     * {@code max_connections_per_ip6_prefix_size} (56), for the same-IP-block test.
     */
    public static ContactMethod publicInternet(PeerInfo peerA, PeerInfo peerB, DialInfoFilter filter,
            Sequencing sequencing, Optional<Comparator<DialInfoDetail>> contextSort, int ip6PrefixSize) {
        NodeInfo nodeA = peerA.nodeInfo();
        NodeInfo nodeB = peerB.nodeInfo();
        boolean sameIpBlock = nodeA.isOnSameIpBlock(nodeB, ip6PrefixSize);
        List<CryptoKind> common = commonCryptoKinds(nodeA, nodeB);
        if (common.isEmpty()) {
            return new ContactMethod.Unreachable();
        }
        CryptoKind bestKind = common.get(0);
        NodeId nodeBId = idOfKind(nodeB.nodeIds(), bestKind).orElseThrow();
        Context ctx = new Context(nodeA, nodeB, nodeA.nodeIds(), filter, sequencing, contextSort, bestKind, sameIpBlock);

        // On one IP block a direct address may need hairpin NAT: try B's relays first.
        if (sameIpBlock) {
            Optional<ContactMethod> viaRelay = ctx.indirectViaAnyRelay();
            if (viaRelay.isPresent()) {
                return viaRelay.get();
            }
        }
        Optional<ContactMethod> direct = ctx.best(nodeA, nodeB, filter).flatMap(ctx::direct);
        if (direct.isPresent()) {
            return direct.get();
        }
        if (!sameIpBlock) {
            Optional<ContactMethod> viaRelay = ctx.indirectViaAnyRelay();
            if (viaRelay.isPresent()) {
                return viaRelay.get();
            }
        }
        for (RelayInfo relay : nodeA.relayInfoList()) {
            if (relay.relayKind() != RelayKind.OUTBOUND) {
                continue;
            }
            Optional<NodeId> relayId = idOfKind(relay.nodeIds(), bestKind);
            if (relayId.isPresent() && !relayId.get().equals(nodeBId)) {
                return new ContactMethod.OutboundRelay(relayId.get());
            }
        }
        return new ContactMethod.Unreachable();
    }

    /** Veilid's {@code common_crypto_kinds}: A's kinds, in A's order, that B also has. */
    static List<CryptoKind> commonCryptoKinds(NodeInfo a, NodeInfo b) {
        List<CryptoKind> kindsB = b.publicKeys().stream().map(PublicKey::kind).toList();
        return a.publicKeys().stream().map(PublicKey::kind).filter(kindsB::contains).toList();
    }

    private static Optional<NodeId> idOfKind(List<NodeId> ids, CryptoKind kind) {
        return ids.stream().filter(id -> id.kind().equals(kind)).findFirst();
    }

    /** One contact-method question: A, B and the caller's constraints. */
    private record Context(NodeInfo nodeA, NodeInfo nodeB, List<NodeId> nodeAIds, DialInfoFilter filter,
            Sequencing sequencing, Optional<Comparator<DialInfoDetail>> contextSort, CryptoKind bestKind,
            boolean sameIpBlock) {

        Optional<DialInfoDetail> best(NodeInfo from, HasDialInfoDetailList to, DialInfoFilter withFilter) {
            return bestDialInfoDetailBetweenNodes(from, to, withFilter, sequencing, contextSort);
        }

        /** Whether A is this relay of B: then B keeps a flow to us. */
        boolean isUs(RelayInfo relay) {
            return relay.nodeIds().stream().anyMatch(nodeAIds::contains);
        }

        boolean lacksBestKind(RelayInfo relay) {
            return idOfKind(relay.nodeIds(), bestKind).isEmpty();
        }

        /** Veilid's {@code get_direct_contact_method} for B's best dial info {@code target}. */
        Optional<ContactMethod> direct(DialInfoDetail target) {
            if (!target.dialInfoClass().requiresSignal()) {
                return Optional.of(new ContactMethod.Direct(target.dialInfo()));
            }
            // B must be signalled through a relay; the first relay A can work with decides.
            for (RelayInfo relay : nodeB.relayInfoList()) {
                if (isUs(relay)) {
                    return Optional.of(new ContactMethod.Existing());
                }
                if (lacksBestKind(relay)) {
                    return Optional.of(new ContactMethod.Unreachable());
                }
                Optional<DialInfoDetail> relayDid = best(nodeA, relay, filter);
                if (relayDid.isEmpty()) {
                    continue;
                }
                if (nodeA.hasDialInfo()) {
                    Optional<ContactMethod> signalled = signalled(target, relayDid.get());
                    if (signalled.isPresent()) {
                        return signalled;
                    }
                }
                return Optional.of(new ContactMethod.InboundRelay(relayDid.get().dialInfo()));
            }
            return Optional.empty();
        }

        /** Reverse connect, else UDP hole punch; never across one public IP (no hairpin NAT). */
        private Optional<ContactMethod> signalled(DialInfoDetail target, DialInfoDetail relayDid) {
            Optional<DialInfoDetail> reverse = best(nodeB, nodeA, filter);
            if (reverse.isPresent() && !sameIp(reverse.get(), target) && !reverse.get().dialInfoClass().requiresSignal()) {
                return Optional.of(new ContactMethod.SignalReverse(relayDid.dialInfo()));
            }
            DialInfoFilter udpFilter = filter.filtered(UDP_ONLY);
            Optional<DialInfoDetail> targetUdp = best(nodeA, nodeB, udpFilter);
            if (targetUdp.isEmpty()) {
                return Optional.empty();
            }
            Optional<DialInfoDetail> reverseUdp = best(nodeB, nodeA, udpFilter);
            if (reverseUdp.isPresent() && !sameIp(reverseUdp.get(), targetUdp.get())) {
                return Optional.of(new ContactMethod.SignalHolePunch(relayDid.dialInfo(), targetUdp.get().dialInfo(),
                        reverseUdp.get().dialInfo()));
            }
            return Optional.empty();
        }

        Optional<ContactMethod> indirectViaAnyRelay() {
            for (RelayInfo relay : nodeB.relayInfoList()) {
                Optional<ContactMethod> method = indirect(relay);
                if (method.isPresent()) {
                    return method;
                }
            }
            return Optional.empty();
        }

        /** Veilid's {@code get_indirect_contact_method} through one relay of B. */
        private Optional<ContactMethod> indirect(RelayInfo relay) {
            if (isUs(relay)) {
                return Optional.of(new ContactMethod.Existing());
            }
            if (lacksBestKind(relay)) {
                return Optional.of(new ContactMethod.Unreachable());
            }
            Optional<DialInfoDetail> relayDid = best(nodeA, relay, filter);
            if (relayDid.isEmpty()) {
                return Optional.empty();
            }
            if (!sameIpBlock) {
                Optional<DialInfoDetail> reverse = best(nodeB, nodeA, filter);
                if (reverse.isPresent() && !reverse.get().dialInfoClass().requiresSignal()) {
                    return Optional.of(new ContactMethod.SignalReverse(relayDid.get().dialInfo()));
                }
            }
            return Optional.of(new ContactMethod.InboundRelay(relayDid.get().dialInfo()));
        }

        private static boolean sameIp(DialInfoDetail a, DialInfoDetail b) {
            return a.dialInfo().socketAddress().address().equals(b.dialInfo().socketAddress().address());
        }
    }
}
