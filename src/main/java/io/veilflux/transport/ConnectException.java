package io.veilflux.transport;

import io.veilflux.net.DialInfo;

/** A connection to a dial info could not be made or kept (Veilid's {@code NoConnection}). */
public final class ConnectException extends RuntimeException {
    private final transient DialInfo dialInfo;

    public ConnectException(DialInfo dialInfo, String reason) {
        super("no connection to " + dialInfo + ": " + reason);
        this.dialInfo = dialInfo;
    }

    public DialInfo dialInfo() {
        return dialInfo;
    }
}
