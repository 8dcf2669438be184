package io.veilflux.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.veilflux.crypto.Bytes;
import io.veilflux.manager.NetworkManager;
import io.veilflux.net.NetworkResult;
import io.veilflux.rpc.Destination;
import io.veilflux.rpc.InboundAppMessage;
import io.veilflux.rpc.SendDataResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * App messages sent by one node and arriving at another, in the same JVM: each message carries its
 * send time ({@link System#nanoTime()}) in its first 8 bytes, so the receiving side records the
 * send-to-arrival latency in an HdrHistogram. Only measurement iterations count. At the end of a
 * trial the percentiles go, as one JSON line, to the file named by the system property
 * {@value #LATENCY_FILE_PROPERTY} (which {@code run.sh} sets), and to standard output.
 */
final class Arrivals {
    static final String LATENCY_FILE_PROPERTY = "veilflux.latencies";
    private static final long WAIT_MILLIS = LoopbackNodes.WAIT.toMillis();

    private final Semaphore arrived = new Semaphore(0);
    private final Recorder recorder = new Recorder(3);
    private final Histogram measured = new Histogram(3);
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile boolean measuring;
    private long sent;

    /** A copy of {@code filler} (at least 8 bytes) with the time now in its first 8 bytes. */
    static Bytes stamped(byte[] filler) {
        byte[] message = filler.clone();
        long now = System.nanoTime();
        for (int i = 0; i < Long.BYTES; i++) {
            message[i] = (byte) (now >>> (8 * i));
        }
        return Bytes.of(message);
    }

    /**
     * Sends {@code count} app messages from {@code from} to {@code to}, each a stamped copy of
     * {@code filler}, whose results this watches; they are to arrive here.
     */
    void send(NetworkManager from, Destination to, byte[] filler, int count) {
        for (int i = 0; i < count; i++) {
            from.rpc().rpcCallAppMessage(to, stamped(filler)).subscribe(this::onSent, this::onSendError);
        }
        sent += count;
    }

    /** Messages {@link #send sent} so far. */
    long sent() {
        return sent;
    }

    /** Subscribe this to the receiving node's app messages. */
    void onArrival(InboundAppMessage message) {
        long now = System.nanoTime();
        Bytes bytes = message.message();
        long sent = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            sent |= (bytes.get(i) & 0xFFL) << (8 * i);
        }
        recorder.recordValue(Math.max(0, now - sent));
        arrived.release();
    }

    /** A send's result: a message that was not sent will never arrive. */
    private void onSent(NetworkResult<SendDataResult> result) {
        if (!(result instanceof NetworkResult.Value<?>)) {
            failure.compareAndSet(null, "an app message was not sent: " + result);
        }
    }

    private void onSendError(Throwable error) {
        failure.compareAndSet(null, "an app message failed: " + error);
    }

    /** Waits for {@code count} more arrivals; fails when a send failed or messages are lost. */
    void await(int count) throws InterruptedException {
        if (!arrived.tryAcquire(count, WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            String why = failure.get();
            throw new IllegalStateException(why != null ? why : count + " app messages did not all arrive within "
                    + WAIT_MILLIS + " ms");
        }
    }

    /** Call from a {@code @Setup(Level.Iteration)}: forgets what the iteration before recorded. */
    void iterationStarted(IterationParams iteration) {
        recorder.reset();
        measuring = iteration.getType() == IterationType.MEASUREMENT;
    }

    /** Call from a {@code @TearDown(Level.Iteration)}: keeps what a measurement iteration recorded. */
    void iterationEnded() {
        Histogram interval = recorder.getIntervalHistogram();
        if (measuring) {
            measured.add(interval);
        }
    }

    /** Call from a {@code @TearDown(Level.Trial)}: writes this trial's latency percentiles. */
    void report(BenchmarkParams benchmark) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode line = json.createObjectNode();
        line.put("benchmark", benchmark.getBenchmark());
        ObjectNode params = line.putObject("params");
        benchmark.getParamsKeys().forEach(key -> params.put(key, benchmark.getParam(key)));
        line.put("count", measured.getTotalCount());
        line.put("p50Micros", micros(measured.getValueAtPercentile(50)));
        line.put("p90Micros", micros(measured.getValueAtPercentile(90)));
        line.put("p99Micros", micros(measured.getValueAtPercentile(99)));
        line.put("p999Micros", micros(measured.getValueAtPercentile(99.9)));
        line.put("maxMicros", micros(measured.getMaxValue()));
        String text = line.toString();
        System.out.println("latency: " + text);
        String file = System.getProperty(LATENCY_FILE_PROPERTY);
        if (file != null) {
            try {
                Files.writeString(Path.of(file), text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append the latencies to " + file, e);
            }
        }
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }
}
