package io.veilflux.cli.demo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.veilflux.crypto.NodeId;
import io.veilflux.net.SnakeCase;
import io.veilflux.node.NodeNotFoundException;
import io.veilflux.node.SendFailedException;
import io.veilflux.node.VeilfluxNode;
import io.veilflux.rpc.SendDataResult;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the demo: starts the network, waits until it has organised itself (bootstrap, relays),
 * then sends app messages and calls between every pair of nodes for a while, and reports what
 * carried them and how fast. Its timers run on bounded-elastic threads because looking at the
 * routing tables may wait for their locks.
 */
public final class Demo {
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SEND_INTERVAL = Duration.ofMillis(20);
    private static final Duration STRAGGLERS = Duration.ofSeconds(2);
    /** Every this many sends is an app call instead of a message. */
    private static final int CALL_EVERY = 4;

    private final int nodeCount;
    private final Duration duration;
    private final PrintStream progress;

    /** One message in flight: when it left, and what we learned since. */
    private static final class Sent {
        final long startNanos = System.nanoTime();
        volatile String method;
        volatile long arrivedNanos;
    }

    private final Map<Long, Sent> messages = new ConcurrentHashMap<>();
    private final Histogram callRoundTrips = new Histogram(3);
    private final AtomicLong callsAsked = new AtomicLong();
    private final Map<String, Long> failureReasons = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** @param progress where progress lines go (stderr, so that {@code --json} output stays clean) */
    public Demo(int nodeCount, Duration duration, PrintStream progress) {
        DemoNetwork.roles(nodeCount);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the demo's duration must be positive, got " + duration);
        }
        this.nodeCount = nodeCount;
        this.duration = duration;
        this.progress = progress;
    }

    public DemoReport run() {
        progress.printf(Locale.ROOT, "starting %d nodes on 127.0.0.2..%d%n", nodeCount, nodeCount + 1);
        try (DemoNetwork network = DemoNetwork.start(nodeCount)) {
            for (int i = 0; i < nodeCount; i++) {
                progress.printf(Locale.ROOT, "  node %d  %-32s %s%n", i, network.role(i).label, network.nodes().get(i).nodeId());
            }
            settle(network);
            Disposable receivers = receive(network);
            try {
                long start = System.nanoTime();
                traffic(network);
                double seconds = (System.nanoTime() - start) / 1e9;
                Mono.delay(STRAGGLERS).block();
                return report(network, seconds);
            } finally {
                receivers.dispose();
            }
        }
    }

    /** Waits, printing progress each second, until NATed nodes publish relays and everyone knows everyone. */
    private void settle(DemoNetwork network) {
        int pairs = nodeCount * (nodeCount - 1);
        Boolean settled = Flux.interval(Duration.ofSeconds(1), Schedulers.boundedElastic())
                .map(second -> {
                    progress.printf(Locale.ROOT, "  %3ds  peers known %d/%d  relays published %d%n", second + 1,
                            network.knownPairs(), pairs, relaysPublished(network));
                    return network.settled();
                })
                .filter(Boolean::booleanValue)
                .take(SETTLE_TIMEOUT)
                .blockFirst();
        if (settled == null) {
            progress.println("  the network did not settle within " + SETTLE_TIMEOUT.toSeconds()
                    + " s; sending anyway, some sends will fail");
        }
    }

    private static int relaysPublished(DemoNetwork network) {
        int total = 0;
        for (int i = 0; i < network.nodes().size(); i++) {
            total += network.relays(i);
        }
        return total;
    }

    /** Every node notes arriving messages and answers app calls. */
    private Disposable receive(DemoNetwork network) {
        Disposable.Composite all = Disposables.composite();
        for (VeilfluxNode node : network.nodes()) {
            all.add(node.appMessages().subscribe(m -> {
                Sent sent = messages.get(ByteBuffer.wrap(m.message().toByteArray()).getLong());
                if (sent != null) {
                    sent.arrivedNanos = System.nanoTime();
                }
            }));
            all.add(node.appCalls().flatMap(call -> call.reply(call.message().toByteArray())
                    .onErrorResume(e -> Mono.empty())).subscribe());
        }
        return all;
    }

    /** Sends from every node to every other in turn, printing progress each second. */
    private void traffic(DemoNetwork network) {
        List<int[]> pairs = new ArrayList<>();
        for (int from = 0; from < nodeCount; from++) {
            for (int to = 0; to < nodeCount; to++) {
                if (from != to) {
                    pairs.add(new int[] {from, to});
                }
            }
        }
        long ticksPerSecond = Duration.ofSeconds(1).toNanos() / SEND_INTERVAL.toNanos();
        Flux.interval(SEND_INTERVAL, Schedulers.boundedElastic())
                .take(duration)
                .doOnNext(tick -> {
                    if (tick % ticksPerSecond == ticksPerSecond - 1) {
                        progress.printf(Locale.ROOT, "  traffic %3ds  messages %d sent, %d delivered; calls %d answered%n",
                                (tick + 1) / ticksPerSecond, messages.size(), delivered(), callRoundTrips.getTotalCount());
                    }
                })
                .flatMap(tick -> {
                    int[] pair = pairs.get((int) (tick % pairs.size()));
                    VeilfluxNode from = network.nodes().get(pair[0]);
                    NodeId to = network.nodes().get(pair[1]).nodeId();
                    return tick % CALL_EVERY == CALL_EVERY - 1 ? call(from, to) : message(from, to);
                }, 64)
                .blockLast();
    }

    private Mono<Void> message(VeilfluxNode from, NodeId to) {
        long id = ids.incrementAndGet();
        Sent sent = new Sent();
        messages.put(id, sent);
        return from.sendAppMessage(to, ByteBuffer.allocate(Long.BYTES).putLong(id).array())
                .doOnNext(result -> sent.method = method(result))
                .onErrorResume(e -> {
                    sent.method = "failed";
                    failed(e);
                    return Mono.empty();
                })
                .then();
    }

    private Mono<Void> call(VeilfluxNode from, NodeId to) {
        callsAsked.incrementAndGet();
        long start = System.nanoTime();
        return from.appCall(to, new byte[] {1})
                .doOnNext(answer -> {
                    synchronized (callRoundTrips) {
                        callRoundTrips.recordValue((System.nanoTime() - start) / 1000);
                    }
                })
                .onErrorResume(e -> {
                    failed(e);
                    return Mono.empty();
                })
                .then();
    }

    private void failed(Throwable e) {
        String reason = e instanceof SendFailedException f ? f.result().getClass().getSimpleName()
                : e instanceof NodeNotFoundException ? "NodeNotFound" : e.getClass().getSimpleName();
        failureReasons.merge(reason, 1L, Long::sum);
    }

    private static String method(SendDataResult result) {
        return result.contactMethod().map(m -> SnakeCase.of(m.getClass())).orElse("unreachable (existing flow)");
    }

    private long delivered() {
        return messages.values().stream().filter(s -> s.arrivedNanos != 0).count();
    }

    private DemoReport report(DemoNetwork network, double seconds) {
        Map<String, Histogram> latency = new TreeMap<>();
        Map<String, long[]> counts = new TreeMap<>();
        for (Sent sent : messages.values()) {
            String method = Optional.ofNullable(sent.method).orElse("pending");
            long[] c = counts.computeIfAbsent(method, k -> new long[2]);
            c[0]++;
            if (sent.arrivedNanos != 0) {
                c[1]++;
                latency.computeIfAbsent(method, k -> new Histogram(3))
                        .recordValue(Math.max(0, sent.arrivedNanos - sent.startNanos) / 1000);
            }
        }
        Map<String, long[]> signals = signals(network);
        List<DemoReport.MethodRow> rows = new ArrayList<>();
        counts.forEach((method, c) -> {
            Histogram h = latency.get(method);
            long[] s = signals.getOrDefault(method, new long[2]);
            rows.add(new DemoReport.MethodRow(method, c[0], c[1], millis(h, 50), millis(h, 99), s[0], s[1]));
        });
        long failures = failureReasons.values().stream().mapToLong(Long::longValue).sum();
        return new DemoReport(nodeCount, seconds, rows, new DemoReport.Calls(callsAsked.get(),
                callRoundTrips.getTotalCount(), millis(callRoundTrips, 50), millis(callRoundTrips, 99)),
                sum(network, "veilflux.net.receipts", "event"), sum(network, "veilflux.net.dropped", "reason"),
                sum(network, "veilflux.net.punishments", "reason"),
                total(network, "veilflux.net.bytes.in"), total(network, "veilflux.net.bytes.out"),
                failures, new TreeMap<>(failureReasons));
    }

    /** Per contact method: signals sent, and how many of their receipts came back in band. */
    private static Map<String, long[]> signals(DemoNetwork network) {
        Map<String, long[]> out = new TreeMap<>();
        for (int i = 0; i < network.nodes().size(); i++) {
            for (Counter counter : network.registry(i).find("veilflux.net.signals").counters()) {
                long[] c = out.computeIfAbsent(counter.getId().getTag("method"), k -> new long[2]);
                c[0] += (long) counter.count();
                if ("returned_in_band".equals(counter.getId().getTag("receipt"))) {
                    c[1] += (long) counter.count();
                }
            }
        }
        return out;
    }

    private static double millis(Histogram h, double percentile) {
        return h == null || h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** A counter summed over every node, by one of its tags. */
    private static Map<String, Long> sum(DemoNetwork network, String name, String tag) {
        Map<String, Long> out = new TreeMap<>();
        for (int i = 0; i < network.nodes().size(); i++) {
            MeterRegistry registry = network.registry(i);
            for (Counter counter : registry.find(name).counters()) {
                long count = (long) counter.count();
                if (count > 0) {
                    out.merge(counter.getId().getTag(tag), count, Long::sum);
                }
            }
        }
        return out;
    }

    private static long total(DemoNetwork network, String name) {
        return sum(network, name, "protocol").values().stream().mapToLong(Long::longValue).sum();
    }
}
