package io.veilflux.manager;

import io.veilflux.wire.PacketMagic;
import reactor.core.publisher.Mono;

/** Answers a direct bootstrap request (BOOT or B01T) with the bytes to send back on the same flow. */
@FunctionalInterface
public interface BootstrapResponder {
    /** Answers nothing: a node that is no bootstrap node. */
    BootstrapResponder NONE = (magic, request) -> Mono.empty();

    Mono<byte[]> respond(PacketMagic magic, byte[] request);
}
