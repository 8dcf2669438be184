package io.veilflux.node;

import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RoutingDomain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ObjIntConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.core.publisher.Mono;

/**
 * A small network of real nodes on this machine, for tests and demos: node {@code i} listens on
 * UDP and TCP/WS at {@code 127.0.0.(i + 2)} (ports picked by the system), with the
 * {@link AddressProfile#LOOPBACK_AS_PUBLIC loopback-as-public} address profile and direct app
 * messages on. Node 0 starts first and is everyone's bootstrap node ({@code udp://127.0.0.2:<port>},
 * unsigned records accepted). Needs the whole of 127.0.0.0/8 on loopback, as Linux has it (macOS
 * needs an alias per address).
 *
 * <pre>{@code
 * try (LoopbackNetwork network = LoopbackNetwork.start(3).awaitConnected(Duration.ofSeconds(10))) {
 *     network.node(0).sendAppMessage(network.node(2).nodeId(), "hi".getBytes(UTF_8)).block();
 * }
 * }</pre>
 */
public final class LoopbackNetwork implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LoopbackNetwork.class);
    /** 127.0.0.2 to 127.0.0.254. */
    public static final int MAX_NODES = 253;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final List<VeilfluxNode> nodes;

    private LoopbackNetwork(List<VeilfluxNode> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Starts {@code count} nodes; blocks until all are up. */
    public static LoopbackNetwork start(int count) {
        return start(count, (builder, index) -> { });
    }

    /**
     * Starts {@code count} nodes, letting {@code adjust} change each node's builder (it gets the
     * builder and the node's index) after the network's own settings; blocks until all are up.
     *
     * @throws IllegalArgumentException unless {@code 1 <= count <= }{@value #MAX_NODES}
     */
    public static LoopbackNetwork start(int count, ObjIntConsumer<VeilfluxNode.Builder> adjust) {
        if (count < 1 || count > MAX_NODES) {
            throw new IllegalArgumentException("a loopback network has 1 to " + MAX_NODES + " nodes, not " + count);
        }
        List<VeilfluxNode> started = new ArrayList<>();
        try {
            VeilfluxNode boot = build(0, List.of(), adjust);
            started.add(boot);
            boot.start().block(START_TIMEOUT);
            List<String> bootstrap = List.of(boot.bootstrapEntry());
            for (int i = 1; i < count; i++) {
                started.add(build(i, bootstrap, adjust));
            }
            Flux.fromIterable(started.subList(1, started.size())).flatMap(VeilfluxNode::start).blockLast(START_TIMEOUT);
        } catch (RuntimeException e) {
            started.forEach(VeilfluxNode::close);
            throw e;
        }
        LOG.info("loopback network of {} nodes started; bootstrap node {}", count, started.get(0).nodeId());
        return new LoopbackNetwork(started);
    }

    private static VeilfluxNode build(int index, List<String> bootstrap, ObjIntConsumer<VeilfluxNode.Builder> adjust) {
        VeilfluxNode.Builder builder = VeilfluxNode.builder()
                .listen(address(index) + ":0")
                .addressProfile(AddressProfile.LOOPBACK_AS_PUBLIC)
                .directAppMessages(true)
                .bootstrap(bootstrap.toArray(String[]::new))
                .bootstrapKeys();
        adjust.accept(builder, index);
        return builder.build();
    }

    /** The loopback address node {@code index} listens on. */
    public static String address(int index) {
        return "127.0.0." + (index + 2);
    }

    public List<VeilfluxNode> nodes() {
        return nodes;
    }

    public VeilfluxNode node(int index) {
        return nodes.get(index);
    }

    public int size() {
        return nodes.size();
    }

    /**
     * Waits until every node's routing table has every other node. The routing table's bootstrap
     * task and FindNode fill the tables within seconds; to make the wait short and certain, this also
     * registers each node's published PublicInternet peer info in every other node's routing table
     * that lacks it, as a FindNode answer would. Blocks, so not for event loops.
     *
     * @throws IllegalStateException naming who does not know whom when {@code timeout} runs out
     */
    public LoopbackNetwork awaitConnected(Duration timeout) {
        Boolean connected = Flux.interval(Duration.ZERO, POLL_INTERVAL, Schedulers.boundedElastic())
                .map(tick -> introduceStrangers())
                .filter(Boolean::booleanValue)
                .take(timeout)
                .blockFirst();
        if (connected == null) {
            throw new IllegalStateException("the loopback network is not connected after " + timeout + ": "
                    + strangers().stream().collect(Collectors.joining("; ")));
        }
        return this;
    }

    /** Registers every node a node does not know yet; whether everyone now knows everyone. */
    private boolean introduceStrangers() {
        for (VeilfluxNode node : nodes) {
            for (VeilfluxNode other : nodes) {
                if (node != other && !knows(node, other)) {
                    publishedPeerInfo(other).ifPresent(peer -> node.networkManager().routingTable()
                            .registerNodeWithPeerInfo(peer, RoutingDomain.PUBLIC_INTERNET, false));
                }
            }
        }
        return strangers().isEmpty();
    }

    private List<String> strangers() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = 0; j < nodes.size(); j++) {
                if (i != j && !knows(nodes.get(i), nodes.get(j))) {
                    out.add("node " + i + " does not know node " + j
                            + (publishedPeerInfo(nodes.get(j)).isEmpty() ? " (which publishes no peer info)" : ""));
                }
            }
        }
        return out;
    }

    private static boolean knows(VeilfluxNode node, VeilfluxNode other) {
        return node.networkManager().routingTable().lookupNodeId(other.nodeId()).isPresent();
    }

    private static Optional<PeerInfo> publishedPeerInfo(VeilfluxNode node) {
        return node.networkManager().routingDomains().detail(RoutingDomain.PUBLIC_INTERNET).publishedPeerInfo();
    }

    /** Stops and closes every node. */
    @Override
    public void close() {
        try {
            Flux.fromIterable(nodes)
                    .flatMap(node -> node.stop().onErrorResume(e -> {
                        LOG.debug("stopping {}: {}", node, e.getMessage());
                        return Mono.<Void>empty();
                    }))
                    .blockLast(START_TIMEOUT);
        } finally {
            nodes.forEach(VeilfluxNode::close);
        }
    }
}
