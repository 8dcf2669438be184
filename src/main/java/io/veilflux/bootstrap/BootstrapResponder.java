package io.veilflux.bootstrap;

import io.veilflux.crypto.CryptoException;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.net.AddressType;
import io.veilflux.net.ProtocolType;
import io.veilflux.routing.Capability;
import io.veilflux.routing.CryptoInfo;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.routing.NodeInfo;
import io.veilflux.routing.PeerInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The answering side of direct bootstrap, Veilid's {@code handle_boot_v0_request} and
 * {@code handle_boot_v1_request} without the sending (the network manager sends the bytes back
 * on the request's flow). BOOT hands out a spread of well-connected nodes; B01T hands out our
 * bootstrap TXT records and the peer infos we know of the nodes they name, so that nodes that
 * cannot query DNS (browsers on WebSocket) bootstrap like the rest.
 */
public final class BootstrapResponder {
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapResponder.class);

    /** Veilid's {@code find_bootstrap_nodes_filtered(2)}: nodes kept per protocol and address type. */
    public static final int BOOT_NODES_PER_TYPE = 2;
    /** The protocols of a Veilid build without WSS, in Veilid's order. */
    public static final List<ProtocolType> PROTOCOLS_WITHOUT_WSS = List.of(ProtocolType.UDP, ProtocolType.TCP, ProtocolType.WS);

    private static final Comparator<BootstrapCandidate> FASTEST = Comparator
            .comparing((BootstrapCandidate c) -> !c.reliable())
            .thenComparing(c -> c.averageLatency().orElse(null), Comparator.nullsLast(Comparator.<Duration>naturalOrder()));

    private final BootstrapConfig config;
    private final TxtLookupCache txt;
    private final BootstrapRecords records;

    /**
     * @param config our bootstrap settings: B01T answers with the records of its TXT names
     * @param records parses them under our bootstrap keys and knows our own keys
     */
    public BootstrapResponder(BootstrapConfig config, TxtLookupCache txt, BootstrapRecords records) {
        this.config = Objects.requireNonNull(config, "config");
        this.txt = Objects.requireNonNull(txt, "txt");
        this.records = Objects.requireNonNull(records, "records");
    }

    /** The BOOT answer: the JSON array of {@link #findBootstrapNodes}' peer infos. */
    public static byte[] bootV0Response(List<BootstrapCandidate> candidates, List<ProtocolType> protocols,
                                        List<CryptoKind> cryptoKinds) {
        return BootResponseCodec.encodeV0(findBootstrapNodes(candidates, BOOT_NODES_PER_TYPE, protocols, cryptoKinds));
    }

    /**
     * Veilid's {@code find_bootstrap_nodes_filtered}: per crypto kind, the candidates (given in the
     * order the routing table walks them) without LocalNetwork node info, of that kind, fully
     * direct inbound and with every connectivity capability, each kept if one of its dial infos
     * adds to a (protocol, address type) pair that has fewer than {@code maxPerType} nodes yet;
     * those sorted fastest first and cut to {@code protocols × 2 × maxPerType}. The kinds' lists
     * are united in order without repeats.
     */
    public static List<PeerInfo> findBootstrapNodes(List<BootstrapCandidate> candidates, int maxPerType,
                                                    List<ProtocolType> protocols, List<CryptoKind> cryptoKinds) {
        List<BootstrapCandidate> chosen = new ArrayList<>();
        for (CryptoKind kind : cryptoKinds) {
            for (BootstrapCandidate candidate : perCryptoKind(candidates, kind, maxPerType, protocols)) {
                if (chosen.stream().noneMatch(c -> c == candidate)) {
                    chosen.add(candidate);
                }
            }
        }
        return chosen.stream().map(BootstrapCandidate::publicInternet).toList();
    }

    private static List<BootstrapCandidate> perCryptoKind(List<BootstrapCandidate> candidates, CryptoKind kind,
                                                          int maxPerType, List<ProtocolType> protocols) {
        Map<AddressType, int[]> counts = new EnumMap<>(AddressType.class);
        for (AddressType type : AddressType.values()) {
            counts.put(type, new int[protocols.size()]);
        }
        List<BootstrapCandidate> kept = new ArrayList<>();
        for (BootstrapCandidate candidate : candidates) {
            NodeInfo nodeInfo = candidate.publicInternet().nodeInfo();
            if (candidate.hasLocalNetworkNodeInfo()
                    || nodeInfo.cryptoInfoList().stream().map(CryptoInfo::kind).noneMatch(kind::equals)
                    || nodeInfo.dialInfoDetailList().stream().anyMatch(d -> d.dialInfoClass().requiresSignal())
                    || !nodeInfo.capabilities().containsAll(Capability.CONNECTIVITY)) {
                continue;
            }
            boolean keep = false;
            for (DialInfoDetail detail : nodeInfo.dialInfoDetailList()) {
                int[] typeCounts = counts.get(detail.dialInfo().addressType());
                for (int n = 0; n < protocols.size(); n++) {
                    if (typeCounts[n] < maxPerType && detail.dialInfo().protocol() == protocols.get(n)) {
                        typeCounts[n]++;
                        keep = true;
                    }
                }
            }
            if (keep) {
                kept.add(candidate);
            }
        }
        kept.sort(FASTEST);
        return kept.subList(0, Math.min(kept.size(), protocols.size() * 2 * maxPerType));
    }

    /**
     * The B01T answer: the TXT strings of our bootstrap names (dial-info URLs left out), united
     * and sorted, and {@link #buildBootV1Response}'s peers. Empty, so nothing is sent, when no
     * bootstrap is configured or when our records do not parse under our keys (as in Veilid).
     *
     * @param ownPublished our published PublicInternet peer info, if any
     * @param knownPeers the PublicInternet peer info the routing table has for a node id
     */
    public Mono<Optional<byte[]>> bootV1Response(Optional<PeerInfo> ownPublished,
                                                 Function<NodeId, Optional<PeerInfo>> knownPeers) {
        if (config.bootstrap().isEmpty()) {
            LOG.debug("B01T request not answered: no bootstraps configured");
            return Mono.just(Optional.empty());
        }
        return Flux.fromIterable(config.txtNames())
                .flatMap(txt::resolveBootstrapTxtStrings)
                .collect(TreeSet<String>::new, TreeSet::addAll)
                .map(List::copyOf)
                .flatMap(recordStrings -> records.parse(recordStrings, BootstrapRecord.VERSION_1)
                        .map(parsed -> Optional.of(BootResponseCodec.encodeV1(
                                buildBootV1Response(recordStrings, parsed, records.ownKeys(), ownPublished, knownPeers)))))
                .onErrorResume(BootstrapRecordException.class, e -> {
                    LOG.warn("B01T request not answered: our bootstrap records do not parse: {}", e.getMessage());
                    return Mono.just(Optional.empty());
                });
    }

    /**
     * The B01T answer for parsed records: per record, our published peer info if the record is
     * ours, else the known peer info of the node of the record's first key; records without one
     * add no peer.
     */
    public static BootV1Response buildBootV1Response(List<String> recordStrings, List<ResolvedBootstrapRecord> parsed,
            Set<PublicKey> ownKeys, Optional<PeerInfo> ownPublished, Function<NodeId, Optional<PeerInfo>> knownPeers) {
        List<PeerInfo> peers = new ArrayList<>();
        for (ResolvedBootstrapRecord record : parsed) {
            Optional<PeerInfo> peer = record.isOwn(ownKeys) ? ownPublished
                    : record.keys().stream().findFirst().flatMap(BootstrapResponder::nodeId).flatMap(knownPeers);
            peer.ifPresent(peers::add);
        }
        return new BootV1Response(recordStrings, peers);
    }

    /** The node id of a key; empty for a key whose kind has no id derivation here (Veilid: no node). */
    private static Optional<NodeId> nodeId(PublicKey key) {
        try {
            return Optional.of(NodeId.fromPublicKey(key));
        } catch (CryptoException e) {
            return Optional.empty();
        }
    }
}
