package io.veilflux.transport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.veilflux.net.ProtocolType;
import java.util.Locale;

/**
 * The transport layer's Micrometer meters, all under {@code veilflux.transport.}, tagged by
 * protocol and, for drops, by a reason from a small fixed vocabulary (never an address).
 */
public final class TransportMeters {
    public static final String PACKETS_IN = "veilflux.transport.packets.in";
    public static final String PACKETS_OUT = "veilflux.transport.packets.out";
    public static final String BYTES_IN = "veilflux.transport.bytes.in";
    public static final String BYTES_OUT = "veilflux.transport.bytes.out";
    public static final String DROPPED = "veilflux.transport.dropped";

    private final MeterRegistry registry;

    public TransportMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    void received(ProtocolType protocol, int bytes) {
        counter(PACKETS_IN, protocol).increment();
        counter(BYTES_IN, protocol).increment(bytes);
    }

    void sent(ProtocolType protocol, int bytes) {
        counter(PACKETS_OUT, protocol).increment();
        counter(BYTES_OUT, protocol).increment(bytes);
    }

    void dropped(ProtocolType protocol, String reason) {
        Counter.builder(DROPPED).tag("protocol", tag(protocol)).tag("reason", reason).register(registry).increment();
    }

    private Counter counter(String name, ProtocolType protocol) {
        return Counter.builder(name).tag("protocol", tag(protocol)).register(registry);
    }

    private static String tag(ProtocolType protocol) {
        return protocol.name().toLowerCase(Locale.ROOT);
    }
}
