package io.veilflux.routing;

/**
 * The routing table's settings. {@code maxFindNodeCount} is Veilid's
 * {@code network.dht.max_find_node_count}; the others are constants in Veilid, kept configurable
 * so that tests can shrink them. {@link #defaults()} gives Veilid's values.
 *
 * @param maxFindNodeCount peers a FindNode answer lists at most
 * @param recentPeersTableSize recent peers remembered
 * @param keepClosestReliablePeers reliable DHTV entries closest to our id that bucket kicks spare, per kind
 * @param keepClosestUnreliablePeers unreliable DHTV entries closest to our id that bucket kicks spare, per kind
 */
public record RoutingTableConfig(int maxFindNodeCount, int recentPeersTableSize, int keepClosestReliablePeers,
        int keepClosestUnreliablePeers) {

    public static final int DEFAULT_MAX_FIND_NODE_COUNT = 20;
    public static final int RECENT_PEERS_TABLE_SIZE = 64;
    public static final int KEEP_N_CLOSEST_RELIABLE_PEERS_COUNT = 16;
    public static final int KEEP_N_CLOSEST_UNRELIABLE_PEERS_COUNT = 8;

    public RoutingTableConfig {
        if (maxFindNodeCount < 1) {
            throw new IllegalArgumentException("maxFindNodeCount is " + maxFindNodeCount
                    + " but a FindNode answer must be able to list a peer (Veilid's default is 20)");
        }
        if (recentPeersTableSize < 1) {
            throw new IllegalArgumentException("recentPeersTableSize is " + recentPeersTableSize
                    + " but must be at least 1 (Veilid's is 64)");
        }
        if (keepClosestReliablePeers < 0 || keepClosestUnreliablePeers < 0) {
            throw new IllegalArgumentException("the closest peers spared by kicks cannot be negative: "
                    + keepClosestReliablePeers + " reliable, " + keepClosestUnreliablePeers + " unreliable");
        }
    }

    /** Veilid's values: 20, 64, 16, 8. */
    public static RoutingTableConfig defaults() {
        return new RoutingTableConfig(DEFAULT_MAX_FIND_NODE_COUNT, RECENT_PEERS_TABLE_SIZE,
                KEEP_N_CLOSEST_RELIABLE_PEERS_COUNT, KEEP_N_CLOSEST_UNRELIABLE_PEERS_COUNT);
    }
}
