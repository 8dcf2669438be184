package io.veilflux.manager;

import io.veilflux.crypto.NodeId;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The clients we relay for: node ids seen recently, in least-recently-used order. A sender on the
 * list may have its envelopes relayed outbound to anyone; entries lapse after
 * {@code client_allowlist_timeout_ms} (5 minutes) without being seen. Veilid 0.5 never adds to
 * it; veilflux adds the clients a relay serves.
 */
public final class ClientAllowlist {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(300_000);

    private final Duration timeout;
    private final VeilidClock clock;
    private final LinkedHashMap<NodeId, Long> lastSeen = new LinkedHashMap<>(16, 0.75f, true);

    public ClientAllowlist(Duration timeout, VeilidClock clock) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds {@code client} or refreshes it. */
    public synchronized void update(NodeId client) {
        lastSeen.put(client, clock.nowNonDecreasing());
    }

    /** Whether {@code sender} is allowed; a hit refreshes it. */
    public synchronized boolean check(NodeId sender) {
        if (!lastSeen.containsKey(sender)) {
            return false;
        }
        lastSeen.put(sender, clock.nowNonDecreasing());
        return true;
    }

    /** Drops clients not seen within the timeout, oldest first, stopping at the first fresh one. */
    public synchronized void purge() {
        long cutoff = clock.now() - timeout.toNanos() / 1000;
        for (Iterator<Map.Entry<NodeId, Long>> it = lastSeen.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue() >= cutoff) {
                return;
            }
            it.remove();
        }
    }

    public synchronized int size() {
        return lastSeen.size();
    }
}
