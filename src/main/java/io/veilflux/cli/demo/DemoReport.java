package io.veilflux.cli.demo;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the demo measured: messages per contact method with their latency, app calls, receipts,
 * drops and punishments, and bytes. {@link #table()} is the human form; the record itself is the
 * JSON form ({@code --json}).
 */
public record DemoReport(int nodes, double seconds, List<MethodRow> methods, Calls calls, Map<String, Long> receipts,
                         Map<String, Long> drops, Map<String, Long> punishments, long bytesIn, long bytesOut,
                         long failures, Map<String, Long> failureReasons) {

    /**
     * App messages sent by one contact method, with their latency, and the signals (reverse
     * connections, hole punches) that method sent and how many of their receipts came back. Once a
     * signal opened a flow, later sends by the same method use that flow and need no receipt.
     */
    public record MethodRow(String method, long sent, long delivered, double p50Millis, double p99Millis,
                            long signals, long receiptsReturned) {
    }

    /** App calls and their round trips. */
    public record Calls(long asked, long answered, double p50Millis, double p99Millis) {
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "veilflux demo: %d nodes, %.1f s from the first send to the last answer%n%n", nodes, seconds));
        String row = "%-28s %8s %10s %9s %9s %8s %9s%n";
        out.append(String.format(Locale.ROOT, row, "contact method", "sent", "delivered", "p50 ms", "p99 ms", "signals",
                "receipts"));
        for (MethodRow m : methods) {
            out.append(String.format(Locale.ROOT, "%-28s %8d %10d %9.2f %9.2f %8d %9d%n", m.method(), m.sent(),
                    m.delivered(), m.p50Millis(), m.p99Millis(), m.signals(), m.receiptsReturned()));
        }
        out.append(String.format(Locale.ROOT, "%-28s %8d %10d %9.2f %9.2f%n", "app calls (round trip)", calls.asked(),
                calls.answered(), calls.p50Millis(), calls.p99Millis()));
        out.append(String.format(Locale.ROOT, "%nsends failed: %d %s%n", failures, failureReasons));
        out.append("receipts:     ").append(receipts).append('\n');
        out.append("drops:        ").append(drops).append('\n');
        out.append("punishments:  ").append(punishments).append('\n');
        out.append(String.format(Locale.ROOT, "bytes:        %d in, %d out%n", bytesIn, bytesOut));
        return out.toString();
    }
}
