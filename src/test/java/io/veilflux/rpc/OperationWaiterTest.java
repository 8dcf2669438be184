package io.veilflux.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.net.NetworkResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class OperationWaiterTest {
    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    private final OperationWaiter<String, String> waiter = new OperationWaiter<>(clock);

    @Test
    void anAnswerReachesItsWaiterWithTheLatency() {
        OperationWaiter<String, String>.Handle handle = waiter.add(7, "ctx");
        assertThat(waiter.context(7)).contains("ctx");
        StepVerifier.withVirtualTime(() -> handle.await(Duration.ofSeconds(5)), () -> clock, 1)
                .expectSubscription()
                .then(() -> clock.advanceTimeBy(Duration.ofMillis(30)))
                .then(() -> assertThat(waiter.complete(7, "answer")).isTrue())
                .expectNext(NetworkResult.value(new OperationWaiter.Reply<>("answer", 30_000)))
                .verifyComplete();
        assertThat(waiter.size()).isZero();
    }

    @Test
    void anAnswerThatOvertakesTheWaitIsKept() {
        OperationWaiter<String, String>.Handle handle = waiter.add(8, "ctx");
        assertThat(waiter.complete(8, "early")).isTrue();
        StepVerifier.create(handle.await(Duration.ofSeconds(5)))
                .expectNextMatches(r -> r instanceof NetworkResult.Value<OperationWaiter.Reply<String>> v
                        && v.value().answer().equals("early"))
                .verifyComplete();
    }

    @Test
    void noAnswerInTimeIsATimeoutAndTheLateAnswerIsIgnored() {
        OperationWaiter<String, String>.Handle handle = waiter.add(9, "ctx");
        StepVerifier.withVirtualTime(() -> handle.await(Duration.ofSeconds(5)), () -> clock, 1)
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(4999))
                .thenAwait(Duration.ofMillis(1))
                .expectNextMatches(r -> r instanceof NetworkResult.Timeout)
                .verifyComplete();
        assertThat(waiter.complete(9, "late")).isFalse();
        assertThat(waiter.context(9)).isEmpty();
    }

    @Test
    void cancellingForgetsTheWait() {
        OperationWaiter<String, String>.Handle handle = waiter.add(10, "ctx");
        StepVerifier.create(handle.await(Duration.ofSeconds(5))).thenCancel().verify();
        assertThat(waiter.size()).isZero();
        assertThat(waiter.complete(10, "x")).isFalse();
    }

    @Test
    void idsAreListedOldestFirstAndACollisionIsABug() {
        waiter.add(3, "a");
        clock.advanceTimeBy(Duration.ofMillis(1));
        waiter.add(1, "b");
        clock.advanceTimeBy(Duration.ofMillis(1));
        waiter.add(2, "c");
        assertThat(waiter.operationIds()).containsExactly(3L, 1L, 2L);
        assertThatThrownBy(() -> waiter.add(1, "d")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already waited for");
    }
}
