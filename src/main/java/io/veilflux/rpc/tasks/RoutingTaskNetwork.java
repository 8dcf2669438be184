package io.veilflux.rpc.tasks;

import io.veilflux.net.DialInfo;
import io.veilflux.routing.FilteredNodeRef;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The narrow view the routing table's tasks have of the network manager (spec routing-rpc §0.5):
 * whether the network is up, the bootstrap peers it collects, its contact method to a node, and
 * its dial-info failure bookkeeping. Tests put an in-memory stand-in here.
 */
public interface RoutingTaskNetwork {

    /** Veilid's {@code network_is_started}: until it is, the tasks only keep the table in order. */
    boolean isNetworkStarted();

    /**
     * The peers the configured bootstraps name (direct BOOT/B01T and DNS TXT; signed peer infos when
     * the bootstrap knows them, unsigned ones built from its records otherwise); an empty list when
     * no bootstrap is configured. A failing bootstrap should leave its peers out, not fail the whole.
     */
    Mono<List<BootstrapPeer>> bootstrapPeers();

    /**
     * The dial info of {@code node}'s contact method (Veilid's {@code get_node_contact_method}) when
     * that method is {@code Direct}; empty for any other method or none.
     */
    Optional<DialInfo> directDialInfo(FilteredNodeRef node);

    /** Veilid's {@code set_dial_info_failed}: prefer other dial info over this one for a while. */
    void setDialInfoFailed(DialInfo dialInfo);
}
