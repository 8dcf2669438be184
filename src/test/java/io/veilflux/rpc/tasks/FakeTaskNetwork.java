package io.veilflux.rpc.tasks;

import io.veilflux.net.DialInfo;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.routing.FilteredNodeRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * A network manager stand-in for the tasks: started unless told otherwise, no bootstraps unless
 * given some, a Direct contact method to every node with dial info, and failed dial info recorded.
 */
final class FakeTaskNetwork implements RoutingTaskNetwork {
    boolean started = true;
    int startedQuestions;
    int bootstrapRequests;
    Supplier<Mono<List<BootstrapPeer>>> bootstrapPeers = () -> Mono.just(List.of());
    Function<FilteredNodeRef, Optional<DialInfo>> directDialInfo =
            node -> node.firstDialInfoDetail().map(DialInfoDetail::dialInfo);
    final List<FilteredNodeRef> contactMethodsAsked = new ArrayList<>();
    final List<DialInfo> failedDialInfo = new ArrayList<>();

    @Override
    public boolean isNetworkStarted() {
        startedQuestions++;
        return started;
    }

    @Override
    public Mono<List<BootstrapPeer>> bootstrapPeers() {
        bootstrapRequests++;
        return bootstrapPeers.get();
    }

    @Override
    public Optional<DialInfo> directDialInfo(FilteredNodeRef node) {
        contactMethodsAsked.add(node);
        return directDialInfo.apply(node);
    }

    @Override
    public void setDialInfoFailed(DialInfo dialInfo) {
        failedDialInfo.add(dialInfo);
    }
}
