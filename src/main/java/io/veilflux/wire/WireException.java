package io.veilflux.wire;

/** An envelope or receipt failed one of Veilid's checks; {@link #error()} says which. */
public final class WireException extends RuntimeException {
    private final WireError error;

    public WireException(WireError error, String message) {
        super(error.label() + ": " + message, null, false, false);
        this.error = error;
    }

    public WireException(WireError error, String message, Throwable cause) {
        super(error.label() + ": " + message, cause, false, false);
        this.error = error;
    }

    public WireError error() {
        return error;
    }
}
