package io.veilflux.transport;

import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;

/**
 * A listener could not bind its address, typically because the port is taken. Veilid answers
 * with {@code BindRetry}: the network shuts down again and startup is retried later.
 */
public final class BindException extends RuntimeException {
    private final ProtocolType protocol;
    private final SocketAddress address;

    public BindException(ProtocolType protocol, SocketAddress address, Throwable cause) {
        super("cannot bind " + protocol + " to " + address + ": " + cause.getMessage()
                + " (is the port taken? choose another port, or 0 for any free one)", cause);
        this.protocol = protocol;
        this.address = address;
    }

    public ProtocolType protocol() {
        return protocol;
    }

    public SocketAddress address() {
        return address;
    }
}
