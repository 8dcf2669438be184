package io.veilflux.manager;

import io.veilflux.crypto.NodeId;
import io.veilflux.filter.AddressFilter;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoFilter;
import io.veilflux.net.Flow;
import io.veilflux.net.NetworkResult;
import io.veilflux.net.Sequencing;
import io.veilflux.net.SnakeCase;
import io.veilflux.net.UniqueFlow;
import io.veilflux.routing.AppliedSequencing;
import io.veilflux.routing.ContactMethod;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.routing.FilteredNodeRef;
import io.veilflux.routing.NodeRef;
import io.veilflux.routing.NodeRefCommon;
import io.veilflux.routing.NodeRefFilter;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.routing.RoutingDomains;
import io.veilflux.routing.RoutingTable;
import io.veilflux.rpc.Destination;
import io.veilflux.rpc.Operation;
import io.veilflux.rpc.ReceiptEvent;
import io.veilflux.rpc.RpcNetwork;
import io.veilflux.rpc.RpcProcessor;
import io.veilflux.rpc.SendDataResult;
import io.veilflux.transport.ConnectException;
import io.veilflux.transport.Network;
import io.veilflux.transport.SendResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Veilid's send paths (network-manager.md §4): a node's contact method, computed and cached; the
 * send by that method (direct, over an existing flow, by reverse connection, by hole punch,
 * through its inbound relay or our outbound relay); the fallback from a timed-out signal to the
 * inbound relay; dial-info failure recording. Every returned Mono ends: with a result, a
 * {@link NetworkResult} saying why not, or an error for a bug.
 */
final class DataSender {
    private static final Logger LOG = LoggerFactory.getLogger(DataSender.class);
    /** Veilid's {@code HOLE_PUNCH_DELAY_MS}: lets the punch arrive before what follows it. */
    static final Duration HOLE_PUNCH_DELAY = Duration.ofMillis(100);

    /** What a send needs of the network manager while it runs. */
    interface Context {
        Network network();

        ContactMethodCache contactMethods();

        /** Counts {@code bytes} sent on {@code flow} and opens the simulated NAT to its remote end. */
        void noteOutbound(Flow flow, int bytes);
    }

    private final NetworkManagerConfig config;
    private final RoutingTable routingTable;
    private final RoutingDomains domains;
    private final AddressFilter addressFilter;
    private final Supplier<RpcProcessor> rpc;
    private final Function<Duration, RpcNetwork.SingleShotReceipt> receipts;
    private final Supplier<Mono<Void>> stopping;
    private final NetworkManagerMeters meters;
    private final Scheduler clock;
    private final Scheduler work;

    DataSender(NetworkManagerConfig config, RoutingTable routingTable, RoutingDomains domains, AddressFilter addressFilter,
               Supplier<RpcProcessor> rpc, Function<Duration, RpcNetwork.SingleShotReceipt> receipts,
               Supplier<Mono<Void>> stopping,
               NetworkManagerMeters meters, Scheduler clock, Scheduler work) {
        this.config = config;
        this.routingTable = routingTable;
        this.domains = domains;
        this.addressFilter = addressFilter;
        this.rpc = rpc;
        this.receipts = receipts;
        this.stopping = stopping;
        this.meters = meters;
        this.clock = clock;
        this.work = work;
    }

    private long now() {
        return clock.now(TimeUnit.MICROSECONDS);
    }

    /** Veilid's {@code send_data}: by the node's contact method, falling back once from a timed-out signal to its relay. */
    Mono<NetworkResult<SendDataResult>> sendData(Context ctx, FilteredNodeRef target, byte[] data) {
        return Mono.defer(() -> {
            Optional<ContactMethod> method = contactMethod(ctx, target);
            return tryContactMethod(ctx, method, target, data).flatMap(result -> {
                if (result instanceof NetworkResult.Timeout && method.isPresent()
                        && relayOfSignal(method.get()).isPresent()) {
                    ctx.contactMethods().recordSend(method, "timeout");
                    Optional<ContactMethod> fallback = Optional.of(new ContactMethod.InboundRelay(relayOfSignal(method.get()).get()));
                    return tryContactMethod(ctx, fallback, target, data).doOnNext(r -> record(ctx, fallback, r));
                }
                record(ctx, method, result);
                return Mono.just(result);
            });
        });
    }

