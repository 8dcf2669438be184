package io.veilflux.net;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Packets and bytes of one direction, by protocol (tag {@code protocol}: {@code udp}, {@code tcp},
 * ...): the counters are registered once, since every packet counts.
 */
public final class PacketCounters {
    private final Map<ProtocolType, Counter> packets = new EnumMap<>(ProtocolType.class);
    private final Map<ProtocolType, Counter> bytes = new EnumMap<>(ProtocolType.class);

    public PacketCounters(MeterRegistry registry, String packetsName, String bytesName) {
        for (ProtocolType protocol : ProtocolType.values()) {
            packets.put(protocol, Counter.builder(packetsName).tag("protocol", tag(protocol)).register(registry));
            bytes.put(protocol, Counter.builder(bytesName).tag("protocol", tag(protocol)).register(registry));
        }
    }

    public void count(ProtocolType protocol, int size) {
        packets.get(protocol).increment();
        bytes.get(protocol).increment(size);
    }

    /** The protocol's tag value. */
    public static String tag(ProtocolType protocol) {
        return protocol.name().toLowerCase(Locale.ROOT);
    }
}
