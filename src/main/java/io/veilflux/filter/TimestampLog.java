package io.veilflux.filter;

import java.util.SplittableRandom;

/**
 * One sender's logged envelope timestamps, oldest first: each remote timestamp with the local time
 * it arrived, in a ring that grows with the log, and a hash index of the remote timestamps for the
 * duplicate check. Primitive arrays, so a log of a thousand entries costs no objects per envelope.
 * Not thread-safe.
 */
final class TimestampLog {
    private static final int INITIAL_CAPACITY = 8;
    /**
     * Senders choose their timestamps; a seed picked when this class loads, which they cannot see, keeps
     * them from choosing ones that pile up in one probe run.
     */
    private static final long SEED = new SplittableRandom().nextLong();

    private final int maxSize;
    private long[] remotes;
    private long[] locals;
    private int head;
    private int size;
    /** Open addressing with linear probing; each slot holds a ring position + 1, 0 when empty. */
    private int[] index;

    /** @param maxSize the most entries the log ever holds at once */
    TimestampLog(int maxSize) {
        this.maxSize = maxSize;
        int capacity = Math.min(INITIAL_CAPACITY, maxSize);
        this.remotes = new long[capacity];
        this.locals = new long[capacity];
        this.index = new int[indexSize(capacity)];
    }

    int size() {
        return size;
    }

    long oldestRemote() {
        return remotes[head];
    }

    long oldestLocal() {
        return locals[head];
    }

    boolean contains(long remoteTs) {
        int mask = index.length - 1;
        for (int i = slot(remoteTs); index[i] != 0; i = (i + 1) & mask) {
            if (remotes[index[i] - 1] == remoteTs) {
                return true;
            }
        }
        return false;
    }

    /** Appends an entry whose remote timestamp is not {@link #contains logged}. */
    void append(long remoteTs, long localTs) {
        if (size == remotes.length) {
            if (size == maxSize) {
                throw new IllegalStateException("the timestamp log is full at " + maxSize + " entries");
            }
            grow();
        }
        int position = (head + size) % remotes.length;
        remotes[position] = remoteTs;
        locals[position] = localTs;
        size++;
        insert(position);
    }

    void removeOldest() {
        if (size == 0) {
            throw new IllegalStateException("the timestamp log is empty");
        }
        remove(head);
        head = (head + 1) % remotes.length;
        size--;
    }

    private void grow() {
        int capacity = Math.min(remotes.length * 2, maxSize);
        long[] newRemotes = new long[capacity];
        long[] newLocals = new long[capacity];
        for (int i = 0; i < size; i++) {
            newRemotes[i] = remotes[(head + i) % remotes.length];
            newLocals[i] = locals[(head + i) % remotes.length];
        }
        remotes = newRemotes;
        locals = newLocals;
        head = 0;
        index = new int[indexSize(capacity)];
        for (int i = 0; i < size; i++) {
            insert(i);
        }
    }

    private void insert(int position) {
        int mask = index.length - 1;
        int i = slot(remotes[position]);
        while (index[i] != 0) {
            i = (i + 1) & mask;
        }
        index[i] = position + 1;
    }

    /** Removes a position from the index, shifting back the entries after it that probed past it (Knuth's algorithm R). */
    private void remove(int position) {
        int mask = index.length - 1;
        int hole = slot(remotes[position]);
        while (index[hole] != position + 1) {
            hole = (hole + 1) & mask;
        }
        for (int next = (hole + 1) & mask; index[next] != 0; next = (next + 1) & mask) {
            int home = slot(remotes[index[next] - 1]);
            boolean stays = hole < next ? hole < home && home <= next : hole < home || home <= next;
            if (!stays) {
                index[hole] = index[next];
                hole = next;
            }
        }
        index[hole] = 0;
    }

    private int slot(long remoteTs) {
        long h = (remoteTs ^ SEED) * 0x9E37_79B9_7F4A_7C15L;
        return (int) (h ^ (h >>> 32)) & (index.length - 1);
    }

    /** A power of two at least twice the capacity, so probes stay short. */
    private static int indexSize(int capacity) {
        return Integer.highestOneBit(Math.max(capacity, 1) * 4 - 1);
    }
}
