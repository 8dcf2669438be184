package io.veilflux.cli.vectors;

/** One vector case whose recomputed output differed from the file, or a file that could not be read. */
public record Mismatch(String file, String id, String message) {
    @Override
    public String toString() {
        return "MISMATCH " + file + " " + id + ": " + message;
    }
}
