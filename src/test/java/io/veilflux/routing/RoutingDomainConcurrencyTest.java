package io.veilflux.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.ProtocolType;
import io.veilflux.rpc.codec.PeerInfoSigner;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

/**
 * Many threads editing and publishing one domain: every commit is atomic and the listener sees
 * the publications as one unbroken chain (each event's old peer info is the previous event's new).
 */
class RoutingDomainConcurrencyTest {
    private static final int THREADS = 4;
    private static final int ROUNDS = 60;

    @Test
    void publicationEventsFormOneChainUnderConcurrentEdits() throws Exception {
        Crypto crypto = Crypto.standard();
        KeyPair me = crypto.best().generateKeyPair();
        List<PeerInfoChangeEvent> events = new CopyOnWriteArrayList<>();
        RoutingDomains domains = new RoutingDomains(AddressClassifier.standard(), List.of(me.key()),
                ni -> PeerInfoSigner.sign(crypto, ni, List.of(me)), Schedulers.single(), events::add, 56);
        RoutingDomainDetail pub = domains.detail(RoutingDomain.PUBLIC_INTERNET);
        pub.edit().setupNetwork(EnumSet.allOf(ProtocolType.class), EnumSet.allOf(ProtocolType.class),
                EnumSet.of(AddressType.IPV4), RoutingDomainCapabilities.PUBLIC_INTERNET, true)
                .addDialInfo(DialInfo.parse("tcp|1.2.3.4:5150"), DialInfoClass.DIRECT).commit();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int port = 6000 + t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < ROUNDS; i++) {
                        DialInfo udp = DialInfo.parse("udp|1.2.3.4:" + port);
                        if (i % 2 == 0) {
                            pub.edit().addDialInfo(udp, DialInfoClass.DIRECT).commit();
                        } else {
                            pub.edit().clearDialInfoDetails(Optional.empty(), Optional.of(ProtocolType.UDP)).commit();
                        }
                        pub.edit().publish();
                        assertThat(pub.dialInfoDetails()).isSortedAccordingTo(DialInfoDetailSort.NATURAL);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(events).isNotEmpty();
        assertThat(events.get(0).oldPeerInfo()).isEmpty();
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).oldPeerInfo()).as("event %d", i).isEqualTo(events.get(i - 1).newPeerInfo());
        }
        assertThat(events.get(events.size() - 1).newPeerInfo()).isEqualTo(pub.publishedPeerInfo());
    }
}
