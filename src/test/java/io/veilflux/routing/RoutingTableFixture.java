package io.veilflux.routing;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.net.Flow;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import reactor.test.scheduler.VirtualTimeScheduler;

/** A routing table on virtual time, with a test resolver, a fake connection table and a settable published peer info. */
final class RoutingTableFixture implements AutoCloseable {
    static final Crypto CRYPTO = Crypto.standard();

    final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    final KeyPair own = CRYPTO.best().generateKeyPair();
    final Set<Flow> connections = ConcurrentHashMap.newKeySet();
    final Map<RoutingDomain, PeerInfo> published = new ConcurrentHashMap<>();
    final TestResolver resolver = new TestResolver();
    final RoutingTable table;

    RoutingTableFixture() {
        this(RoutingTableConfig.defaults(), new Random(1));
    }

    RoutingTableFixture(RoutingTableConfig config, Random random) {
        clock.advanceTimeBy(Duration.ofDays(1));
        table = new RoutingTable(RoutingTableIdentity.of(own), config, resolver,
                rd -> Optional.ofNullable(published.get(rd)), connections::contains, clock, random);
    }

    NodeId ownId() {
        return own.nodeId();
    }

    long now() {
        return clock.now(TimeUnit.MICROSECONDS);
    }

    void advance(Duration d) {
        clock.advanceTimeBy(d);
    }

    KeyPair newKey() {
        return CRYPTO.best().generateKeyPair();
    }

    @Override
    public void close() {
        clock.dispose();
    }
}
