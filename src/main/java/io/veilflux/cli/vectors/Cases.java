package io.veilflux.cli.vectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * What every vector checker does with its cases: run each check, count the passes and turn each
 * failure into a {@link Mismatch} that names the case. A check fails with {@link Failed} (a
 * difference it found) or any other exception (reported as unexpected).
 */
final class Cases {
    private static final HexFormat HEX = HexFormat.of();

    private final String file;
    private final List<Mismatch> mismatches = new ArrayList<>();
    private int passed;

    Cases(String file) {
        this.file = file;
    }

    /** A difference between what a case says and what this implementation computes. */
    static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message, null, false, false);
        }
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new Failed(message);
        }
    }

    /** The hex field {@code field} of {@code node}, or null when it is absent or JSON null. */
    static byte[] hexOrNull(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? HEX.parseHex(value.asText()) : null;
    }

    static byte[] hex(JsonNode node, String field) {
        byte[] value = hexOrNull(node, field);
        require(value != null, "field '" + field + "' is missing or null");
        return value;
    }

    /** Runs {@code check} on every case of {@code cases}. */
    void each(JsonNode cases, Consumer<JsonNode> check) {
        for (JsonNode c : cases) {
            String id = c.path("id").asText("?");
            try {
                check.accept(c);
                passed++;
            } catch (Failed e) {
                mismatches.add(new Mismatch(file, id, e.getMessage()));
            } catch (RuntimeException e) {
                mismatches.add(new Mismatch(file, id, "unexpected " + e));
            }
        }
    }

    /** A problem with the file rather than with one case. */
    void fileProblem(String where, String message) {
        mismatches.add(new Mismatch(file, where, message));
    }

    CheckReport report() {
        return new CheckReport(passed, mismatches);
    }
}
