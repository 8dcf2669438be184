package io.veilflux.rpc;

import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.net.Flow;
import io.veilflux.routing.FilteredNodeRef;
import io.veilflux.routing.RoutingDomain;
import java.util.Objects;

/**
 * What the network manager knows of a decrypted envelope it hands to the RPC processor (Veilid's
 * direct {@code RPCMessageHeader}).
 *
 * @param timestamp when it arrived, microseconds since the epoch
 * @param senderNodeRef the sender's entry, narrowed to the flow's routing domain, protocol and address type;
 *                      answers go back through it
 */
public record RpcMessageHeader(NodeId senderId, long timestamp, int bodyLength, FilteredNodeRef senderNodeRef,
                               Flow flow, RoutingDomain routingDomain) {
    public RpcMessageHeader {
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(senderNodeRef, "senderNodeRef");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(routingDomain, "routingDomain");
    }

    public CryptoKind cryptoKind() {
        return senderId.kind();
    }
}
