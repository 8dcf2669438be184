package io.veilflux.manager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.veilflux.net.Address;
import io.veilflux.net.Flow;
import io.veilflux.net.SocketAddress;
import java.time.Duration;

/**
 * A port-restricted NAT in front of a node, for networks of nodes on one machine: datagrams are
 * let in only from an address and port the node has sent to lately, and inbound connections only
 * from an address it has sent to. This is what makes other nodes need reverse connections, hole
 * punches and relays to reach it, as they would on the internet.
 */
final class NatSimulation {
    /** How long a mapping stays open without outbound traffic, as typical NATs keep UDP mappings. */
    static final Duration MAPPING_LIFETIME = Duration.ofSeconds(60);
    private static final int MAX_MAPPINGS = 4096;

    private final Cache<SocketAddress, Boolean> endpoints;
    private final Cache<Address, Boolean> addresses;

    NatSimulation(Ticker ticker) {
        endpoints = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(MAPPING_LIFETIME).maximumSize(MAX_MAPPINGS).build();
        addresses = Caffeine.newBuilder().ticker(ticker).expireAfterWrite(MAPPING_LIFETIME).maximumSize(MAX_MAPPINGS).build();
    }

    /** We sent on {@code flow}: its remote end may answer. */
    void outbound(Flow flow) {
        endpoints.put(flow.remote().socketAddress(), Boolean.TRUE);
        addresses.put(flow.remote().socketAddress().address(), Boolean.TRUE);
    }

    /** Whether a datagram from {@code remote} gets through. */
    boolean admitsDatagram(SocketAddress remote) {
        return endpoints.getIfPresent(remote) != null;
    }

    /** Whether a connection from {@code remote} gets through. */
    boolean admitsConnection(Address remote) {
        return addresses.getIfPresent(remote) != null;
    }
}