    private static void record(Context ctx, Optional<ContactMethod> method, NetworkResult<SendDataResult> result) {
        if (result instanceof NetworkResult.Value<SendDataResult> v) {
            ctx.contactMethods().recordSend(v.value().contactMethod(), "sent");
        } else {
            ctx.contactMethods().recordSend(method, SnakeCase.of(result.getClass()));
        }
    }

    private static Optional<DialInfo> relayOfSignal(ContactMethod method) {
        if (method instanceof ContactMethod.SignalReverse s) {
            return Optional.of(s.relayDialInfo());
        }
        if (method instanceof ContactMethod.SignalHolePunch h) {
            return Optional.of(h.relayDialInfo());
        }
        return Optional.empty();
    }

    /** Veilid's {@code get_node_contact_method}; empty means unreachable. */
    Optional<ContactMethod> contactMethod(Context ctx, FilteredNodeRef target) {
        for (NodeId id : target.nodeIds()) {
            if (addressFilter.isNodeIdPunished(id)) {
                return Optional.empty();
            }
        }
        Optional<RoutingDomain> rd = target.bestRoutingDomain();
        if (rd.isEmpty()) {
            return Optional.empty();
        }
        PeerInfo peerA = domains.detail(rd.get()).currentPeerInfo();
        Optional<PeerInfo> peerB = target.peerInfo(rd.get());
        if (peerB.isEmpty()) {
            return Optional.empty();
        }
        List<DialInfo> failed = failedDialInfo(peerB.get());
        ContactMethodCache.Key key = new ContactMethodCache.Key(toList(target), peerA.nodeInfo().timestamp(),
                peerB.get().nodeInfo().timestamp(), target.filter(), target.sequencing(), failed);
        return ctx.contactMethods().get(key, () -> {
            DialInfoFilter filter = contactFilter(target, peerA);
            Optional<Comparator<DialInfoDetail>> sort = failed.isEmpty() ? Optional.empty()
                    : Optional.of(Comparator.comparingInt(d -> failed.indexOf(d.dialInfo()) + 1));
            ContactMethod method = domains.contactMethod(rd.get(), peerA, peerB.get(), filter, target.sequencing(), sort);
            return method instanceof ContactMethod.Unreachable ? Optional.empty() : Optional.of(method);
        });
    }

    /**
     * Veilid's {@code set_last_flow}: records the flow on the node, and keeps an ordered flow to a
     * node we relay for among the connection table's priority flows.
     */
    void setLastFlow(Context ctx, NodeRefCommon node, Flow flow, long ts) {
        node.setLastFlow(flow, ts);
        Optional<RoutingDomain> rd = domains.forFlow(flow);
        if (rd.isEmpty()) {
            LOG.debug("flow {} of {} is in no routing domain", flow, node);
        } else if (flow.protocol().isOrdered() && node.isRelaying(rd.get())) {
            ctx.network().connections().table().addPriorityFlow(flow);
        }
    }

    /** The target's dial info filter narrowed to the protocols and address types we can reach out with. */
    private static DialInfoFilter contactFilter(FilteredNodeRef target, PeerInfo peerA) {
        return target.dialInfoFilter().filtered(new DialInfoFilter(peerA.nodeInfo().outboundProtocols(),
                peerA.nodeInfo().addressTypes()));
    }

    private static List<NodeId> toList(FilteredNodeRef target) {
        List<NodeId> ids = new ArrayList<>();
        target.nodeIds().forEach(ids::add);
        return ids;
    }

    /** The target's dial infos that failed lately, oldest failure first. */
    private List<DialInfo> failedDialInfo(PeerInfo peer) {
        List<Map.Entry<DialInfo, Long>> failures = new ArrayList<>();
        for (DialInfoDetail detail : peer.nodeInfo().dialInfoDetailList()) {
            OptionalLong ts = addressFilter.getDialInfoFailedTs(detail.dialInfo());
            if (ts.isPresent()) {
                failures.add(Map.entry(detail.dialInfo(), ts.getAsLong()));
            }
        }
        failures.sort(Map.Entry.comparingByValue());
        return failures.stream().map(Map.Entry::getKey).toList();
    }

