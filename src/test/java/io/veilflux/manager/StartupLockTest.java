package io.veilflux.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class StartupLockTest {
    private final StartupLock lock = new StartupLock();

    @Test
    void workEntersOnlyWhileStarted() {
        assertThat(lock.enter()).isEmpty();
        lock.beginStartup();
        assertThat(lock.enter()).as("not while starting").isEmpty();
        assertThatThrownBy(lock::beginStartup).hasMessageContaining("already started");
        lock.started();
        assertThat(lock.isStarted()).isTrue();
        Optional<StartupLock.Entry> entry = lock.enter();
        assertThat(entry).isPresent();
        entry.get().close();
    }

    @Test
    void shutdownStopsNewWorkAndWaitsForEnteredWork() {
        lock.beginStartup();
        lock.started();
        StartupLock.Entry busy = lock.enter().orElseThrow();
        StepVerifier.create(lock.beginShutdown())
                .expectSubscription()
                .then(() -> assertThat(lock.enter()).as("refused once shutdown began").isEmpty())
                .then(() -> StepVerifier.create(lock.stopSignal()).verifyComplete())
                .expectNoEvent(Duration.ZERO)
                .then(busy::close)
                .verifyComplete();
        lock.shutDown();
        assertThat(lock.isShutDown()).isTrue();
        lock.beginStartup();
        lock.started();
        StepVerifier.create(lock.stopSignal()).expectSubscription().expectNoEvent(Duration.ZERO).thenCancel().verify();
    }

    @Test
    void aFailedStartupLeavesItShutDownAndClosingTwiceCountsOnce() {
        lock.beginStartup();
        lock.abortStartup();
        assertThat(lock.isShutDown()).isTrue();
        StepVerifier.create(lock.beginShutdown()).expectErrorMessage("not started: SHUT_DOWN").verify();
        lock.beginStartup();
        lock.started();
        StartupLock.Entry entry = lock.enter().orElseThrow();
        entry.close();
        entry.close();
        StepVerifier.create(lock.beginShutdown()).verifyComplete();
    }
}
