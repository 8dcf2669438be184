package io.veilflux.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a JMH JSON result into a markdown table, adding the same-run ratio of envelope
 * decode+open to the bare verify plus XChaCha20 baseline at each body size.
 * Usage: {@code Report results.json results.md}.
 */
public final class Report {
    private Report() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode runs = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        StringBuilder md = new StringBuilder("| benchmark | params | ops/s | ± (99.9%) |\n|---|---|---:|---:|\n");
        Map<Integer, Double> decode = new TreeMap<>();
        Map<Integer, Double> baseline = new TreeMap<>();
        for (JsonNode run : runs) {
            String name = run.path("benchmark").asText().replaceFirst("^io\\.veilflux\\.benchmarks\\.", "");
            String params = run.path("params").isMissingNode() ? "" : run.path("params").toString();
            double score = run.path("primaryMetric").path("score").asDouble();
            double error = run.path("primaryMetric").path("scoreError").asDouble();
            md.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f |%n", name, params, score, error));
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
        Files.writeString(Path.of(args[1]), md.toString());
        System.out.print(md);
    }
}
