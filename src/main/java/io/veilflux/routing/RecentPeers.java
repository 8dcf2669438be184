package io.veilflux.routing;

import io.veilflux.crypto.NodeId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ids of the peers a flow was last recorded for, least recently first, dropping the least
 * recent beyond the capacity: an exact LRU, as Veilid's {@code LruCache} (an approximate cache
 * could refuse a new peer). Not thread-safe; used under the table lock.
 */
final class RecentPeers {
    private final LinkedHashMap<NodeId, Boolean> ids;

    RecentPeers(int capacity) {
        this.ids = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<NodeId, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    void touch(NodeId id) {
        ids.put(id, Boolean.TRUE);
    }

    void remove(NodeId id) {
        ids.remove(id);
    }

    List<NodeId> mostRecentFirst() {
        List<NodeId> out = new ArrayList<>(ids.keySet());
        Collections.reverse(out);
        return out;
    }
}
