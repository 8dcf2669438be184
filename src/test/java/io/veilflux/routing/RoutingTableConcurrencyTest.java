package io.veilflux.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SequenceOrdering;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many threads registering, updating, selecting and kicking at once: no failure, and the depths hold afterwards. */
class RoutingTableConcurrencyTest {
    /** The sum of all 256 bucket depths: 256 + 128 + ... + 2 for buckets 0 to 7, then 1 each. */
    private static final int TOTAL_DEPTH = 510 + 248;

    @Test
    void concurrentUseKeepsTheTableConsistent() throws Exception {
        try (RoutingTableFixture fx = new RoutingTableFixture()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                futures.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 400; i++) {
                        byte[] b = new byte[32];
                        random.nextBytes(b);
                        NodeRef nr = fx.table.registerNodeWithId(RoutingDomain.PUBLIC_INTERNET,
                                NodeId.of(CryptoKind.VLD0, b), fx.now()).unfiltered();
                        nr.setLastFlow(TestPeers.flow(ProtocolType.UDP, "1.2.3.4:" + (1000 + i)), fx.now());
                        nr.statsAnswerRcvd(fx.now(), fx.now() + i, SequenceOrdering.UNORDERED);
                        nr.lastFlow();
                        if (i % 50 == 0) {
                            fx.table.kickBuckets();
                            fx.table.findPreferredFastestNodes(5, r -> r.isAlive());
                            fx.table.recentPeers();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            fx.table.kickBuckets();
            assertThat(fx.table.entryCount()).isPositive().isLessThanOrEqualTo(TOTAL_DEPTH);
            assertThat(fx.table.recentPeers()).hasSizeLessThanOrEqualTo(RoutingTableConfig.RECENT_PEERS_TABLE_SIZE);
        }
    }
}
