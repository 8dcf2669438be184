package io.veilflux.transport;

import io.veilflux.net.Address;
import io.veilflux.net.DialInfo;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/** A connection gate for tests: a punished set, a per-IP connection limit, and a record of framing reports. */
final class RecordingGate implements ConnectionGate {
    final Set<Address> punished = ConcurrentHashMap.newKeySet();
    final Map<Address, Integer> open = new ConcurrentHashMap<>();
    final List<Address> invalidFraming = new CopyOnWriteArrayList<>();
    final List<DialInfo> failedDialInfo = new CopyOnWriteArrayList<>();
    volatile int perIpLimit = Integer.MAX_VALUE;

    @Override
    public boolean isPunished(Address ip) {
        return punished.contains(ip);
    }

    @Override
    public synchronized Optional<String> admit(Address ip) {
        int now = open.getOrDefault(ip, 0);
        if (now >= perIpLimit) {
            return Optional.of("count exceeded for " + ip);
        }
        open.put(ip, now + 1);
        return Optional.empty();
    }

    @Override
    public synchronized void release(Address ip) {
        open.computeIfPresent(ip, (k, v) -> v == 1 ? null : v - 1);
    }

    @Override
    public void reportDialInfoFailure(DialInfo dialInfo) {
        failedDialInfo.add(dialInfo);
    }

    @Override
    public void reportInvalidFraming(Address ip) {
        invalidFraming.add(ip);
        punished.add(ip);
    }
}
