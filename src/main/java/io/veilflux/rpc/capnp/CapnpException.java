package io.veilflux.rpc.capnp;

/**
 * A Cap'n Proto message could not be read or written; {@link #error()} says why. It is the only
 * exception the codec lets out, whatever bytes it is given.
 */
public final class CapnpException extends RuntimeException {
    private final CapnpError error;

    public CapnpException(CapnpError error, String message) {
        super(error.label() + ": " + message, null, false, false);
        this.error = error;
    }

    public CapnpError error() {
        return error;
    }
}
