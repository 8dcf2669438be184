package io.veilflux.net;

import java.util.Objects;
import java.util.Optional;

/**
 * An existing conversation: the remote peer address and, where known, our local socket address
 * (always known for connection-oriented protocols on a real node).
 */
public record Flow(PeerAddress remote, Optional<SocketAddress> local) {

    public Flow {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(local, "local");
    }

    public static Flow of(PeerAddress remote, SocketAddress local) {
        return new Flow(remote, Optional.of(local));
    }

    public ProtocolType protocol() {
        return remote.protocol();
    }

    public AddressType addressType() {
        return remote.addressType();
    }

    @Override
    public String toString() {
        return local.map(l -> l + " -> " + remote).orElse(remote.toString());
    }
}
