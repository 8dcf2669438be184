package io.veilflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The main job, run in-process on real loopback sockets. */
class DemoCommandTest {

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new VeilfluxCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void theDemoDeliversMessagesByManyContactMethodsAndReportsThemAsJson() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(out, err, "demo", "--nodes", "5", "--duration", "3", "--json")).as(err.toString()).isZero();

        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.get("nodes").asInt()).isEqualTo(5);
        Set<String> delivering = new HashSet<>();
        long delivered = 0;
        for (JsonNode row : report.get("methods")) {
            if (row.get("delivered").asLong() > 0) {
                delivering.add(row.get("method").asText());
            }
            delivered += row.get("delivered").asLong();
        }
        assertThat(delivered).isPositive();
        assertThat(delivering).as("a network with NATed nodes and a UDP-only client needs more than direct sends")
                .contains("direct", "inbound_relay").hasSizeGreaterThanOrEqualTo(3);
        assertThat(report.get("calls").get("answered").asLong()).isPositive();
        assertThat(report.get("bytesIn").asLong()).isPositive();
    }

    @Test
    void tooFewNodesIsAClearUsageError() {
        StringWriter err = new StringWriter();
        assertThat(run(new StringWriter(), err, "demo", "--nodes", "3")).isEqualTo(2);
        assertThat(err.toString()).contains("at least 5 nodes");
    }
}
