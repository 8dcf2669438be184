package io.veilflux.benchmarks;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.CryptoSystem;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.Nonce;
import io.veilflux.crypto.SharedSecret;
import io.veilflux.wire.Envelope;
import io.veilflux.wire.EnvelopeCodec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ENV0 build and decode+open at several body sizes (random, so incompressible), and the target's
 * baseline in the same run: one bare Ed25519ph verify of the envelope plus one XChaCha20 of the
 * body. The ratio decodeAndOpen / bareVerifyPlusXChaCha20 at 1 KiB is the pipeline's overhead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EnvelopeBenchmark {
    private static final byte[] CONTEXT = "VLD0_SIGN".getBytes(StandardCharsets.US_ASCII);

    /** 65076 is the largest incompressible body that fits an envelope. */
    @Param({"64", "1024", "16384", "65076"})
    public int bodySize;

    private EnvelopeCodec codec;
    private CryptoSystem vld0;
    private KeyPair sender;
    private KeyPair recipient;
    private Envelope header;
    private byte[] body;
    private byte[] envelope;
    private byte[] publicKeyBytes;
    private byte[] signatureBytes;
    private byte[] signedBytes;
    private SharedSecret key;
    private Nonce nonce;

    @Setup
    public void setup() {
        Crypto crypto = Crypto.standard();
        vld0 = crypto.best();
        codec = new EnvelopeCodec(crypto);
        sender = vld0.generateKeyPair();
        recipient = vld0.generateKeyPair();
        body = vld0.randomBytes(bodySize);
        header = new Envelope(CryptoKind.VLD0, 1_700_000_000_000_000L, vld0.randomNonce(), sender.nodeId(),
                recipient.nodeId());
        envelope = codec.encode(header, body, sender.secret());
        publicKeyBytes = sender.key().value().toByteArray();
        signatureBytes = Arrays.copyOfRange(envelope, envelope.length - 64, envelope.length);
        signedBytes = Arrays.copyOf(envelope, envelope.length - 64);
        key = vld0.randomSharedSecret();
        nonce = vld0.randomNonce();
    }

    @Benchmark
    public byte[] build() {
        return codec.encode(header, body, sender.secret());
    }

    @Benchmark
    public byte[] decodeAndOpen() {
        return codec.openBody(codec.decode(envelope), envelope, recipient.secret());
    }

    @Benchmark
    public byte[] bareVerifyPlusXChaCha20() {
        if (!Ed25519.verifyPrehash(signatureBytes, 0, publicKeyBytes, 0, CONTEXT, CryptoBenchmark.prehash(signedBytes), 0)) {
            throw new IllegalStateException("the envelope's signature must verify");
        }
        return vld0.cryptNoAuth(body, nonce, key);
    }
}
