package io.veilflux.manager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.veilflux.filter.PunishmentReason;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SnakeCase;
import io.veilflux.rpc.ReceiptEvent;
import java.util.Locale;

/**
 * The network manager's meters, under {@code veilflux.net.}: packets and bytes in and out by
 * protocol, envelopes accepted, inbound drops by reason, punishments by reason, receipts by event, and
 * the signals we sent by method and what became of their receipts.
 * (Relaying and sends by contact method have theirs in {@link RelayScheduler} and {@link ContactMethodCache}.)
 */
final class NetworkManagerMeters {
    static final String PACKETS_IN = "veilflux.net.packets.in";
    static final String PACKETS_OUT = "veilflux.net.packets.out";
    static final String BYTES_IN = "veilflux.net.bytes.in";
    static final String BYTES_OUT = "veilflux.net.bytes.out";
    static final String ENVELOPES = "veilflux.net.envelopes.accepted";
    static final String DROPPED = "veilflux.net.dropped";
    static final String PUNISHMENTS = "veilflux.net.punishments";
    static final String RECEIPTS = "veilflux.net.receipts";
    static final String SIGNALS = "veilflux.net.signals";

    private final MeterRegistry registry;

    NetworkManagerMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    MeterRegistry registry() {
        return registry;
    }

    void received(ProtocolType protocol, int bytes) {
        String tag = tag(protocol.name());
        Counter.builder(PACKETS_IN).tag("protocol", tag).register(registry).increment();
        Counter.builder(BYTES_IN).tag("protocol", tag).register(registry).increment(bytes);
    }

    void sent(ProtocolType protocol, int bytes) {
        String tag = tag(protocol.name());
        Counter.builder(PACKETS_OUT).tag("protocol", tag).register(registry).increment();
        Counter.builder(BYTES_OUT).tag("protocol", tag).register(registry).increment(bytes);
    }

    void accepted() {
        Counter.builder(ENVELOPES).register(registry).increment();
    }

    /** An inbound packet not processed, by why: {@code short_packet}, {@code duplicate}, {@code no_routing_domain}, ... */
    void dropped(String reason) {
        Counter.builder(DROPPED).tag("reason", reason).register(registry).increment();
    }

    void punished(PunishmentReason reason) {
        Counter.builder(PUNISHMENTS).tag("reason", reason.label()).register(registry).increment();
    }

    void receipt(ReceiptEvent event) {
        Counter.builder(RECEIPTS).tag("event", eventTag(event)).register(registry).increment();
    }

    /** A reverse connection or hole punch we asked for, by what became of its receipt. */
    void signal(String method, ReceiptEvent event) {
        Counter.builder(SIGNALS).tag("method", method).tag("receipt", eventTag(event)).register(registry).increment();
    }

    static String eventTag(ReceiptEvent event) {
        return SnakeCase.of(event.getClass());
    }

    static String tag(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