    private Mono<NetworkResult<SendDataResult>> tryContactMethod(Context ctx, Optional<ContactMethod> method,
                                                                 FilteredNodeRef target, byte[] data) {
        if (method.isEmpty()) {
            return sendExisting(ctx, target, data, "node was unreachable", method);
        }
        ContactMethod m = method.get();
        if (m instanceof ContactMethod.Existing) {
            return sendExisting(ctx, target, data, "should have found an existing connection", method);
        }
        if (m instanceof ContactMethod.OutboundRelay o) {
            // As Veilid: the relay seen through the target's best domain and the filter its contact method was worked out with.
            Optional<FilteredNodeRef> relay = target.bestRoutingDomain().flatMap(rd -> routingTable.lookupAndFilterNodeRef(
                    o.relayId(), EnumSet.of(rd), contactFilter(target, domains.detail(rd).currentPeerInfo())));
            if (relay.isEmpty()) {
                return Mono.error(new IllegalStateException("couldn't look up relay " + o.relayId() + " for outbound relay"));
            }
            return sendExisting(ctx, relay.get().withSequencing(target.sequencing()), data,
                    "outbound relay has no existing connection", method);
        }
        if (m instanceof ContactMethod.Direct d) {
            return sendDirect(ctx, target.unfiltered(), d.dialInfo(), data, method);
        }
        if (m instanceof ContactMethod.InboundRelay r) {
            return sendDirect(ctx, target.unfiltered(), r.relayDialInfo(), data, method);
        }
        if (m instanceof ContactMethod.SignalReverse s) {
            return existingFirst(ctx, target, data, method,
                    () -> reverseConnect(ctx, s.relayDialInfo(), target.unfiltered(), data, method));
        }
        ContactMethod.SignalHolePunch h = (ContactMethod.SignalHolePunch) m;
        return existingFirst(ctx, target, data, method, () -> holePunch(ctx, h, target.unfiltered(), data, method));
    }

    /** Veilid's {@code send_data_unreachable} / {@code send_data_ncm_existing}: only over a flow we have. */
    private Mono<NetworkResult<SendDataResult>> sendExisting(Context ctx, FilteredNodeRef target, byte[] data,
                                                             String noFlow, Optional<ContactMethod> method) {
        Optional<Flow> flow = target.lastFlow();
        if (flow.isEmpty()) {
            return Mono.just(new NetworkResult.NoConnection<>(noFlow));
        }
        return sendToFlow(ctx, flow.get(), data).map(sent -> {
            if (sent.isEmpty()) {
                return new NetworkResult.NoConnection<>("failed to send to existing flow " + flow.get());
            }
            setLastFlow(ctx, target, sent.get().flow(), now());
            return NetworkResult.value(new SendDataResult(method, sent.get()));
        });
    }

    /** Veilid's {@code send_inbound_relay_data}: a relay forwards only over a flow its client keeps to it. */
    Mono<NetworkResult<SendDataResult>> sendExistingOnly(Context ctx, FilteredNodeRef target, byte[] data) {
        return sendExisting(ctx, target, data, "relayed node has no existing connection",
                Optional.of(new ContactMethod.Existing()));
    }

    /** Veilid's {@code send_data_direct}: reports Direct to the given dial info even when it is a relay's. */
    Mono<NetworkResult<SendDataResult>> sendDataDirect(Context ctx, NodeRef target, DialInfo dialInfo, byte[] data) {
        return sendDirect(ctx, target, dialInfo, data, Optional.of(new ContactMethod.Direct(dialInfo)));
    }

    /** Veilid's {@code send_data_ncm_direct}: an existing flow of the same protocol and family first, else dial. */
    private Mono<NetworkResult<SendDataResult>> sendDirect(Context ctx, NodeRef target, DialInfo dialInfo, byte[] data,
                                                           Optional<ContactMethod> method) {
        FilteredNodeRef sameKind = target.customFiltered(NodeRefFilter.all()
                .withProtocolType(dialInfo.protocol()).withAddressType(dialInfo.addressType()));
        Optional<Flow> existing = sameKind.lastFlow();
        Mono<Optional<UniqueFlow>> viaExisting = existing.isEmpty() ? Mono.just(Optional.empty())
                : sendToFlow(ctx, existing.get(), data).doOnNext(sent -> {
                    if (sent.isEmpty()) {
                        target.clearLastFlow(existing.get());
                    }
                });
        return viaExisting.flatMap(sent -> sent.isPresent() ? Mono.just(sent)
                        : sendToDialInfo(ctx, dialInfo, data))
                .map(sent -> {
                    if (sent.isEmpty()) {
                        return new NetworkResult.NoConnection<>("could not reach " + dialInfo);
                    }
                    setLastFlow(ctx, target, sent.get().flow(), now());
                    return NetworkResult.value(new SendDataResult(method, sent.get()));
                });
    }

