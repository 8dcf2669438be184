package io.veilflux.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.net.DialInfo;
import io.veilflux.net.SocketAddress;
import io.veilflux.transport.ConnectionConfig;
import io.veilflux.transport.ConnectionGate;
import io.veilflux.transport.Network;
import io.veilflux.transport.NetworkConfig;
import io.veilflux.transport.NetworkConnection;
import io.veilflux.transport.TransportMeters;
import io.veilflux.transport.VlFraming;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
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
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

/**
 * One-way framed TCP messages on loopback, {@value #WINDOW} per operation batch, each handed over
 * on its own from the producing thread: through a veilflux connection (sniffed port, VL framing,
 * bounded queue, connection table, inbound hand-off) and through bare Reactor Netty fed by a
 * unicast sink with the same framing, in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TcpBenchmark {
    static final int WINDOW = 256;
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Param({"64", "1024"})
    public int size;

    private byte[] payload;
    private final Semaphore received = new Semaphore(0);
    private Network server;
    private Network client;
    private NetworkConnection connection;
    private DisposableServer bareServer;
    private Connection bareClient;
    private final Sinks.Many<byte[]> bareOutbound = Sinks.many().unicast().onBackpressureBuffer();

    @Setup(Level.Trial)
    public void setup() {
        payload = new byte[size];
        TransportMeters meters = new TransportMeters(new SimpleMeterRegistry());
        NetworkConfig config = new NetworkConfig(List.of(), List.of(SocketAddress.parse("127.0.0.1:0")),
                ConnectionConfig.defaults(), 4096);
        server = Network.start(config, meters, ConnectionGate.OPEN, Schedulers.parallel()).block(WAIT);
        client = Network.start(config, meters, ConnectionGate.OPEN, Schedulers.parallel()).block(WAIT);
        server.inbound().subscribe(p -> received.release());
        connection = client.connections().getOrCreate(DialInfo.tcp(server.tcpAddresses().get(0))).block(WAIT);

        bareServer = TcpServer.create().host("127.0.0.1").port(0)
                .doOnChannelInit((o, ch, a) -> ch.pipeline().addFirst(new VlFraming()))
                .handle((in, out) -> in.receiveObject().doOnNext(m -> received.release()).then())
                .bindNow(WAIT);
        bareClient = TcpClient.create().host("127.0.0.1").port(bareServer.port()).connectNow(WAIT);
        bareClient.outbound().sendObject(bareOutbound.asFlux().map(m -> VlFraming.frame(bareClient.channel().alloc(), m)))
                .then().subscribe();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.stop().block(WAIT);
        client.stop().block(WAIT);
        bareClient.disposeNow();
        bareServer.disposeNow();
    }

    @Benchmark
    @OperationsPerInvocation(WINDOW)
    public void veilfluxConnection() throws InterruptedException {
        for (int i = 0; i < WINDOW; i++) {
            while (!connection.send(payload)) {
                Thread.onSpinWait();
            }
        }
        await();
    }

    @Benchmark
    @OperationsPerInvocation(WINDOW)
    public void bareReactorNetty() throws InterruptedException {
        for (int i = 0; i < WINDOW; i++) {
            bareOutbound.emitNext(payload, Sinks.EmitFailureHandler.busyLooping(WAIT));
        }
        await();
    }

    private void await() throws InterruptedException {
        if (!received.tryAcquire(WINDOW, WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("messages lost");
        }
    }
}
