package io.veilflux.routing;

import io.veilflux.crypto.NodeId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The ids of the peers a flow was last recorded for, least recently first, dropping the least
 * recent beyond the capacity: an exact LRU, as Veilid's {@code LruCache} (an approximate cache
 * could refuse a new peer). Not thread-safe; used under the table lock.
 */
final class RecentPeers {
    private final int capacity;
    private final LinkedHashSet<NodeId> ids = new LinkedHashSet<>();

    RecentPeers(int capacity) {
        this.capacity = capacity;
    }

    void touch(NodeId id) {
        ids.remove(id);
        ids.add(id);
        if (ids.size() > capacity) {
            ids.remove(ids.iterator().next());
        }
    }

    void remove(NodeId id) {
        ids.remove(id);
    }

    List<NodeId> mostRecentFirst() {
        List<NodeId> out = new ArrayList<>(ids);
        Collections.reverse(out);
        return out;
    }
}
