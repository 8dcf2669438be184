package io.veilflux.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.veilflux.net.CounterFamily;
import io.veilflux.net.ProtocolType;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

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
    private final Map<ProtocolType, Counter> packetsIn = new EnumMap<>(ProtocolType.class);
    private final Map<ProtocolType, Counter> packetsOut = new EnumMap<>(ProtocolType.class);
    private final Map<ProtocolType, Counter> bytesIn = new EnumMap<>(ProtocolType.class);
    private final Map<ProtocolType, Counter> bytesOut = new EnumMap<>(ProtocolType.class);
    private final CounterFamily dropped;

    public TransportMeters(MeterRegistry registry) {
        this.registry = registry;
        this.dropped = new CounterFamily(registry, DROPPED, "protocol", "reason");
        for (ProtocolType protocol : ProtocolType.values()) {
            packetsIn.put(protocol, counter(PACKETS_IN, protocol));
            packetsOut.put(protocol, counter(PACKETS_OUT, protocol));
            bytesIn.put(protocol, counter(BYTES_IN, protocol));
            bytesOut.put(protocol, counter(BYTES_OUT, protocol));
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    void received(ProtocolType protocol, int bytes) {
        packetsIn.get(protocol).increment();
        bytesIn.get(protocol).increment(bytes);
    }

    void sent(ProtocolType protocol, int bytes) {
        packetsOut.get(protocol).increment();
        bytesOut.get(protocol).increment(bytes);
    }

    void dropped(ProtocolType protocol, String reason) {
        dropped.increment(tag(protocol), reason);
    }

    private Counter counter(String name, ProtocolType protocol) {
        return Counter.builder(name).tag("protocol", tag(protocol)).register(registry);
    }

    private static String tag(ProtocolType protocol) {
        return protocol.name().toLowerCase(Locale.ROOT);
    }
}
