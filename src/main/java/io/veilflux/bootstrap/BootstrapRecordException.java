package io.veilflux.bootstrap;

/** A bootstrap TXT record that does not follow the v0/v1 grammar or whose signature fails. */
public final class BootstrapRecordException extends RuntimeException {
    public BootstrapRecordException(String message) {
        super(message);
    }

    public BootstrapRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
