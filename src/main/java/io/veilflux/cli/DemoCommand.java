package io.veilflux.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.veilflux.cli.demo.Demo;
import io.veilflux.cli.demo.DemoReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code veilflux demo}: the main job. Starts a network of real nodes on 127.0.0.x, lets it
 * organise itself, sends app messages and calls between every pair of nodes, and prints what
 * carried them.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a demo network of real nodes on loopback: a bootstrap node that also relays, public "
                + "nodes, nodes behind a simulated NAT (reached by reverse connection, hole punch and relay) and a "
                + "UDP-only client with an outbound relay. Prints progress on stderr and a summary on stdout.",
                "Needs all of 127.0.0.0/8 on the loopback interface (Linux has it)."})
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "6", description = "How many nodes (at least 5; default ${DEFAULT-VALUE}).")
    private int nodes;

    @Option(names = "--duration", defaultValue = "PT15S",
            description = "How long to send traffic, as an ISO-8601 duration or seconds (default 15 s).",
            converter = DurationConverter.class)
    private Duration duration;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Demo demo;
        try {
            demo = new Demo(nodes, duration, System.err);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        DemoReport report = demo.run();
        out.print(json ? new ObjectMapper().writeValueAsString(report) + System.lineSeparator() : report.table());
        out.flush();
        return 0;
    }

    /** Accepts {@code 20}, {@code 20s} or {@code PT20S}. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim();
            if (v.toUpperCase(java.util.Locale.ROOT).startsWith("PT")) {
                return Duration.parse(v);
            }
            return Duration.ofSeconds(Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1) : v));
        }
    }
}
