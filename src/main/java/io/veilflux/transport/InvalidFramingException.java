package io.veilflux.transport;

import io.netty.handler.codec.DecoderException;

/** A peer broke its protocol's framing; Veilid punishes the IP and closes the connection. */
public final class InvalidFramingException extends DecoderException {
    public InvalidFramingException(String message) {
        super(message);
    }
}
