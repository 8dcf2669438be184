package io.veilflux.benchmarks;

import io.veilflux.manager.NetworkManager;
import io.veilflux.manager.RelayScheduler;
import io.veilflux.net.DialInfo;
import io.veilflux.net.ProtocolType;
import io.veilflux.routing.FilteredNodeRef;
import io.veilflux.routing.RoutingDomain;
import io.veilflux.rpc.Destination;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import reactor.core.Disposable;
import reactor.core.Disposables;

/**
 * Inbound relaying through a third node: A (127.0.0.2) sends app messages of
 * {@value TwoNodeBenchmark#SIZE} bytes addressed to B (127.0.0.3) to R's UDP dial info
 * (127.0.0.4, {@code Destination.relay}); R finds B in its routing table and forwards each
 * envelope, unopened, over the flow B keeps to it, through its relay workers. One operation is one
 * envelope arriving at B through R, {@value #WINDOW} in flight. Every envelope is checked to have
 * gone through R's relay queue. Latencies go to {@link Arrivals}, the CPU time of the three nodes
 * to {@link ProcessCpu}. Compare with {@code TwoNodeBenchmark.window} over UDP in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RelayBenchmark {
    static final int WINDOW = TwoNodeBenchmark.WINDOW;

    private final LoopbackNodes nodes = new LoopbackNodes();
    private final Arrivals atB = new Arrivals();
    private final Arrivals atA = new Arrivals();
    private byte[] filler;
    private NetworkManager a;
    private NetworkManager r;
    private Destination toB;
    private Disposable listening;

    @Setup(Level.Trial)
    public void setup() throws InterruptedException {
        filler = new byte[TwoNodeBenchmark.SIZE];
        ThreadLocalRandom.current().nextBytes(filler);
        a = nodes.start(2);
        NetworkManager b = nodes.start(3);
        r = nodes.start(4);
        // R learns A and B, and keeps a flow to each, from their status questions.
        LoopbackNodes.status(b, Destination.direct(LoopbackNodes.introduce(b, r)));
        LoopbackNodes.status(a, Destination.direct(LoopbackNodes.introduce(a, r)));
        DialInfo relay = LoopbackNodes.dialInfo(r, ProtocolType.UDP);
        FilteredNodeRef bAtA = LoopbackNodes.introduce(a, b);
        toB = Destination.relay(relay, bAtA.unfiltered());
        listening = Disposables.composite(b.appMessages().subscribe(atB::onArrival),
                a.appMessages().subscribe(atA::onArrival));
        // The steady state: B learns A's peer info from the first message, and A learns that B has it
        // from B's answer (relayed through R too), so later messages leave it out.
        atB.send(a, toB, filler, 1);
        atB.await(1);
        atA.send(b, Destination.relay(relay, LoopbackNodes.introduce(b, a).unfiltered()), filler, 1);
        atA.await(1);
        if (!bAtA.hasSeenOurNodeInfoTs(RoutingDomain.PUBLIC_INTERNET)) {
            throw new IllegalStateException("A still thinks B lacks its peer info; every message would carry it");
        }
        checkAllRelayed(2);
    }

    @Setup(Level.Iteration)
    public void startIteration(IterationParams iteration) {
        atB.iterationStarted(iteration);
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        atB.iterationEnded();
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams benchmark) {
        try {
            checkAllRelayed(1 + atB.sent());
            atB.report(benchmark);
        } finally {
            listening.dispose();
            nodes.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(WINDOW)
    public void relayed(ProcessCpu cpu) throws InterruptedException {
        cpu.operations(WINDOW);
        atB.send(a, toB, filler, WINDOW);
        atB.await(WINDOW);
    }

    /**
     * Fails unless R queued at least {@code expected} envelopes for relaying. It may queue a few
     * more: A's and B's routing-table pings of each other and their answers go through R too, since
     * each records R's flow as the other's last flow, as Veilid does for a relayed sender.
     */
    private void checkAllRelayed(long expected) {
        double relayed = nodes.counter(r, RelayScheduler.ENQUEUED, "kind", "inbound");
        if (relayed < expected) {
            throw new IllegalStateException("R queued " + (long) relayed + " envelopes for relaying, expected at least "
                    + expected + "; dropped at R: " + nodes.dropReasons(r));
        }
    }
}
