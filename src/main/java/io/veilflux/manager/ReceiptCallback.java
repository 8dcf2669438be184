package io.veilflux.manager;

import io.veilflux.crypto.Nonce;
import io.veilflux.rpc.ReceiptEvent;
import reactor.core.publisher.Mono;

/** Told of every event of a multi-shot receipt; the returned Mono is awaited (until shutdown). */
@FunctionalInterface
public interface ReceiptCallback {
    Mono<Void> onEvent(ReceiptEvent event, Nonce nonce, int returnsSoFar, int expectedReturns);
}
