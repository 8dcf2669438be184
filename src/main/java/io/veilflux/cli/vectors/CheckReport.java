package io.veilflux.cli.vectors;

import java.util.ArrayList;
import java.util.List;

/** The outcome of checking one or more vector files: cases that passed and every mismatch. */
public record CheckReport(int passed, List<Mismatch> mismatches) {

    public CheckReport {
        mismatches = List.copyOf(mismatches);
    }

    public int failed() {
        return mismatches.size();
    }

    public CheckReport plus(CheckReport other) {
        List<Mismatch> all = new ArrayList<>(mismatches);
        all.addAll(other.mismatches);
        return new CheckReport(passed + other.passed, all);
    }

    /** The closing line the {@code vectors} command prints. */
    public String summary() {
        return passed + " passed, " + failed() + " failed";
    }
}
