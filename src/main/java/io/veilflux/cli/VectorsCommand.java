package io.veilflux.cli;

import io.veilflux.cli.vectors.CheckReport;
import io.veilflux.cli.vectors.Mismatch;
import io.veilflux.cli.vectors.VectorFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code veilflux vectors FILE...}: recomputes every case of known-answer vector files, prints a
 * line per mismatch and closes with {@code N passed, M failed}; exit code 0 only without failures.
 */
@Command(name = "vectors", mixinStandardHelpOptions = true,
        description = "Check known-answer vector files against this implementation.")
final class VectorsCommand implements Callable<Integer> {

    @CommandLine.Parameters(arity = "1..*", paramLabel = "FILE", description = "vector files (JSON)")
    private List<Path> files;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CheckReport total = new CheckReport(0, List.of());
        for (Path file : files) {
            total = total.plus(VectorFiles.check(file));
        }
        PrintWriter out = spec.commandLine().getOut();
        for (Mismatch mismatch : total.mismatches()) {
            out.println(mismatch);
        }
        out.println(total.summary());
        out.flush();
        return total.failed() == 0 ? 0 : 1;
    }
}
