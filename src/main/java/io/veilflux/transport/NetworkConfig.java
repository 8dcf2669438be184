package io.veilflux.transport;

import io.veilflux.net.SocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * Where a node listens and how its connections behave. UDP and the shared TCP/WS(/WSS) port are
 * listed separately (Veilid's defaults put both on 5150); port 0 picks a free port, which is what
 * tests use.
 *
 * @param inboundCapacity how many received messages may wait for the consumer before new ones
 *     are dropped (Veilid's {@code rpc.queue_size}, 1024)
 * @param reassembly the UDP reassembly bounds (Veilid's by default)
 */
public record NetworkConfig(List<SocketAddress> udpListen, List<SocketAddress> tcpListen, ConnectionConfig connections,
                            int inboundCapacity, AssemblyBuffer.Limits reassembly) {

    public NetworkConfig(List<SocketAddress> udpListen, List<SocketAddress> tcpListen, ConnectionConfig connections,
                         int inboundCapacity) {
        this(udpListen, tcpListen, connections, inboundCapacity, AssemblyBuffer.Limits.DEFAULTS);
    }

    public NetworkConfig {
        udpListen = List.copyOf(udpListen);
        tcpListen = List.copyOf(tcpListen);
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(reassembly, "reassembly");
        if (udpListen.isEmpty() && tcpListen.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one UDP or TCP listen address");
        }
        if (inboundCapacity < 1) {
            throw new IllegalArgumentException("inbound capacity must be at least 1, got " + inboundCapacity);
        }
    }

    /** UDP and TCP/WS on {@code address} each, Veilid's other defaults. */
    public static NetworkConfig on(SocketAddress address) {
        return new NetworkConfig(List.of(address), List.of(address), ConnectionConfig.defaults(), InboundChannel.DEFAULT_CAPACITY);
    }

    public NetworkConfig withConnections(ConnectionConfig changed) {
        return new NetworkConfig(udpListen, tcpListen, changed, inboundCapacity, reassembly);
    }
}
