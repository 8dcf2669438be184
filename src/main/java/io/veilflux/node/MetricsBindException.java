package io.veilflux.node;

import io.veilflux.net.SocketAddress;

/** The {@link MetricsServer} could not listen on its address, typically because the port is taken. */
public final class MetricsBindException extends RuntimeException {
    private final SocketAddress address;

    public MetricsBindException(SocketAddress address, Throwable cause) {
        super("cannot serve metrics on " + address + ": " + rootMessage(cause)
                + " (is port " + address.port() + " taken, or " + address.address()
                + " not an address of this host? choose another metrics port, or 0 for any free one)", cause);
        this.address = address;
    }

    public SocketAddress address() {
        return address;
    }

    private static String rootMessage(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == cause ? String.valueOf(cause.getMessage()) : cause.getMessage() + ": " + root.getMessage();
    }
}
