package io.veilflux.net;

import java.util.Objects;

/** A remote endpoint and the protocol spoken to it; printed {@code TCP:1.2.3.4:5150}. */
public record PeerAddress(ProtocolType protocol, SocketAddress socketAddress) {

    public PeerAddress {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(socketAddress, "socketAddress");
    }

    public AddressType addressType() {
        return socketAddress.address().type();
    }

    public static PeerAddress parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("invalid peer address '" + text + "' (expected PROTOCOL:ip:port)");
        }
        return new PeerAddress(ProtocolType.parse(text.substring(0, colon)), SocketAddress.parse(text.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return protocol + ":" + socketAddress;
    }
}
