package io.veilflux.transport;

import io.veilflux.net.DialInfo;
import io.veilflux.net.Flow;
import io.veilflux.net.PeerAddress;
import io.veilflux.net.ProtocolType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The live connections of the connection-oriented protocols, as Veilid's connection table: per
 * protocol capped at {@code max_connections}; a full table evicts its least recently used
 * connection that is not in use, not on a priority (relaying) flow and not protected. Every use
 * stamps the connection with the monotonic clock, and eviction (rare, over at most
 * max_connections entries) picks the oldest stamp, so the per-message path shares nothing
 * between threads.
 * Indexes by flow and by remote address. One lock; nothing slow happens under it.
 */
public final class ConnectionTable {
    /** Why a connection was not added. */
    public enum Refusal { ALREADY_EXISTS, ADDRESS_FILTER, TABLE_FULL }

    /** The outcome of {@link #add}: refused with a reason, or added, maybe evicting another. */
    public sealed interface AddResult {
        record Added(Optional<NetworkConnection> evicted) implements AddResult {
        }

        record Refused(Refusal refusal, String detail) implements AddResult {
        }
    }

    private final Map<ProtocolType, Integer> maxConnections;
    private final Map<ProtocolType, Map<Long, NetworkConnection>> byId = new EnumMap<>(ProtocolType.class);
    private final Map<ProtocolType, LinkedHashMap<Flow, Boolean>> priorityFlows = new EnumMap<>(ProtocolType.class);
    private final Map<Flow, NetworkConnection> byFlow = new HashMap<>();
    private final Map<PeerAddress, List<NetworkConnection>> byRemote = new HashMap<>();
    private final ConnectionGate gate;

    /** A table with Veilid's priority-flow share of 25 %. */
    public ConnectionTable(Map<ProtocolType, Integer> maxConnections, ConnectionGate gate) {
        this(maxConnections, ConnectionConfig.Limits.DEFAULTS.priorityFlowPercentage(), gate);
    }

