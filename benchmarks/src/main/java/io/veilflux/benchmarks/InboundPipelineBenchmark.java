package io.veilflux.benchmarks;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.CryptoSystem;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.Nonce;
import io.veilflux.crypto.PublicKey;
import io.veilflux.crypto.SecretKey;
import io.veilflux.crypto.SharedSecret;
import io.veilflux.crypto.Signature;
import io.veilflux.manager.NetworkManager;
import io.veilflux.net.Flow;
import io.veilflux.net.PeerAddress;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import io.veilflux.rpc.Operation;
import io.veilflux.rpc.SignedOperation;
import io.veilflux.rpc.codec.OperationCodec;
import io.veilflux.transport.InboundPacket;
import io.veilflux.wire.Envelope;
import io.veilflux.wire.EnvelopeCodec;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;

/**
 * The inbound pipeline of a started network manager against its crypto floor, in the same run.
 *
 * <p>{@code pipeline} feeds one pre-built ENV0 envelope per operation to
 * {@link NetworkManager#onRecvEnvelope} (what a transport hands over, without the socket): decode
 * with the signature check, timestamp guard, punished check, decryption with the DH from the cache,
 * sender registration, last flow, hand-off to the RPC processor (a free RPC worker decodes and
 * delivers the AppMessage operation on the handing-off thread, so that counts too). The envelopes come from
 * {@value #SENDERS} distinct senders, each on its own UDP flow, carry a {@value #BODY_SIZE}-byte
 * AppMessage operation, and have distinct, current timestamps, so the replay guard accepts every
 * one; they are built before each iteration, as many as the iteration can use.
 *
 * <p>{@code cryptoFloor} is what decoding and opening one such envelope must cost: one Ed25519ph
 * verify (ours, with the sender's point cached, as the pipeline's), one DH-cache hit and one
 * XChaCha20 of the body, over the same senders and envelopes. The DH cache is warm for every sender
 * in both (fewer senders than cache entries, filled at setup). Both report their thread's CPU time
 * per operation ({@link ThreadCpu}); {@code interleaved} alternates the two in one thread and times
 * each half ({@link Halves}), the measure that holds when the machine is busy.
 * {@code pipelineRpcStopped} splits off the cost of the hand-off and the RPC processing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class InboundPipelineBenchmark {
    static final int SENDERS = 1024;
    static final int BODY_SIZE = 1024;
    /** Envelopes built per second of iteration at least: above what one thread decodes on a 2-core development machine. */
    private static final int MIN_ENVELOPES_PER_SECOND = 20_000;

    private final LoopbackNodes nodes = new LoopbackNodes();
    private NetworkManager node;
    private Crypto crypto;
    private CryptoSystem vld0;
    private SecretKey secret;
    private KeyPair[] senders;
    private Flow[] flows;
    private EnvelopeCodec senderCodec;
    private byte[] body;
    private Floor[] floor;
    private int nextFloor;

    /** One sender's envelope, taken apart as decode+open would take it apart. */
    private record Floor(PublicKey key, byte[] data, int signedLength, Signature signature, Nonce nonce, int bodyLength) {
    }

    @Setup(Level.Trial)
    public void setup() {
        crypto = Crypto.standard();
        vld0 = crypto.best();
        KeyPair own = vld0.generateKeyPair();
        secret = own.secret();
        node = nodes.start(2, own, crypto);
        SocketAddress local = node.network().orElseThrow().udpAddresses().get(0);
        Crypto senderCrypto = Crypto.standard();
        senderCodec = new EnvelopeCodec(senderCrypto);
        body = appMessageBody();
        senders = new KeyPair[SENDERS];
        flows = new Flow[SENDERS];
        floor = new Floor[SENDERS];
        long now = nowMicros();
        for (int i = 0; i < SENDERS; i++) {
            senders[i] = senderCrypto.best().generateKeyPair();
            flows[i] = Flow.of(new PeerAddress(ProtocolType.UDP, SocketAddress.parse("127.0.0.3:" + (10_000 + i))), local);
            crypto.cachedDh(senders[i].key(), secret);
            Envelope header = header(i, now);
            byte[] data = senderCodec.encode(header, body, senders[i].secret());
            int signed = data.length - Envelope.SIGNATURE_SIZE;
            floor[i] = new Floor(senders[i].key(), data, signed,
                    new Signature(CryptoKind.VLD0, Bytes.of(data, signed, Envelope.SIGNATURE_SIZE)), header.nonce(),
                    signed - Envelope.HEADER_SIZE);
        }
        if (crypto.dhCacheSize() < SENDERS) {
            throw new IllegalStateException("the DH cache holds " + crypto.dhCacheSize() + " entries, not every sender");
        }
    }

    /** An AppMessage statement whose encoded body is as close to {@value #BODY_SIZE} bytes as capnp words allow. */
    private byte[] appMessageBody() {
        byte[] best = null;
        for (int payload = BODY_SIZE; payload > 0 && best == null; payload--) {
            byte[] message = vld0.randomBytes(payload);
            byte[] encoded = OperationCodec.encodeBody(SignedOperation.unsigned(OperationCodec.encode(new Operation(1,
                    Optional.empty(), 0, new Operation.Statement(new Operation.AppMessage(Bytes.of(message)))))));
            if (encoded.length <= BODY_SIZE) {
                best = encoded;
            }
        }
        return best;
    }

    private Envelope header(int sender, long timestamp) {
        return new Envelope(CryptoKind.VLD0, timestamp, vld0.randomNonce(), NodeId.fromPublicKey(senders[sender].key()),
                node.nodeId());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        nodes.close();
    }

    @Benchmark
    public boolean pipeline(Envelopes envelopes, ThreadCpu cpu) {
        cpu.operation();
        return receive(envelopes.next());
    }

    @Benchmark
    public byte[] cryptoFloor(ThreadCpu cpu) {
        cpu.operation();
        return openFloor();
    }

    /**
     * {@code pipeline} with the RPC processor stopped, so the hand-off is refused at once: what the
     * pipeline costs up to the RPC queue, apart from what handing over to it costs.
     */
    @Benchmark
    public boolean pipelineRpcStopped(Envelopes envelopes, RpcStopped stopped, ThreadCpu cpu) {
        cpu.operation();
        return node.onRecvEnvelope(envelopes.next()).block();
    }

    /**
     * One envelope through the pipeline, then one crypto floor, each timed: both halves see the
     * same load from the rest of the machine, so the ratio of their times holds where the ratio of
     * {@code pipeline} and {@code cryptoFloor}, measured one after the other, does not.
     */
    @Benchmark
    public byte[] interleaved(Envelopes envelopes, Halves halves) {
        long start = System.nanoTime();
        receive(envelopes.next());
        long received = System.nanoTime();
        byte[] out = openFloor();
        halves.add(received - start, System.nanoTime() - received);
        return out;
    }

    private boolean receive(InboundPacket packet) {
        Boolean processed = node.onRecvEnvelope(packet).block();
        if (!Boolean.TRUE.equals(processed)) {
            throw new IllegalStateException("the pipeline did not process an envelope; dropped: " + nodes.dropReasons(node));
        }
        return processed;
    }

    private byte[] openFloor() {
        Floor f = floor[nextFloor];
        nextFloor = (nextFloor + 1) % SENDERS;
        if (!vld0.verify(f.key(), f.data(), 0, f.signedLength(), f.signature())) {
            throw new IllegalStateException("the envelope's signature must verify");
        }
        SharedSecret key = crypto.cachedDh(f.key(), secret);
        byte[] out = new byte[f.bodyLength()];
        vld0.cryptNoAuth(f.data(), Envelope.HEADER_SIZE, f.bodyLength(), out, 0, f.nonce(), key);
        return out;
    }

    private static long nowMicros() {
        return TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
    }

    /** Stops the node's RPC processor for {@code pipelineRpcStopped}, and checks that nothing else dropped its envelopes. */
    @State(Scope.Benchmark)
    public static class RpcStopped {
        private InboundPipelineBenchmark bench;

        @Setup(Level.Trial)
        public void stop(InboundPipelineBenchmark bench) {
            this.bench = bench;
            bench.node.rpc().stop();
        }

        @TearDown(Level.Trial)
        public void check() {
            double all = bench.nodes.counter(bench.node, "veilflux.net.dropped");
            if (all != bench.nodes.counter(bench.node, "veilflux.net.dropped", "reason", "rpc_queue")) {
                throw new IllegalStateException("envelopes dropped before the RPC queue: " + bench.nodes.dropReasons(bench.node));
            }
        }
    }

    /** The time {@code interleaved} spent in each half, summed over the measurement iterations. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Halves {
        public long pipelineNanos;
        public long floorNanos;

        @Setup(Level.Iteration)
        public void reset() {
            pipelineNanos = 0;
            floorNanos = 0;
        }

        void add(long pipeline, long floor) {
            pipelineNanos += pipeline;
            floorNanos += floor;
        }
    }

    /**
     * The envelopes {@code pipeline} and {@code interleaved} may use in one iteration, built before it (on threads of their
     * own, so the benchmark thread's CPU time stays the pipeline's): round robin over the senders,
     * each sender's timestamps one microsecond apart from now. The guard learns each sender's clock
     * offset, so the envelopes must keep pace with real time from one iteration to the next, and
     * none may be used twice. Each iteration gets three times what the one before used, and at
     * least {@value #MIN_ENVELOPES_PER_SECOND} per second.
     */
    @State(Scope.Benchmark)
    public static class Envelopes {
        private final ForkJoinPool builders = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        private InboundPacket[] packets;
        private int next;

        @Setup(Level.Iteration)
        public void build(InboundPipelineBenchmark bench, IterationParams iteration) {
            int seconds = (int) Math.max(1, iteration.getTime().convertTo(TimeUnit.SECONDS));
            int count = Math.max(MIN_ENVELOPES_PER_SECOND * seconds, 3 * next);
            long now = nowMicros();
            packets = builders.submit(() -> IntStream.range(0, count).parallel().mapToObj(i -> {
                int sender = i % SENDERS;
                byte[] data = bench.senderCodec.encode(bench.header(sender, now + i / SENDERS), bench.body,
                        bench.senders[sender].secret());
                return new InboundPacket(data, bench.flows[sender]);
            }).toArray(InboundPacket[]::new)).join();
            next = 0;
        }

        @TearDown(Level.Iteration)
        public void drop() {
            packets = null;
        }

        @TearDown(Level.Trial)
        public void stop() {
            builders.shutdown();
        }

        InboundPacket next() {
            if (next == packets.length) {
                throw new IllegalStateException("all " + packets.length + " envelopes built for this iteration are used:"
                        + " raise MIN_ENVELOPES_PER_SECOND");
            }
            return packets[next++];
        }
    }
}
