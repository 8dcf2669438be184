package io.veilflux.node;

import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.manager.NetworkManager;
import io.veilflux.node.StatusPage.Field;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.routing.LiveEntryCounts;
import io.veilflux.routing.NodeInfo;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingDomainDetail;
import io.veilflux.routing.RoutingTable;
import io.veilflux.transport.NetworkConnection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a node's {@link MetricsServer} status page shows: the node's id and state, its dial info,
 * a routing table summary, its connections, its relays and its published peer info.
 */
public final class NodeStatusPage {
    /** The most connections listed; the heading gives the total. */
    static final int MAX_CONNECTIONS_SHOWN = 100;
    private static final String NONE = "-";
    /** The domain that matters most first. */
    private static final List<RoutingDomain> DOMAINS = List.of(RoutingDomain.PUBLIC_INTERNET, RoutingDomain.LOCAL_NETWORK);

    private NodeStatusPage() {
    }

    /** The status of {@code node} now. */
    public static StatusPage of(VeilfluxNode node) {
        NetworkManager manager = node.networkManager();
        RoutingDomainDetail publicInternet = manager.routingDomains().detail(RoutingDomain.PUBLIC_INTERNET);
        return new StatusPage("veilflux node " + node.nodeId(), List.of(
                StatusPage.Fields.of("Node",
                        Field.of("node id", node.nodeId()),
                        Field.of("state", node.isStarted() ? "started" : "stopped"),
                        Field.of("address profile", node.config().veilflux().addressProfile()),
                        Field.of("nat", node.config().veilflux().nat())),
                new StatusPage.Table("Dial info", List.of("dial info", "class"),
                        publicInternet.dialInfoDetails().stream()
                                .map(d -> List.of(d.dialInfo().toString(), d.dialInfoClass().toString()))
                                .toList()),
                routingTable(manager),
                connections(manager),
                new StatusPage.Table("Relays (PublicInternet)", List.of("node ids", "kind", "dial info"),
                        publicInternet.relays().stream()
                                .map(r -> List.of(ids(r.nodeIds()), r.relayKind().toString(), dialInfos(r.dialInfoDetails())))
                                .toList()),
                publishedPeerInfo(manager)));
    }

    private static StatusPage.Table routingTable(NetworkManager manager) {
        RoutingTable table = manager.routingTable();
        LiveEntryCounts live = table.refreshLiveEntryCounts();
        List<List<String>> rows = new ArrayList<>();
        for (RoutingDomain rd : DOMAINS) {
            for (CryptoKind kind : manager.identity().nodeIds().kinds()) {
                rows.add(List.of(label(rd), kind.toString(), String.valueOf(live.any(rd, kind)),
                        String.valueOf(live.connectivity(rd, kind))));
            }
        }
        return new StatusPage.Table("Routing table: " + table.entryCount() + " entries",
                List.of("domain", "kind", "live", "live with connectivity capabilities"), rows);
    }

    private static StatusPage.Table connections(NetworkManager manager) {
        List<NetworkConnection> all = manager.network().map(n -> n.connections().table().all()).orElse(List.of());
        return new StatusPage.Table("Connections: " + all.size(), List.of("protocol", "remote", "local", "in use", "protected"),
                all.stream().limit(MAX_CONNECTIONS_SHOWN)
                        .map(c -> List.of(c.protocol().toString(), c.flow().remote().socketAddress().toString(),
                                c.flow().local().map(Object::toString).orElse(NONE), yesNo(c.isInUse()),
                                yesNo(c.isProtected())))
                        .toList());
    }

    private static StatusPage.Fields publishedPeerInfo(NetworkManager manager) {
        List<Field> fields = new ArrayList<>();
        for (RoutingDomain rd : DOMAINS) {
            String shown = manager.routingDomains().detail(rd).publishedPeerInfo()
                    .map(NodeStatusPage::describe).orElse("not published");
            fields.add(Field.of(label(rd), shown));
        }
        return new StatusPage.Fields("Published peer info", fields);
    }

    private static String describe(PeerInfo peer) {
        NodeInfo info = peer.nodeInfo();
        return "timestamp " + Instant.EPOCH.plus(info.timestamp(), ChronoUnit.MICROS)
                + "; capabilities " + info.capabilities().stream().map(Object::toString).collect(Collectors.joining(","))
                + "; dial info " + dialInfos(info.dialInfoDetailList())
                + "; relays " + (info.relayIds().isEmpty() ? NONE : ids(info.relayIds()))
                + "; " + peer.signatures().size() + " signature(s)";
    }

    private static String dialInfos(List<DialInfoDetail> details) {
        return details.isEmpty() ? NONE
                : details.stream().map(d -> d.dialInfo().toString()).collect(Collectors.joining(" "));
    }

    private static String ids(List<NodeId> ids) {
        return ids.stream().map(NodeId::toString).collect(Collectors.joining(" "));
    }

    /** Veilid's name for the domain. */
    private static String label(RoutingDomain rd) {
        return rd == RoutingDomain.PUBLIC_INTERNET ? "PublicInternet" : "LocalNetwork";
    }

    private static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
