package io.veilflux.transport;

import io.micrometer.core.instrument.MeterRegistry;
import io.veilflux.net.CounterFamily;
import io.veilflux.net.PacketCounters;
import io.veilflux.net.ProtocolType;

/**
 * The transport layer's Micrometer meters, all under {@code veilflux.transport.}, tagged by
 * protocol and, for drops, by a reason from a small fixed vocabulary (never an address). Counters
 * are looked up once, not per packet.
 */
public final class TransportMeters {
    public static final String PACKETS_IN = "veilflux.transport.packets.in";
    public static final String PACKETS_OUT = "veilflux.transport.packets.out";
    public static final String BYTES_IN = "veilflux.transport.bytes.in";
    public static final String BYTES_OUT = "veilflux.transport.bytes.out";
    public static final String DROPPED = "veilflux.transport.dropped";

    private final MeterRegistry registry;
    private final PacketCounters in;
    private final PacketCounters out;
    private final CounterFamily dropped;

    public TransportMeters(MeterRegistry registry) {
        this.registry = registry;
        this.dropped = new CounterFamily(registry, DROPPED, "protocol", "reason");
        this.in = new PacketCounters(registry, PACKETS_IN, BYTES_IN);
        this.out = new PacketCounters(registry, PACKETS_OUT, BYTES_OUT);
    }

    public MeterRegistry registry() {
        return registry;
    }

    void received(ProtocolType protocol, int bytes) {
        in.count(protocol, bytes);
    }

    void sent(ProtocolType protocol, int bytes) {
        out.count(protocol, bytes);
    }

    void dropped(ProtocolType protocol, String reason) {
        dropped.increment(PacketCounters.tag(protocol), reason);
    }
}
