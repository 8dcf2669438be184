package io.veilflux.benchmarks;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoSystem;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.Nonce;
import io.veilflux.crypto.SharedSecret;
import io.veilflux.crypto.Signature;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The VLD0 primitives one at a time, with Bouncy Castle's bare Ed25519ph verify beside ours. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CryptoBenchmark {
    private static final byte[] CONTEXT = "VLD0_SIGN".getBytes(StandardCharsets.US_ASCII);

    private Crypto crypto;
    private CryptoSystem vld0;
    private KeyPair own;
    private KeyPair peer;
    private byte[] message;
    private Signature signature;
    private byte[] publicKeyBytes;
    private byte[] signatureBytes;
    private SharedSecret key;
    private Nonce nonce;
    private byte[] plain1k;
    private byte[] plain64k;
    private byte[] out64k;

    @Setup
    public void setup() {
        crypto = Crypto.standard();
        vld0 = crypto.best();
        own = vld0.generateKeyPair();
        peer = vld0.generateKeyPair();
        message = vld0.randomBytes(1024);
        signature = vld0.sign(own.key(), own.secret(), message);
        publicKeyBytes = own.key().value().toByteArray();
        signatureBytes = signature.value().toByteArray();
        key = vld0.randomSharedSecret();
        nonce = vld0.randomNonce();
        plain1k = vld0.randomBytes(1024);
        plain64k = vld0.randomBytes(65536);
        out64k = new byte[65536];
        crypto.cachedDh(peer.key(), own.secret());
    }

    @Benchmark
    public Signature sign() {
        return vld0.sign(own.key(), own.secret(), message);
    }

    /** Our verify: strict rules, public point cached per key. */
    @Benchmark
    public boolean verify() {
        return vld0.verify(own.key(), message, signature);
    }

    /** Bouncy Castle's Ed25519ph verify from the key bytes: the point is decoded on every call. */
    @Benchmark
    public boolean verifyBareBouncyCastle() {
        return Ed25519.verifyPrehash(signatureBytes, 0, publicKeyBytes, 0, CONTEXT, prehash(message), 0);
    }

    @Benchmark
    public SharedSecret dhCold() {
        return vld0.computeDh(peer.key(), own.secret());
    }

    @Benchmark
    public SharedSecret dhCached() {
        return crypto.cachedDh(peer.key(), own.secret());
    }

    @Benchmark
    public byte[] xchacha20With1KiB() {
        return vld0.cryptNoAuth(plain1k, nonce, key);
    }

    @Benchmark
    public byte[] xchacha20With64KiB() {
        vld0.cryptNoAuth(plain64k, 0, plain64k.length, out64k, 0, nonce, key);
        return out64k;
    }

    static byte[] prehash(byte[] data) {
        SHA512Digest digest = new SHA512Digest();
        digest.update(data, 0, data.length);
        byte[] ph = new byte[64];
        digest.doFinal(ph, 0);
        return ph;
    }
}
