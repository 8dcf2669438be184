package io.veilflux.manager;

import io.veilflux.net.Address;
import io.veilflux.routing.TransferStatsAccounting;
import io.veilflux.routing.TransferStatsDownUp;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Bytes sent and received by the node and per remote IP (the 1024 most recent addresses), rolled
 * into rates once a second. Veilid never stamps when an address was last seen, so it forgets every
 * address on each roll; here each packet stamps its address and only addresses idle for 5 minutes
 * are forgotten.
 */
public final class NetworkStats {
    public static final int IPADDR_TABLE_SIZE = 1024;
    public static final Duration IPADDR_MAX_INACTIVE_DURATION = Duration.ofSeconds(300);

    private static final class PerAddress {
        final TransferStatsAccounting accounting = new TransferStatsAccounting();
        volatile TransferStatsDownUp stats = TransferStatsDownUp.NONE;
        volatile long lastSeenMicros;
    }

    private final VeilidClock clock;
    private final TransferStatsAccounting self = new TransferStatsAccounting();
    private volatile TransferStatsDownUp selfStats = TransferStatsDownUp.NONE;
    private final LinkedHashMap<Address, PerAddress> perAddress = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Address, PerAddress> eldest) {
            return size() > IPADDR_TABLE_SIZE;
        }
    };
    private long lastRollMicros;

    public NetworkStats(VeilidClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void packetSent(Address address, int bytes) {
        self.addUp(bytes);
        entry(address).accounting.addUp(bytes);
    }

    public void packetReceived(Address address, int bytes) {
        self.addDown(bytes);
        entry(address).accounting.addDown(bytes);
    }

    private synchronized PerAddress entry(Address address) {
        PerAddress entry = perAddress.computeIfAbsent(address, a -> new PerAddress());
        entry.lastSeenMicros = clock.now();
        return entry;
    }

    /** The rolling-transfers task (every second): rates for the node and every address. */
    public synchronized void roll() {
        long now = clock.now();
        selfStats = self.roll(lastRollMicros, now);
        long cutoff = now - IPADDR_MAX_INACTIVE_DURATION.toNanos() / 1000;
        for (Iterator<PerAddress> it = perAddress.values().iterator(); it.hasNext(); ) {
            PerAddress entry = it.next();
            if (entry.lastSeenMicros <= cutoff) {
                it.remove();
            } else {
                entry.stats = entry.accounting.roll(lastRollMicros, now);
            }
        }
        lastRollMicros = now;
    }

    /** The node's rates as of the last roll. */
    public TransferStatsDownUp self() {
        return selfStats;
    }

    /** An address's rates as of the last roll; none if it was not seen recently. */
    public synchronized TransferStatsDownUp of(Address address) {
        PerAddress entry = perAddress.get(address);
        return entry == null ? TransferStatsDownUp.NONE : entry.stats;
    }

    public synchronized int addresses() {
        return perAddress.size();
    }
}
