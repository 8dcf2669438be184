package io.veilflux.manager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.veilflux.filter.PunishmentReason;
import io.veilflux.net.CounterFamily;
import io.veilflux.net.PacketCounters;
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
    private final PacketCounters in;
    private final PacketCounters out;
    private final Counter accepted;
    private final CounterFamily dropped;
    private final CounterFamily punishments;
    private final CounterFamily receipts;
    private final CounterFamily signals;

    NetworkManagerMeters(MeterRegistry registry) {
        this.registry = registry;
        this.in = new PacketCounters(registry, PACKETS_IN, BYTES_IN);
        this.out = new PacketCounters(registry, PACKETS_OUT, BYTES_OUT);
        this.accepted = Counter.builder(ENVELOPES).register(registry);
        this.dropped = new CounterFamily(registry, DROPPED, "reason");
        this.punishments = new CounterFamily(registry, PUNISHMENTS, "reason");
        this.receipts = new CounterFamily(registry, RECEIPTS, "event");
        this.signals = new CounterFamily(registry, SIGNALS, "method", "receipt");
    }

    MeterRegistry registry() {
        return registry;
    }

    void received(ProtocolType protocol, int bytes) {
        in.count(protocol, bytes);
    }

    void sent(ProtocolType protocol, int bytes) {
        out.count(protocol, bytes);
    }

    void accepted() {
        accepted.increment();
    }

    /** An inbound packet not processed, by why: {@code short_packet}, {@code duplicate}, {@code no_routing_domain}, ... */
    void dropped(String reason) {
        dropped.increment(reason);
    }

    void punished(PunishmentReason reason) {
        punishments.increment(reason.label());
    }

    void receipt(ReceiptEvent event) {
        receipts.increment(eventTag(event));
    }

    /** A reverse connection or hole punch we asked for, by what became of its receipt. */
    void signal(String method, ReceiptEvent event) {
        signals.increment(method, eventTag(event));
    }

    static String eventTag(ReceiptEvent event) {
        return SnakeCase.of(event.getClass());
    }

    static String tag(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
