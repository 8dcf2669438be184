package io.veilflux.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Turns a JMH JSON result into a markdown table and adds the same-run ratios: envelope decode+open
 * to the bare verify plus XChaCha20 baseline at each body size, the inbound pipeline to its crypto
 * floor (measured apart and interleaved), relayed app messages to direct ones over UDP, and TCP to
 * UDP. Where benchmarks report {@link ThreadCpu} or {@link ProcessCpu} counters, it adds the CPU
 * time per operation and the ratios by it; given the latency lines {@link Arrivals} wrote, their
 * percentiles. Usage: {@code Report results.json results.md [latencies.jsonl]}.
 */
public final class Report {
    private static final String PREFIX = "^io\\.veilflux\\.benchmarks\\.";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String PIPELINE = "InboundPipelineBenchmark.pipeline";
    private static final String UDP_WINDOW = "TwoNodeBenchmark.window{\"protocol\":\"UDP\"}";
    /** Each ratio: its label, the benchmark over, the benchmark under (name and params as JMH writes them). */
    private static final List<String[]> RATIOS = List.of(
            new String[] {"inbound pipeline / crypto floor (1 KiB, DH cache warm)", PIPELINE,
                    "InboundPipelineBenchmark.cryptoFloor"},
            new String[] {"inbound pipeline with the RPC hand-off refused / crypto floor",
                    "InboundPipelineBenchmark.pipelineRpcStopped", "InboundPipelineBenchmark.cryptoFloor"},
            new String[] {"relayed A→R→B / direct A→B, UDP, window " + TwoNodeBenchmark.WINDOW, "RelayBenchmark.relayed",
                    UDP_WINDOW},
            new String[] {"TCP / UDP two-node app messages, window " + TwoNodeBenchmark.WINDOW,
                    "TwoNodeBenchmark.window{\"protocol\":\"TCP\"}", UDP_WINDOW});

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode runs = MAPPER.readTree(Path.of(args[0]).toFile());
        StringBuilder md = new StringBuilder(
                "| benchmark | params | ops/s | ± (99.9%) | CPU µs/op |\n|---|---|---:|---:|---:|\n");
        Map<String, Double> scores = new HashMap<>();
        Map<String, Double> cpuPerOp = new HashMap<>();
        Map<Integer, Double> decode = new TreeMap<>();
        Map<Integer, Double> baseline = new TreeMap<>();
        OptionalDouble interleaved = OptionalDouble.empty();
        for (JsonNode run : runs) {
            String name = run.path("benchmark").asText().replaceFirst(PREFIX, "");
            String key = name + (run.path("params").isMissingNode() ? "" : run.path("params").toString());
            double score = run.path("primaryMetric").path("score").asDouble();
            double error = run.path("primaryMetric").path("scoreError").asDouble();
            JsonNode secondary = run.path("secondaryMetrics");
            String cpu = "";
            double operations = secondary.path("operations").path("score").asDouble();
            if (operations > 0) {
                boolean thread = secondary.has("cpuNanos");
                double nanos = secondary.path(thread ? "cpuNanos" : "processCpuNanos").path("score").asDouble();
                cpuPerOp.put(key, nanos / operations);
                cpu = String.format(Locale.ROOT, "%.1f (%s)", nanos / operations / 1000, thread ? "thread" : "process");
            }
            if (secondary.has("pipelineNanos")) {
                interleaved = OptionalDouble.of(secondary.path("floorNanos").path("score").asDouble()
                        / secondary.path("pipelineNanos").path("score").asDouble());
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %s |%n", name,
                    key.substring(name.length()), score, error, cpu));
            scores.put(key, score);
            int size = run.path("params").path("bodySize").asInt(-1);
            if (name.endsWith(".decodeAndOpen")) {
                decode.put(size, score);
            } else if (name.endsWith(".bareVerifyPlusXChaCha20")) {
                baseline.put(size, score);
            }
        }
        if (!decode.isEmpty()) {
            md.append("\n| body size | decode+open / (bare verify + XChaCha20) |\n|---:|---:|\n");
            decode.forEach((size, score) -> {
                Double base = baseline.get(size);
                if (base != null) {
                    md.append(String.format(Locale.ROOT, "| %d | %.2f× |%n", size, score / base));
                }
            });
        }
        md.append(ratios(scores, cpuPerOp, interleaved));
        if (args.length > 2 && Files.exists(Path.of(args[2]))) {
            md.append(latencies(Path.of(args[2])));
        }
        Files.writeString(Path.of(args[1]), md.toString());
        System.out.print(md);
    }

    /** The same-run ratios whose two benchmarks ran, by ops/s and by CPU time per op; interleaved for the pipeline. */
    private static String ratios(Map<String, Double> scores, Map<String, Double> cpuPerOp, OptionalDouble interleaved) {
        StringBuilder table = new StringBuilder();
        for (String[] ratio : RATIOS) {
            Double over = scores.get(ratio[1]);
            Double under = scores.get(ratio[2]);
            if (over == null || under == null) {
                continue;
            }
            Double overCpu = cpuPerOp.get(ratio[1]);
            Double underCpu = cpuPerOp.get(ratio[2]);
            String byCpu = overCpu == null || underCpu == null ? "" : String.format(Locale.ROOT, "%.2f×", underCpu / overCpu);
            String alternating = ratio[1].equals(PIPELINE) && interleaved.isPresent()
                    ? String.format(Locale.ROOT, "%.2f×", interleaved.getAsDouble()) : "";
            table.append(String.format(Locale.ROOT, "| %s | %.2f× | %s | %s |%n", ratio[0], over / under, byCpu, alternating));
        }
        return table.length() == 0 ? "" : "\n| same-run ratio | by ops/s | by CPU time per op | interleaved, by time per half |\n"
                + "|---|---:|---:|---:|\n" + table;
    }

    private static String latencies(Path file) throws IOException {
        StringBuilder table = new StringBuilder("\n| latency, send to arrival | params | messages | p50 µs | p90 µs | p99 µs"
                + " | p99.9 µs | max µs |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode latency = MAPPER.readTree(line);
            table.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f |%n",
                    latency.path("benchmark").asText().replaceFirst(PREFIX, ""), latency.path("params"),
                    latency.path("count").asLong(), latency.path("p50Micros").asDouble(),
                    latency.path("p90Micros").asDouble(), latency.path("p99Micros").asDouble(),
                    latency.path("p999Micros").asDouble(), latency.path("maxMicros").asDouble()));
        }
        return table.toString();
    }
}
