package io.veilflux.rpc;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.NodeId;
import io.veilflux.net.DialInfo;
import io.veilflux.net.SocketAddress;
import io.veilflux.routing.FourCc;
import io.veilflux.routing.PeerInfo;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One RPC operation as the network manager sends and receives it: the subset of Veilid's
 * {@code Operation} for direct (not routed) status, find_node, app_call, validate_dial_info,
 * signal, return_receipt and app_message.
 *
 * @param opId random, to match answers to questions (Veilid's u64, as Java's signed long)
 * @param senderPeerInfo the sender's peer info, attached when it thinks ours is stale
 * @param targetNodeInfoTs the timestamp of the target's NodeInfo as the sender knows it, 0 if none
 */
public record Operation(long opId, Optional<PeerInfo> senderPeerInfo, long targetNodeInfoTs, Kind kind) {
    public Operation {
        Objects.requireNonNull(senderPeerInfo, "senderPeerInfo");
        Objects.requireNonNull(kind, "kind");
    }

    /** Question, statement or answer. */
    public sealed interface Kind permits Question, Statement, Answer {
    }

    /** Expects an answer, sent back to the sender (answers through private routes are not supported). */
    public record Question(QuestionDetail detail) implements Kind {
        public Question {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Expects no answer. */
    public record Statement(StatementDetail detail) implements Kind {
        public Statement {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Answers the question with the same {@code opId}. */
    public record Answer(AnswerDetail detail) implements Kind {
        public Answer {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** What a question asks. */
    public sealed interface QuestionDetail permits StatusQ, FindNodeQ, AppCallQ {
    }

    /** What a statement says. */
    public sealed interface StatementDetail permits ValidateDialInfo, Signal, ReturnReceipt, AppMessage {
    }

    /** What an answer gives. */
    public sealed interface AnswerDetail permits StatusA, FindNodeA, AppCallA {
    }

    /** Asks for the target's status (an empty NodeStatus in 0.5) and the address it sees us at. */
    public record StatusQ() implements QuestionDetail {
    }

    /** @param senderInfo the address the answering node saw the question come from */
    public record StatusA(Optional<SocketAddress> senderInfo) implements AnswerDetail {
        public StatusA {
            Objects.requireNonNull(senderInfo, "senderInfo");
        }
    }

    /** Asks for the peers closest to {@code nodeId} that have all of {@code capabilities}. */
    public record FindNodeQ(NodeId nodeId, List<FourCc> capabilities) implements QuestionDetail {
        public FindNodeQ {
            Objects.requireNonNull(nodeId, "nodeId");
            capabilities = List.copyOf(capabilities);
        }
    }

    public record FindNodeA(List<PeerInfo> peers) implements AnswerDetail {
        public FindNodeA {
            peers = List.copyOf(peers);
        }
    }

    public record AppCallQ(Bytes message) implements QuestionDetail {
        public AppCallQ {
            Objects.requireNonNull(message, "message");
        }
    }

    public record AppCallA(Bytes message) implements AnswerDetail {
        public AppCallA {
            Objects.requireNonNull(message, "message");
        }
    }

    public record AppMessage(Bytes message) implements StatementDetail {
        public AppMessage {
            Objects.requireNonNull(message, "message");
        }
    }

    /** Asks the target to send {@code receipt} back to {@code dialInfo}, from another node if {@code redirect}. */
    public record ValidateDialInfo(DialInfo dialInfo, Bytes receipt, boolean redirect) implements StatementDetail {
        public ValidateDialInfo {
            Objects.requireNonNull(dialInfo, "dialInfo");
            Objects.requireNonNull(receipt, "receipt");
        }
    }

    public record ReturnReceipt(Bytes receipt) implements StatementDetail {
        public ReturnReceipt {
            Objects.requireNonNull(receipt, "receipt");
        }
    }

    /** Asks the target, through its relay, to reach {@code peerInfo}'s node and return the receipt. */
    public sealed interface Signal extends StatementDetail permits HolePunch, ReverseConnect {
        Bytes receipt();

        PeerInfo peerInfo();
    }

    /** @param dialInfo the dial info to punch towards (0.5.3, rpc-capnp.md §5); absent from 0.5.2 senders */
    public record HolePunch(Bytes receipt, PeerInfo peerInfo, Optional<DialInfo> dialInfo) implements Signal {
        public HolePunch {
            Objects.requireNonNull(receipt, "receipt");
            Objects.requireNonNull(peerInfo, "peerInfo");
            Objects.requireNonNull(dialInfo, "dialInfo");
        }
    }

    public record ReverseConnect(Bytes receipt, PeerInfo peerInfo) implements Signal {
        public ReverseConnect {
            Objects.requireNonNull(receipt, "receipt");
            Objects.requireNonNull(peerInfo, "peerInfo");
        }
    }
}