    /**
     * @param maxConnections per connection-oriented protocol (TCP, WS, WSS)
     * @param priorityFlowPercentage the share of each protocol's table kept for priority flows
     */
    public ConnectionTable(Map<ProtocolType, Integer> maxConnections, int priorityFlowPercentage, ConnectionGate gate) {
        this.maxConnections = Map.copyOf(maxConnections);
        this.gate = gate;
        for (Map.Entry<ProtocolType, Integer> e : this.maxConnections.entrySet()) {
            if (!e.getKey().isOrdered()) {
                throw new IllegalArgumentException("UDP has no connections; max_connections applies to TCP, WS and WSS");
            }
            if (e.getValue() < 1) {
                throw new IllegalArgumentException(e.getKey() + " max_connections must be at least 1, got " + e.getValue());
            }
            byId.put(e.getKey(), new HashMap<>());
            int priorityCapacity = e.getValue() * priorityFlowPercentage / 100;
            priorityFlows.put(e.getKey(), new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Flow, Boolean> eldest) {
                    return size() > priorityCapacity;
                }
            });
        }
    }

    /**
     * Adds {@code connection}: refused if its flow is known, if the address filter says no, or if
     * the table is full of connections that may not be evicted.
     */
    public synchronized AddResult add(NetworkConnection connection) {
        Flow flow = connection.flow();
        Map<Long, NetworkConnection> table = table(flow.protocol());
        if (byFlow.containsKey(flow)) {
            return new AddResult.Refused(Refusal.ALREADY_EXISTS, "a connection on " + flow + " exists");
        }
        if (table.containsKey(connection.id())) {
            throw new IllegalStateException("duplicate connection id " + connection.id());
        }
        Optional<String> unsolicited = connection.dialInfo().isEmpty()
                ? gate.acceptInbound(flow.remote().socketAddress().address()) : Optional.empty();
        if (unsolicited.isPresent()) {
            return new AddResult.Refused(Refusal.ADDRESS_FILTER, unsolicited.get());
        }
        Optional<String> refused = gate.admit(flow.remote().socketAddress().address());
        if (refused.isPresent()) {
            return new AddResult.Refused(Refusal.ADDRESS_FILTER, refused.get());
        }
        Optional<NetworkConnection> evicted = Optional.empty();
        if (table.size() >= maxConnections.get(flow.protocol())) {
            NetworkConnection victim = null;
            for (NetworkConnection candidate : table.values()) {
                if (!candidate.isInUse() && !candidate.isProtected()
                        && !priorityFlows.get(flow.protocol()).containsKey(candidate.flow())
                        && (victim == null || candidate.lastUse() < victim.lastUse())) {
                    victim = candidate;
                }
            }
            if (victim == null) {
                // Veilid keeps the address-filter slot here and leaks it; give it back.
                gate.release(flow.remote().socketAddress().address());
                return new AddResult.Refused(Refusal.TABLE_FULL, flow.protocol() + " connection table is full");
            }
            removeRecords(victim);
            evicted = Optional.of(victim);
        }
        connection.markUsed(System.nanoTime());
        table.put(connection.id(), connection);
        byFlow.put(flow, connection);
        byRemote.computeIfAbsent(flow.remote(), r -> new ArrayList<>()).add(connection);
        return new AddResult.Added(evicted);
    }

    /** Removes a connection (when it ends); false if it was not in the table. */
    public synchronized boolean remove(NetworkConnection connection) {
        NetworkConnection present = table(connection.flow().protocol()).get(connection.id());
        if (present != connection) {
            return false;
        }
        removeRecords(connection);
        return true;
    }

    private void removeRecords(NetworkConnection connection) {
        table(connection.flow().protocol()).remove(connection.id());
        byFlow.remove(connection.flow());
        List<NetworkConnection> same = byRemote.get(connection.flow().remote());
        if (same != null) {
            same.remove(connection);
            if (same.isEmpty()) {
                byRemote.remove(connection.flow().remote());
            }
        }
        gate.release(connection.flow().remote().socketAddress().address());
    }

    /** Marks a connection as just used (a message went either way). */
    public void touch(NetworkConnection connection) {
        connection.markUsed(System.nanoTime());
    }

    public synchronized Optional<NetworkConnection> byFlow(Flow flow) {
        return Optional.ofNullable(byFlow.get(flow));
    }

    /**
     * The best connection to {@code remote}: the only one; or of several, the one whose local port
     * is {@code bestPort} (our listening port), else the most recently added.
     */
    public synchronized Optional<NetworkConnection> bestByRemote(int bestPort, PeerAddress remote) {
        List<NetworkConnection> same = byRemote.get(remote);
        if (same == null || same.isEmpty()) {
            return Optional.empty();
        }
        NetworkConnection best = same.get(same.size() - 1);
        if (same.size() > 1) {
            for (NetworkConnection c : same) {
                if (c.flow().local().map(l -> l.port() == bestPort).orElse(false)) {
                    best = c;
                    break;
                }
            }
        }
        touch(best);
        return Optional.of(best);
    }

    /**
     * Whether a connection to the same socket address exists with another protocol over the same
     * low-level transport (TCP, WS, WSS): then a new one must not bind our listening port.
     */
    public synchronized boolean hasCollidingConnection(DialInfo dialInfo) {
        for (ProtocolType protocol : byId.keySet()) {
            if (protocol != dialInfo.protocol() && protocol.lowLevel() == dialInfo.protocol().lowLevel()
                    && byRemote.containsKey(new PeerAddress(protocol, dialInfo.socketAddress()))) {
                return true;
            }
        }
        return false;
    }

    /** Keeps {@code flow} out of LRU eviction (a flow to a node we relay for), best effort. */
    public synchronized void addPriorityFlow(Flow flow) {
        LinkedHashMap<Flow, Boolean> flows = priorityFlows.get(flow.protocol());
        if (flows != null) {
            flows.put(flow, Boolean.TRUE);
        }
    }

    /** Whether {@code flow} is among the priority flows kept out of LRU eviction. */
    public synchronized boolean isPriorityFlow(Flow flow) {
        LinkedHashMap<Flow, Boolean> flows = priorityFlows.get(flow.protocol());
        return flows != null && flows.containsKey(flow);
    }

    /** Connections of {@code protocol}, least recently used first. */
    public synchronized List<NetworkConnection> connections(ProtocolType protocol) {
        List<NetworkConnection> out = new ArrayList<>(table(protocol).values());
        out.sort(Comparator.comparingLong(NetworkConnection::lastUse));
        return out;
    }

    /** Every connection, for shutdown. */
    public synchronized List<NetworkConnection> all() {
        List<NetworkConnection> out = new ArrayList<>();
        byId.values().forEach(t -> out.addAll(t.values()));
        return out;
    }

    public synchronized int size() {
        return byFlow.size();
    }

    public Set<ProtocolType> protocols() {
        return maxConnections.keySet();
    }

    private Map<Long, NetworkConnection> table(ProtocolType protocol) {
        Map<Long, NetworkConnection> table = byId.get(protocol);
        if (table == null) {
            throw new IllegalArgumentException("no connection table for " + protocol);
        }
        return table;
    }
}
