package io.veilflux.benchmarks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.DatagramPacket;
import io.veilflux.net.DialInfo;
import io.veilflux.net.SocketAddress;
import io.veilflux.transport.ConnectionConfig;
import io.veilflux.transport.ConnectionGate;
import io.veilflux.transport.Network;
import io.veilflux.transport.NetworkConfig;
import io.veilflux.transport.TransportMeters;
import java.net.InetSocketAddress;
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
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.udp.UdpServer;

/**
 * UDP echo round trips on loopback, {@value #WINDOW} in flight: through veilflux's UDP transport
 * (assembly header, punishment check, bounded hand-off, reply on the flow) and through a bare
 * Reactor Netty UDP echo, in the same run. One operation is one datagram echoed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class UdpBenchmark {
    static final int WINDOW = 16;
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Param({"64", "1024"})
    public int size;

    private byte[] payload;
    private final Semaphore echoes = new Semaphore(0);

    private Network server;
    private Network client;
    private DialInfo serverDialInfo;

    private Connection bareServer;
    private Connection bareClient;
    private InetSocketAddress bareServerAddress;

    @Setup(Level.Trial)
    public void setup() {
        payload = new byte[size];
        TransportMeters meters = new TransportMeters(new SimpleMeterRegistry());
        NetworkConfig config = new NetworkConfig(List.of(SocketAddress.parse("127.0.0.1:0")), List.of(),
                ConnectionConfig.defaults(), 4096);
        server = Network.start(config, meters, ConnectionGate.OPEN, Schedulers.parallel()).block(WAIT);
        client = Network.start(config, meters, ConnectionGate.OPEN, Schedulers.parallel()).block(WAIT);
        server.inbound().flatMap(p -> server.sendDataToExistingFlow(p.flow(), p.data())).subscribe();
        client.inbound().subscribe(p -> echoes.release());
        serverDialInfo = DialInfo.udp(server.udpAddresses().get(0));

        bareServer = UdpServer.create().host("127.0.0.1").port(0)
                .handle((in, out) -> out.sendObject(in.receiveObject().cast(DatagramPacket.class)
                        .map(p -> new DatagramPacket(p.content().retain(), p.sender()))))
                .bindNow(WAIT);
        bareServerAddress = (InetSocketAddress) bareServer.address();
        bareClient = UdpServer.create().host("127.0.0.1").port(0)
                .handle((in, out) -> in.receiveObject().doOnNext(o -> echoes.release()).then())
                .bindNow(WAIT);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.stop().block(WAIT);
        client.stop().block(WAIT);
        bareServer.disposeNow();
        bareClient.disposeNow();
    }

    @Benchmark
    @OperationsPerInvocation(WINDOW)
    public void veilfluxTransportEcho() throws InterruptedException {
        Flux.range(0, WINDOW).flatMap(i -> client.sendDataToDialInfo(serverDialInfo, payload)).subscribe();
        await();
    }

    @Benchmark
    @OperationsPerInvocation(WINDOW)
    public void bareReactorNettyEcho() throws InterruptedException {
        for (int i = 0; i < WINDOW; i++) {
            bareClient.channel().write(new DatagramPacket(Unpooled.wrappedBuffer(payload), bareServerAddress));
        }
        bareClient.channel().flush();
        await();
    }

    private void await() throws InterruptedException {
        if (!echoes.tryAcquire(WINDOW, WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("echoes lost on loopback");
        }
    }
}
