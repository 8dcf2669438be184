package io.veilflux.benchmarks;

import io.veilflux.manager.NetworkManager;
import io.veilflux.net.ProtocolType;
import io.veilflux.routing.FilteredNodeRef;
import io.veilflux.routing.NodeRefFilter;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.rpc.Destination;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import reactor.core.Disposable;

/**
 * App messages of {@value #SIZE} bytes from node A (127.0.0.2) to node B (127.0.0.3), two real
 * network managers on loopback, over UDP or over TCP (A's node ref for B restricted to the
 * protocol): {@code rpc().rpcCallAppMessage} at A to arrival on B's {@code appMessages()}, which
 * is the whole path (operation encoding, envelope build and sign, contact method, transport,
 * B's inbound pipeline, RPC decode). One operation is one message. {@code oneInFlight} gives the
 * unloaded latency; {@code window} keeps {@value #WINDOW} in flight for throughput. Latencies
 * (send to arrival) go to {@link Arrivals}, the CPU time of both nodes to {@link ProcessCpu}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TwoNodeBenchmark {
    static final int WINDOW = 32;
    static final int SIZE = 1024;

    @Param({"UDP", "TCP"})
    public ProtocolType protocol;

    private final LoopbackNodes nodes = new LoopbackNodes();
    private final Arrivals arrivals = new Arrivals();
    private byte[] filler;
    private NetworkManager a;
    private NetworkManager b;
    private Destination toB;
    private Disposable listening;

    @Setup(Level.Trial)
    public void setup() throws InterruptedException {
        filler = new byte[SIZE];
        ThreadLocalRandom.current().nextBytes(filler);
        a = nodes.start(2);
        b = nodes.start(3);
        listening = b.appMessages().subscribe(arrivals::onArrival);
        FilteredNodeRef bAtA = LoopbackNodes.introduce(a, b);
        toB = Destination.direct(bAtA.unfiltered().customFiltered(NodeRefFilter.all().withProtocolType(protocol)));
        // The steady state of two nodes that know each other: B learns A's peer info from the first
        // message, and once A hears from B that it has it, A's messages leave it out.
        arrivals.send(a, toB, filler, 1);
        arrivals.await(1);
        LoopbackNodes.status(b, Destination.direct(LoopbackNodes.introduce(b, a)));
        if (!bAtA.hasSeenOurNodeInfoTs(RoutingDomain.PUBLIC_INTERNET)) {
            throw new IllegalStateException("A still thinks B lacks its peer info; every message would carry it");
        }
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        arrivals.iterationStarted(iteration);
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        arrivals.iterationEnded();
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams benchmark) {
        try {
            double packets = nodes.counter(b, "veilflux.net.packets.in", "protocol", protocol.name().toLowerCase(Locale.ROOT));
            if (packets < arrivals.sent()) {
                throw new IllegalStateException("B received " + (long) packets + " packets over " + protocol + " but A sent "
                        + arrivals.sent() + " messages: the contact method did not keep to " + protocol);
            }
            arrivals.report(benchmark);
        } finally {
            listening.dispose();
            nodes.close();
        }
    }

    @Benchmark
    public void oneInFlight(ProcessCpu cpu) throws InterruptedException {
        cpu.operations(1);
        arrivals.send(a, toB, filler, 1);
        arrivals.await(1);
    }

    @Benchmark
    @OperationsPerInvocation(WINDOW)
    public void window(ProcessCpu cpu) throws InterruptedException {
        cpu.operations(WINDOW);
        arrivals.send(a, toB, filler, WINDOW);
        arrivals.await(WINDOW);
    }
}
