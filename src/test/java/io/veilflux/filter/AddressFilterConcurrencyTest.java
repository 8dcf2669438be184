package io.veilflux.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.net.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Many threads open, close and punish at once, as Netty event loops and crypto workers do. If the
 * filter's tables were not guarded, counts would drift from what the threads hold, a limit would
 * be overrun, or a remove of a held connection would find nothing.
 */
class AddressFilterConcurrencyTest {
    private static final int THREADS = 8;
    private static final int OPERATIONS_PER_THREAD = 20_000;
    private static final int MAX_PER_BLOCK = 32;
    // Two IPv4 hosts and two IPv6 addresses that share one /56 block.
    private static final List<Address> ADDRESSES = List.of(Address.parse("198.51.100.1"),
            Address.parse("198.51.100.2"), Address.parse("2001:db8:1:2300::1"), Address.parse("2001:db8:1:23ff::2"));

    @Test
    void countsStayConsistentUnderConcurrentAddsRemovesAndPunishments() throws Exception {
        AddressFilterConfig d = AddressFilterConfig.defaults();
        // No rate limit here: virtual time stands still, and the rate rule is tested on its own.
        AddressFilterConfig config = new AddressFilterConfig(MAX_PER_BLOCK, MAX_PER_BLOCK, 56, Integer.MAX_VALUE,
                d.punishmentDuration(), d.dialInfoFailureDuration(), d.maxPunishmentsByNodeId(),
                d.maxDialInfoFailures(), d.taskInterval());
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        AddressFilter filter = new AddressFilter(config, clock);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Worker>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Worker worker = new Worker(filter, new Random(1234 + t));
                futures.add(pool.submit(() -> {
                    start.await();
                    worker.run();
                    return worker;
                }));
            }
            start.countDown();
            List<Worker> workers = new ArrayList<>();
            for (Future<Worker> future : futures) {
                workers.add(future.get(60, TimeUnit.SECONDS));
            }

            int[] held = new int[ADDRESSES.size()];
            for (Worker worker : workers) {
                assertThat(worker.failedRemoves).as("removes of held connections that found nothing").isZero();
                worker.held.forEach(i -> held[i]++);
            }
            int ip4a = held[0];
            int ip4b = held[1];
            int ip6 = held[2] + held[3];
            assertThat(filter.connectionCount(ADDRESSES.get(0))).isEqualTo(ip4a).isLessThanOrEqualTo(MAX_PER_BLOCK);
            assertThat(filter.connectionCount(ADDRESSES.get(1))).isEqualTo(ip4b).isLessThanOrEqualTo(MAX_PER_BLOCK);
            assertThat(filter.connectionCount(ADDRESSES.get(2))).isEqualTo(ip6).isLessThanOrEqualTo(MAX_PER_BLOCK);
            assertThat(workers.stream().mapToInt(w -> w.accepted).sum()).as("some connections were admitted")
                    .isGreaterThan(THREADS * OPERATIONS_PER_THREAD / 10);

            for (Worker worker : workers) {
                for (int i : worker.held) {
                    assertThat(filter.removeConnection(ADDRESSES.get(i))).isEqualTo(RemoveConnectionResult.REMOVED);
                }
            }
            for (Address address : ADDRESSES) {
                assertThat(filter.connectionCount(address)).isZero();
                assertThat(filter.removeConnection(address)).isEqualTo(RemoveConnectionResult.ADDRESS_NOT_IN_TABLE);
            }
        } finally {
            pool.shutdownNow();
            clock.dispose();
        }
    }

    /** One thread's random walk; it remembers which connections it holds open. */
    private static final class Worker {
        private final AddressFilter filter;
        private final Random random;
        final List<Integer> held = new ArrayList<>();
        int accepted;
        int failedRemoves;

        Worker(AddressFilter filter, Random random) {
            this.filter = filter;
            this.random = random;
        }

        void run() {
            for (int n = 0; n < OPERATIONS_PER_THREAD; n++) {
                int op = random.nextInt(100);
                int index = random.nextInt(ADDRESSES.size());
                Address address = ADDRESSES.get(index);
                if (op < 55) {
                    if (filter.addConnection(address).isAccepted()) {
                        held.add(index);
                        accepted++;
                    }
                } else if (op < 99) {
                    if (!held.isEmpty()) {
                        int i = held.remove(random.nextInt(held.size()));
                        if (filter.removeConnection(ADDRESSES.get(i)) != RemoveConnectionResult.REMOVED) {
                            failedRemoves++;
                        }
                    }
                } else if (random.nextBoolean()) {
                    filter.punishIpAddr(address, PunishmentReason.MANUAL);
                } else {
                    filter.forgiveIpAddr(address);
                }
            }
        }
    }
}
