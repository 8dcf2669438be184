package io.veilflux.routing;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.CryptoKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One bucket: the entries whose node id of this bucket's kind first differs from ours at one bit,
 * keyed by that id's bytes. Veilid keeps them ordered by those bytes, which decides ties when
 * kicking; here the kick sorts by them instead, so a lookup is a hash lookup. Not thread-safe; used
 * under the table lock.
 */
final class Bucket {
    /** Buckets per crypto kind: one per bit of a 256-bit coordinate. */
    static final int BUCKET_COUNT = 256;

    private final CryptoKind kind;
    private final HashMap<Bytes, BucketEntry> entries = new HashMap<>();

    Bucket(CryptoKind kind) {
        this.kind = kind;
    }

    BucketEntry get(Bytes key) {
        return entries.get(key);
    }

    /** Puts {@code entry} under {@code key}; returns the entry it displaced, if any. */
    BucketEntry put(Bytes key, BucketEntry entry) {
        return entries.put(key, entry);
    }

    void remove(Bytes key) {
        entries.remove(key);
    }

    Map<Bytes, BucketEntry> entries() {
        return entries;
    }

    /**
     * Veilid's bucket kick: if the bucket holds more than {@code depth} entries, walks the first
     * (size − depth) of them, worst state first and, within a state, newest first, and removes
     * each that is neither pinned nor exempt (its id of this kind is dropped from the entry too).
     *
     * @return the entries removed from this bucket
     */
    List<BucketEntry> kick(int depth, Set<Bytes> exempt, long now) {
        int extra = entries.size() - depth;
        if (extra <= 0) {
            return List.of();
        }
        List<Map.Entry<Bytes, BucketEntry>> sorted = new ArrayList<>(entries.entrySet());
        sorted.sort(Comparator.comparing((Map.Entry<Bytes, BucketEntry> e) -> e.getValue().state(now))
                .thenComparing(e -> e.getValue().timeAdded(), Comparator.reverseOrder())
                .thenComparing(Map.Entry::getKey, HashCoordinate::compareUnsigned));
        List<BucketEntry> removed = new ArrayList<>();
        for (Map.Entry<Bytes, BucketEntry> e : sorted.subList(0, extra)) {
            if (e.getValue().isPinned() || exempt.contains(e.getKey())) {
                continue;
            }
            entries.remove(e.getKey());
            e.getValue().removeNodeId(kind);
            removed.add(e.getValue());
        }
        return removed;
    }
}
