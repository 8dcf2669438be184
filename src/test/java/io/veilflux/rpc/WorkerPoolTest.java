package io.veilflux.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Where and when the shared worker shape runs its work: at once when a worker is free, else in queue order on its scheduler. */
class WorkerPoolTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Scheduler work = Schedulers.newBoundedElastic(2, 1000, "pool-work");

    @AfterEach
    void disposeScheduler() {
        work.dispose();
    }

    private <T> WorkerPool<T> pool(int queueSize, int concurrency, Function<T, Mono<Void>> worker) {
        WorkerPool<T> pool = new WorkerPool<>("test.pool", queueSize, concurrency, worker, registry,
                Schedulers.immediate(), work);
        pool.start();
        return pool;
    }

    @Test
    void workStartsOnTheOfferingThreadWhenAWorkerIsFree() {
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        WorkerPool<String> pool = pool(4, 1, s -> Mono.fromRunnable(() -> ranOn.add(Thread.currentThread())));
        assertThat(pool.offer("a")).isTrue();
        assertThat(ranOn).as("done before offer returned, on this thread").containsExactly(Thread.currentThread());
        assertThat(pool.queued()).isZero();
        assertThat(pool.processLatency()).isPresent();
    }

    @Test
    void queuedWorkStartsOnTheWorkSchedulerNotOnTheThreadThatFreedAWorker() throws Exception {
        Sinks.Empty<Void> first = Sinks.empty();
        CompletableFuture<String> secondRanOn = new CompletableFuture<>();
        WorkerPool<String> pool = pool(4, 1, s -> "first".equals(s) ? first.asMono()
                : Mono.fromRunnable(() -> secondRanOn.complete(Thread.currentThread().getName())));
        pool.offer("first");
        pool.offer("second");
        assertThat(pool.queued()).as("the only worker is busy").isEqualTo(1);
        assertThat(secondRanOn).isNotDone();

        Thread finisher = new Thread(first::tryEmitEmpty, "finisher");
        finisher.start();
        finisher.join();

        assertThat(secondRanOn.get(10, TimeUnit.SECONDS)).startsWith("pool-work");
        assertThat(pool.queued()).isZero();
    }

    @Test
    void queuedWorkStartsInTheOrderItWasOffered() throws Exception {
        Sinks.Empty<Void> first = Sinks.empty();
        List<Integer> started = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(6);
        WorkerPool<Integer> pool = pool(10, 1, i -> {
            started.add(i);
            all.countDown();
            return i == 0 ? first.asMono() : Mono.empty();
        });
        for (int i = 0; i < 6; i++) {
            pool.offer(i);
        }
        first.tryEmitEmpty();
        assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(started).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void aWorkerThatThrowsOrFailsFreesItsPlace() {
        AtomicInteger done = new AtomicInteger();
        WorkerPool<String> pool = pool(4, 1, s -> switch (s) {
            case "throw" -> throw new IllegalStateException("boom");
            case "error" -> Mono.error(new IllegalStateException("boom"));
            default -> Mono.fromRunnable(done::incrementAndGet);
        });
        assertThat(pool.offer("throw")).isTrue();
        assertThat(pool.offer("error")).isTrue();
        assertThat(pool.offer("ok")).isTrue();
        assertThat(done).as("the one worker was free again each time").hasValue(1);
    }

    @Test
    void stopCancelsWorkInProgressDropsTheQueueAndARestartStartsClean() {
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicInteger done = new AtomicInteger();
        WorkerPool<String> pool = pool(4, 1, s -> "hang".equals(s)
                ? Mono.<Void>never().doOnCancel(() -> cancelled.set(true))
                : Mono.fromRunnable(done::incrementAndGet));
        pool.offer("hang");
        pool.offer("queued");
        pool.stop();
        assertThat(cancelled).isTrue();
        assertThat(pool.queued()).isZero();
        assertThatThrownBy(() -> pool.offer("late")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not started");

        pool.start();
        assertThat(pool.offer("after")).isTrue();
        assertThat(done).as("the stopped run's queue is gone; the new run has its worker free").hasValue(1);
    }

    @Test
    void noOfferingThreadRunsAnotherThreadsWork() throws Exception {
        int perThread = 300;
        ConcurrentHashMap<String, String> ranOn = new ConcurrentHashMap<>();
        CountDownLatch allDone = new CountDownLatch(2 * perThread);
        WorkerPool<String> pool = pool(2 * perThread, 64, unit -> Mono.fromRunnable(() -> {
            long until = System.nanoTime() + 20_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            ranOn.put(unit, Thread.currentThread().getName());
            allDone.countDown();
        }));
        List<Thread> offerers = new CopyOnWriteArrayList<>();
        for (String lane : List.of("lane-a", "lane-b")) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    pool.offer(lane + "/" + i);
                }
            }, lane);
            offerers.add(thread);
        }
        offerers.forEach(Thread::start);
        for (Thread thread : offerers) {
            thread.join();
        }
        assertThat(allDone.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ranOn).allSatisfy((unit, thread) -> assertThat(thread)
                .as(unit + " ran on its own lane or on the work scheduler")
                .matches(t -> t.equals(unit.substring(0, unit.indexOf('/'))) || t.startsWith("pool-work")));
    }

    @Test
    void manyThreadsOfferingNeverRunMoreThanTheConcurrencyAndLoseNothing() throws Exception {
        int threads = 4;
        int perThread = 500;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ConcurrentHashMap<Integer, Boolean> finished = new ConcurrentHashMap<>();
        CountDownLatch allDone = new CountDownLatch(threads * perThread);
        Scheduler finishers = Schedulers.newParallel("finisher", 2);
        try {
            WorkerPool<Integer> pool = pool(threads * perThread, 3, i -> {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                Mono<Void> end = Mono.fromRunnable(() -> {
                    running.decrementAndGet();
                    finished.put(i, true);
                    allDone.countDown();
                });
                // Half finish at once, half later on other threads, as sends do.
                return i % 2 == 0 ? end : end.subscribeOn(finishers);
            });
            AtomicInteger refused = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> offerers = new CopyOnWriteArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    for (int i = 0; i < perThread; i++) {
                        if (!pool.offer(base + i)) {
                            refused.incrementAndGet();
                        }
                    }
                });
                offerers.add(thread);
                thread.start();
            }
            go.countDown();
            for (Thread thread : offerers) {
                thread.join();
            }
            assertThat(refused).as("the queue holds all of them").hasValue(0);
            assertThat(allDone.await(30, TimeUnit.SECONDS)).as("every unit of work finished").isTrue();
            assertThat(finished).hasSize(threads * perThread);
            assertThat(peak.get()).isBetween(1, 3);
            assertThat(pool.queued()).isZero();
        } finally {
            finishers.dispose();
        }
    }
}
