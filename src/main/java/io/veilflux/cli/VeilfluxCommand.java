package io.veilflux.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code veilflux} command line: the root command that holds the subcommands. */
@Command(name = "veilflux",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A reactive Veilid network manager node and its tools.",
        subcommands = {DemoCommand.class, NodeCommand.class, KeygenCommand.class, VectorsCommand.class, BootstrapRecordCommand.class, CommandLine.HelpCommand.class})
public final class VeilfluxCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new VeilfluxCommand()).execute(args));
    }
}