    private Mono<Optional<UniqueFlow>> sendToFlow(Context ctx, Flow flow, byte[] data) {
        return ctx.network().sendDataToExistingFlow(flow, data)
                .onErrorResume(e -> {
                    LOG.debug("sending on {} failed: {}", flow, e.toString());
                    return Mono.just(new SendResult.NotSent());
                })
                .publishOn(work).map(result -> {
            if (result instanceof SendResult.Sent sent) {
                meters.sent(flow.protocol(), data.length);
                ctx.noteOutbound(sent.flow().flow(), data.length);
                return Optional.of(sent.flow());
            }
            return Optional.<UniqueFlow>empty();
        });
    }

    /** Dials; a failure to connect is a dial-info failure (recorded by the transport) and no connection. */
    private Mono<Optional<UniqueFlow>> sendToDialInfo(Context ctx, DialInfo dialInfo, byte[] data) {
        return ctx.network().sendDataToDialInfo(dialInfo, data)
                .publishOn(work)
                .doOnNext(flow -> {
                    meters.sent(dialInfo.protocol(), data.length);
                    ctx.noteOutbound(flow.flow(), data.length);
                })
                .map(Optional::of)
                .onErrorResume(e -> e instanceof ConnectException || e instanceof TimeoutException, e -> {
                    LOG.debug("sending to {} failed: {}", dialInfo, e.getMessage());
                    return Mono.just(Optional.empty());
                });
    }

    /** For signals: a flow we already have to the target, in any protocol its sequencing allows, before signalling. */
    private Mono<NetworkResult<SendDataResult>> existingFirst(Context ctx, FilteredNodeRef target, byte[] data,
                                                              Optional<ContactMethod> method,
                                                              Supplier<Mono<NetworkResult<SendDataResult>>> otherwise) {
        boolean orderedOnly = AppliedSequencing.apply(target.dialInfoFilter(), target.sequencing()).dialInfoFilter()
                .isOrderedOnly();
        FilteredNodeRef anyFlow = target.unfiltered().sequencingFiltered(orderedOnly ? Sequencing.ENSURE_ORDERED
                : Sequencing.NO_PREFERENCE);
        Optional<Flow> flow = anyFlow.lastFlow();
        if (flow.isEmpty()) {
            return otherwise.get();
        }
        return sendToFlow(ctx, flow.get(), data).flatMap(sent -> {
            if (sent.isEmpty()) {
                return otherwise.get();
            }
            setLastFlow(ctx, target, sent.get().flow(), now());
            return Mono.just(NetworkResult.value(new SendDataResult(method, sent.get())));
        });
    }

    /** Our published peer info in the relay's domain, which a signal carries, or why there is none. */
    private NetworkResult<PeerInfo> signalPeerInfo(DialInfo relay, String what) {
        Optional<RoutingDomain> rd = domains.forAddress(relay.socketAddress().address());
        if (rd.isEmpty()) {
            return new NetworkResult.NoConnection<>("No routing domain for relay for " + what);
        }
        return domains.detail(rd.get()).publishedPeerInfo().<NetworkResult<PeerInfo>>map(NetworkResult::value)
                .orElseGet(() -> new NetworkResult.NoConnection<>("Network class not yet valid for " + what));
    }

    /** Veilid's {@code do_reverse_connect}: ask the target, through its relay, to connect to us; send over that. */
    private Mono<NetworkResult<SendDataResult>> reverseConnect(Context ctx, DialInfo relay, NodeRef target, byte[] data,
                                                               Optional<ContactMethod> method) {
        return Mono.defer(() -> {
            RpcNetwork.SingleShotReceipt receipt = receipts.apply(config.reverseConnectionReceiptTime());
            NetworkResult<PeerInfo> ours = signalPeerInfo(relay, "reverse connect");
            if (!(ours instanceof NetworkResult.Value<PeerInfo> peerInfo)) {
                return Mono.just(ours.<SendDataResult>withoutValue());
            }
            return rpc.get().rpcCallSignal(Destination.relay(relay, target),
                            new Operation.ReverseConnect(receipt.receipt(), peerInfo.value()))
                    .flatMap(sent -> sent.isValue() ? awaitReceipt(receipt)
                            .flatMap(event -> afterReceipt(ctx, event, target, data, method, "reverse connect"))
                            .defaultIfEmpty(new NetworkResult.ServiceUnavailable<>("network is stopping"))
                            : Mono.just(sent.<SendDataResult>withoutValue()));
        });
    }

