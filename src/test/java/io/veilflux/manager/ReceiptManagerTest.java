package io.veilflux.manager;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoSystem;
import io.veilflux.crypto.Nonce;
import io.veilflux.rpc.ReceiptEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class ReceiptManagerTest {
    private static final CryptoSystem VLD0 = Crypto.standard().best();

    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    private final ReceiptManager receipts = new ReceiptManager(clock);

    @BeforeEach
    void start() {
        receipts.startup();
    }

    private long inMicros(Duration d) {
        return clock.now(TimeUnit.MICROSECONDS) + d.toNanos() / 1000;
    }

    @Test
    void aSingleShotReceiptAnswersOnceWithHowItCameBack() {
        Nonce nonce = VLD0.randomNonce();
        Mono<ReceiptEvent> event = receipts.recordSingleShot(nonce, inMicros(Duration.ofSeconds(5)));
        StepVerifier.create(event)
                .then(() -> StepVerifier.create(receipts.handleReceipt(nonce, new ReceiptEvent.ReturnedOutOfBand()))
                        .expectNext(ReceiptManager.Handled.HANDLED).verifyComplete())
                .expectNext(new ReceiptEvent.ReturnedOutOfBand())
                .verifyComplete();
        StepVerifier.create(receipts.handleReceipt(nonce, new ReceiptEvent.ReturnedOutOfBand()))
                .expectNext(ReceiptManager.Handled.NOT_RECORDED)
                .verifyComplete();
        assertThat(receipts.outstanding()).isZero();
    }

    @Test
    void expiryHappensOnTheFirstTickAfterTheDeadline() {
        Nonce nonce = VLD0.randomNonce();
        Mono<ReceiptEvent> event = receipts.recordSingleShot(nonce, inMicros(Duration.ofSeconds(5)));
        clock.advanceTimeBy(Duration.ofMillis(4999));
        receipts.tick().block();
        assertThat(receipts.outstanding()).isEqualTo(1);
        clock.advanceTimeBy(Duration.ofMillis(1));
        receipts.tick().block();
        assertThat(receipts.outstanding()).isZero();
        StepVerifier.create(event).expectNext(new ReceiptEvent.Expired()).verifyComplete();
    }

    @Test
    void aMultiShotReceiptHearsEachReturnUntilTheExpectedCount() {
        Nonce nonce = VLD0.randomNonce();
        List<String> heard = new ArrayList<>();
        receipts.record(nonce, inMicros(Duration.ofSeconds(5)), 2,
                (event, n, soFar, expected) -> Mono.fromRunnable(() -> heard.add(event.getClass().getSimpleName() + " " + soFar + "/" + expected)));
        receipts.handleReceipt(nonce, new ReceiptEvent.ReturnedOutOfBand()).block();
        assertThat(receipts.outstanding()).isEqualTo(1);
        receipts.handleReceipt(nonce, new ReceiptEvent.ReturnedSafety()).block();
        assertThat(receipts.outstanding()).isZero();
        assertThat(heard).containsExactly("ReturnedOutOfBand 1/2", "ReturnedSafety 2/2");
    }

    @Test
    void withNoExpectedCountOnlyExpiryEndsIt() {
        Nonce nonce = VLD0.randomNonce();
        List<ReceiptEvent> heard = new ArrayList<>();
        receipts.record(nonce, inMicros(Duration.ofSeconds(1)), 0, (event, n, s, e) -> Mono.fromRunnable(() -> heard.add(event)));
        for (int i = 0; i < 3; i++) {
            receipts.handleReceipt(nonce, new ReceiptEvent.ReturnedOutOfBand()).block();
        }
        clock.advanceTimeBy(Duration.ofSeconds(1));
        receipts.tick().block();
        assertThat(heard).hasSize(4).last().isEqualTo(new ReceiptEvent.Expired());
    }

    @Test
    void handlingWaitsForTheCallback() {
        Nonce nonce = VLD0.randomNonce();
        Sinks.Empty<Void> callbackDone = Sinks.empty();
        receipts.record(nonce, inMicros(Duration.ofSeconds(5)), 1, (event, n, s, e) -> callbackDone.asMono());
        StepVerifier.create(receipts.handleReceipt(nonce, new ReceiptEvent.ReturnedOutOfBand()))
                .expectSubscription()
                .expectNoEvent(Duration.ZERO)
                .then(callbackDone::tryEmitEmpty)
                .expectNext(ReceiptManager.Handled.HANDLED)
                .verifyComplete();
    }

    @Test
    void shutdownCancelsWaitersAndAbandonsCallbacks() {
        Nonce single = VLD0.randomNonce();
        Nonce multi = VLD0.randomNonce();
        Mono<ReceiptEvent> event = receipts.recordSingleShot(single, inMicros(Duration.ofSeconds(5)));
        receipts.record(multi, inMicros(Duration.ofSeconds(5)), 2, (e, n, s, x) -> Mono.never());
        StepVerifier.create(receipts.handleReceipt(multi, new ReceiptEvent.ReturnedOutOfBand()))
                .then(receipts::shutdown)
                .expectNext(ReceiptManager.Handled.HANDLED)
                .verifyComplete();
        StepVerifier.create(event).expectNext(new ReceiptEvent.Cancelled()).verifyComplete();
        StepVerifier.create(receipts.handleReceipt(single, new ReceiptEvent.ReturnedOutOfBand()))
                .expectErrorMessage("receipt manager not started")
                .verify();
        StepVerifier.create(receipts.recordSingleShot(VLD0.randomNonce(), inMicros(Duration.ofSeconds(5))))
                .as("a receipt recorded while stopped is cancelled at once")
                .expectNext(new ReceiptEvent.Cancelled())
                .verifyComplete();
    }

    @Test
    void aReplacedOrCancelledRecordIsCancelled() {
        Nonce nonce = VLD0.randomNonce();
        Mono<ReceiptEvent> first = receipts.recordSingleShot(nonce, inMicros(Duration.ofSeconds(5)));
        Mono<ReceiptEvent> second = receipts.recordSingleShot(nonce, inMicros(Duration.ofSeconds(5)));
        StepVerifier.create(first).expectNext(new ReceiptEvent.Cancelled()).verifyComplete();
        StepVerifier.create(receipts.cancel(nonce)).expectNext(true).verifyComplete();
        StepVerifier.create(second).expectNext(new ReceiptEvent.Cancelled()).verifyComplete();
        StepVerifier.create(receipts.cancel(nonce)).expectNext(false).verifyComplete();
    }
}
