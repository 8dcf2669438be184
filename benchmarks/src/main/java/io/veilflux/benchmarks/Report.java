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
import java.util.TreeMap;

/**
 * Turns a JMH JSON result into a markdown table and adds the same-run ratios: envelope decode+open
 * to the bare verify plus XChaCha20 baseline at each body size, the inbound pipeline to its crypto
 * floor, relayed app messages to direct ones over UDP and TCP to UDP; where benchmarks report
 * {@link ThreadCpu} or {@link ProcessCpu} counters, the CPU time per operation and the ratios by it too. Given the latency
 * lines {@link Arrivals} wrote, it adds their percentiles.
 * Usage: {@code Report results.json results.md [latencies.jsonl]}.
 */
public final class Report {
    private static final String PREFIX = "^io\\.veilflux\\.benchmarks\\.";

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode runs = mapper.readTree(Path.of(args[0]).toFile());
        StringBuilder md = new StringBuilder(
                "| benchmark | params | ops/s | ± (99.9%) | CPU µs/op |\n|---|---|---:|---:|---:|\n");
        Map<String, Double> scores = new HashMap<>();
        Map<String, Double> cpuPerOp = new HashMap<>();
        Map<Integer, Double> decode = new TreeMap<>();
        Map<Integer, Double> baseline = new TreeMap<>();
        for (JsonNode run : runs) {
            String name = run.path("benchmark").asText().replaceFirst(PREFIX, "");
            String params = run.path("params").isMissingNode() ? "" : run.path("params").toString();
            double score = run.path("primaryMetric").path("score").asDouble();
            double error = run.path("primaryMetric").path("scoreError").asDouble();
            JsonNode secondary = run.path("secondaryMetrics");
            double operations = secondary.path("operations").path("score").asDouble();
            String cpu = "";
            if (operations > 0) {
                boolean thread = secondary.has("cpuNanos");
                double cpuNanos = secondary.path(thread ? "cpuNanos" : "processCpuNanos").path("score").asDouble();
                cpuPerOp.put(name + params, cpuNanos / operations);
                cpu = String.format(Locale.ROOT, "%.1f (%s)", cpuNanos / operations / 1000, thread ? "thread" : "process");
            }
            md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %s |%n", name, params, score, error, cpu));
            scores.put(name + params, score);
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
        List<String[]> ratios = List.of(
                new String[] {"inbound pipeline / crypto floor (1 KiB, DH cache warm)",
                        "InboundPipelineBenchmark.pipeline", "InboundPipelineBenchmark.cryptoFloor"},
                new String[] {"relayed A→R→B / direct A→B, UDP, window " + TwoNodeBenchmark.WINDOW,
                        "RelayBenchmark.relayed", "TwoNodeBenchmark.window{\"protocol\":\"UDP\"}"},
                new String[] {"TCP / UDP two-node app messages, window " + TwoNodeBenchmark.WINDOW,
                        "TwoNodeBenchmark.window{\"protocol\":\"TCP\"}", "TwoNodeBenchmark.window{\"protocol\":\"UDP\"}"});
        StringBuilder ratioTable = new StringBuilder();
        for (String[] ratio : ratios) {
            Double over = scores.get(ratio[1]);
            Double under = scores.get(ratio[2]);
            if (over != null && under != null) {
                Double overCpu = cpuPerOp.get(ratio[1]);
                Double underCpu = cpuPerOp.get(ratio[2]);
                String byCpu = overCpu == null || underCpu == null ? ""
                        : String.format(Locale.ROOT, "%.2f×", underCpu / overCpu);
                ratioTable.append(String.format(Locale.ROOT, "| %s | %.2f× | %s |%n", ratio[0], over / under, byCpu));
            }
        }
        if (ratioTable.length() > 0) {
            md.append("\n| same-run ratio | by ops/s | by CPU time per op |\n|---|---:|---:|\n").append(ratioTable);
        }
        if (args.length > 2 && Files.exists(Path.of(args[2]))) {
            md.append("\n| latency, send to arrival | params | messages | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs |\n"
                    + "|---|---|---:|---:|---:|---:|---:|---:|\n");
            for (String line : Files.readAllLines(Path.of(args[2]))) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode latency = mapper.readTree(line);
                md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f |%n",
                        latency.path("benchmark").asText().replaceFirst(PREFIX, ""), latency.path("params"),
                        latency.path("count").asLong(), latency.path("p50Micros").asDouble(),
                        latency.path("p90Micros").asDouble(), latency.path("p99Micros").asDouble(),
                        latency.path("p999Micros").asDouble(), latency.path("maxMicros").asDouble()));
            }
        }
        Files.writeString(Path.of(args[1]), md.toString());
        System.out.print(md);
    }
}