    /** Veilid 0.5.3's {@code do_hole_punch}: punch, signal through the relay, punch again, then send over the hole. */
    private Mono<NetworkResult<SendDataResult>> holePunch(Context ctx, ContactMethod.SignalHolePunch method, NodeRef target,
                                                          byte[] data, Optional<ContactMethod> tried) {
        return Mono.defer(() -> {
            RpcNetwork.SingleShotReceipt receipt = receipts.apply(config.holePunchReceiptTime());
            NetworkResult<PeerInfo> ours = signalPeerInfo(method.relayDialInfo(), "hole punch");
            if (!(ours instanceof NetworkResult.Value<PeerInfo> peerInfo)) {
                return Mono.just(ours.<SendDataResult>withoutValue());
            }
            return punch(ctx, method.holePunchDialInfo()).flatMap(first -> {
                if (first.isEmpty()) {
                    return Mono.just(new NetworkResult.NoConnection<SendDataResult>("hole punch to "
                            + method.holePunchDialInfo() + " failed"));
                }
                return Mono.delay(HOLE_PUNCH_DELAY, clock)
                        .publishOn(work)
                        .then(rpc.get().rpcCallSignal(Destination.relay(method.relayDialInfo(), target),
                                new Operation.HolePunch(receipt.receipt(), peerInfo.value(),
                                        Optional.of(method.reverseHolePunchDialInfo()))))
                        .flatMap(sent -> sent.isValue()
                                ? punch(ctx, method.holePunchDialInfo()).then(awaitReceipt(receipt))
                                .flatMap(event -> afterReceipt(ctx, event, target, data, tried, "hole punch"))
                                .defaultIfEmpty(new NetworkResult.ServiceUnavailable<>("network is stopping"))
                                : Mono.just(sent.<SendDataResult>withoutValue()));
            });
        });
    }

    /** What becomes of a signal's receipt, or nothing when the network stops first (it expires on the tick otherwise). */
    private Mono<ReceiptEvent> awaitReceipt(RpcNetwork.SingleShotReceipt receipt) {
        return receipt.event().takeUntilOther(stopping.get()).publishOn(work);
    }

    /** Sends an empty datagram with a short TTL; its flow is not remembered. */
    Mono<Optional<UniqueFlow>> punch(Context ctx, DialInfo dialInfo) {
        return ctx.network().sendHolePunch(dialInfo)
                .publishOn(work)
                .doOnNext(flow -> ctx.noteOutbound(flow.flow(), 0))
                .map(Optional::of)
                .onErrorResume(e -> {
                    LOG.debug("hole punch to {} failed: {}", dialInfo, e.getMessage());
                    return Mono.just(Optional.empty());
                });
    }

    /** What a signal's receipt says: sent over the flow the target opened, or why not. */
    private Mono<NetworkResult<SendDataResult>> afterReceipt(Context ctx, ReceiptEvent event, NodeRef target, byte[] data,
                                                             Optional<ContactMethod> method, String what) {
        meters.signal(ContactMethodCache.kind(method), event);
        if (event instanceof ReceiptEvent.Expired) {
            return Mono.just(new NetworkResult.Timeout<>());
        }
        if (event instanceof ReceiptEvent.Cancelled) {
            return Mono.just(new NetworkResult.NoConnection<>(what + " receipt cancelled from " + target));
        }
        if (!(event instanceof ReceiptEvent.ReturnedInBand inBand)) {
            return Mono.just(new NetworkResult.InvalidMessage<>(what + " receipt should be returned in-band"));
        }
        if (!inBand.sender().sameEntry(target)) {
            return Mono.error(new IllegalStateException("unexpected noderef mismatch on " + what + " "
                    + inBand.sender() + ", expected " + target));
        }
        // As Veilid: over the last flow of the node ref the receipt came with, filtered to that flow's kind.
        return sendExisting(ctx, inBand.sender(), data, what + " dropped from " + target, method)
                .map(result -> result instanceof NetworkResult.NoConnection<SendDataResult> nc
                        && !nc.reason().endsWith("dropped from " + target)
                        ? new NetworkResult.NoConnection<>("unable to send over " + what) : result);
    }
}
