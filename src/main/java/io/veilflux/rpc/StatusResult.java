package io.veilflux.rpc;

import io.veilflux.net.SocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A Status answer's news about us: the address the target saw our question come from, and what it
 * reported for the same protocol and address type before (when the question went out directly).
 */
public record StatusResult(Optional<SocketAddress> senderInfo, Optional<SocketAddress> previousSenderInfo) {
    public StatusResult {
        Objects.requireNonNull(senderInfo, "senderInfo");
        Objects.requireNonNull(previousSenderInfo, "previousSenderInfo");
    }
}
