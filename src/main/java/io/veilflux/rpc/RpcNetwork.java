package io.veilflux.rpc;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.NodeId;
import io.veilflux.filter.PunishmentReason;
import io.veilflux.net.DialInfo;
import io.veilflux.net.Flow;
import io.veilflux.net.NetworkResult;
import io.veilflux.routing.FilteredNodeRef;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The narrow view the RPC processor has of the network manager (spec routing-rpc §0.5): sending an
 * envelope body to a node, the signal and receipt handlers, and punishment. Tests put an in-memory
 * stand-in here.
 */
public interface RpcNetwork {

    /** A receipt waiting to come back: its bytes to hand out, and what became of it. */
    record SingleShotReceipt(Bytes receipt, Mono<ReceiptEvent> event) {
        public SingleShotReceipt {
            Objects.requireNonNull(receipt, "receipt");
            Objects.requireNonNull(event, "event");
        }
    }

    /**
     * Veilid's {@code send_envelope}: seal {@code body} for {@code target} and send it, to
     * {@code relayDialInfo} when given (the target's relay forwards it), else by the target's contact method.
     */
    Mono<NetworkResult<SendDataResult>> sendEnvelope(FilteredNodeRef target, Optional<DialInfo> relayDialInfo,
                                                     byte[] body);

    /** Veilid's {@code handle_signal} for a signal that arrived on {@code flow}. */
    Mono<NetworkResult<NetworkResult.Done>> handleSignal(Flow flow, Operation.Signal signal,
                                                         ValidatedPeerInfo signalPeer);

    /** A receipt returned inside a ReturnReceipt statement from {@code sender}. */
    Mono<NetworkResult<NetworkResult.Done>> handleInBandReceipt(Bytes receipt, FilteredNodeRef sender);

    /** Sends {@code receipt} as a bare packet to {@code dialInfo} from an unbound socket. */
    Mono<Void> sendOutOfBandReceipt(DialInfo dialInfo, Bytes receipt);

    /** A fresh receipt that expires after {@code expiry}. */
    SingleShotReceipt generateSingleShotReceipt(Duration expiry);

    void punishNodeId(NodeId nodeId, PunishmentReason reason);
}
