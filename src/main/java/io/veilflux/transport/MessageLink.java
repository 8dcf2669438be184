package io.veilflux.transport;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One open connection seen as whole messages: raw TCP with {@code VL} framing or WebSocket
 * binary messages. The protocol's framing lives behind it; {@link NetworkConnection} runs the
 * rest the same way for every protocol.
 */
interface MessageLink {

    /** Whole inbound messages; completes when the peer closes, errors on broken framing. */
    Flux<byte[]> receive();

    /** Writes every message of {@code messages} in order. */
    Mono<Void> send(Publisher<byte[]> messages);

    void close();

    Mono<Void> onClose();
}
