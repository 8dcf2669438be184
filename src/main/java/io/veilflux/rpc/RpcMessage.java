package io.veilflux.rpc;

import io.veilflux.routing.NodeRef;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A received operation after decoding and validation.
 *
 * @param sender the sender's entry, when it sent a usable peer info or was already known
 * @param peers the peer infos the operation carries (a FindNode answer's, a signal's), verified;
 *              peer infos that could not be verified are left out, as Veilid ignores them
 */
public record RpcMessage(RpcMessageHeader header, Operation operation, Optional<NodeRef> sender,
                         List<ValidatedPeerInfo> peers) {
    public RpcMessage {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(sender, "sender");
        peers = List.copyOf(peers);
    }
}
