package io.veilflux.rpc.codec;

import io.veilflux.crypto.Bytes;
import io.veilflux.routing.PeerInfo;
import io.veilflux.rpc.Operation.AnswerDetail;
import io.veilflux.rpc.Operation.QuestionDetail;
import io.veilflux.rpc.Operation.StatementDetail;
import io.veilflux.rpc.Operation;
import io.veilflux.rpc.SignedOperation;
import io.veilflux.rpc.capnp.CanonicalWriter;
import io.veilflux.rpc.capnp.CapnpError;
import io.veilflux.rpc.capnp.CapnpException;
import io.veilflux.rpc.capnp.CapnpValue;
import io.veilflux.rpc.capnp.MessageReader;
import io.veilflux.rpc.capnp.ReadLimits;
import io.veilflux.rpc.capnp.StructBuilder;
import io.veilflux.rpc.capnp.StructReader;
import java.util.Optional;

/**
 * {@link Operation} and the {@link SignedOperation} envelope body read from and written as
 * Veilid's structs (rpc-capnp.md §1, §4). Union members veilflux does not handle (DHT, routes, private-route answers) are refused
 * with {@link CapnpError#UNSUPPORTED}; {@link CapnpException} is the only exception readers throw.
 */
public final class OperationCodec {
    /** Union tags, in schema order. */
    private static final int QUESTION = 0;
    private static final int STATEMENT = 1;
    private static final int ANSWER = 2;
    private static final int STATUS = 0;
    private static final int FIND_NODE = 1;
    private static final int APP_CALL = 2;
    private static final int VALIDATE_DIAL_INFO = 0;
    private static final int SIGNAL = 2;
    private static final int RETURN_RECEIPT = 3;
    private static final int APP_MESSAGE = 4;
    private static final int HOLE_PUNCH = 0;
    private static final int REVERSE_CONNECT = 1;
    private static final CapnpValue.Struct NODE_STATUS = new StructBuilder(0, 0).build();

    private OperationCodec() {
    }

    /** Reads {@code operationData}: an unpacked standard message whose root is an Operation. */
    public static Operation decode(byte[] operationData, ReadLimits limits) {
        return readOperation(MessageReader.unpacked(operationData, limits).root());
    }

    /** The unpacked canonical message of {@code operation}: the {@code operationData} Veilid sends. */
    public static byte[] encode(Operation operation) {
        return CanonicalWriter.unpacked(writeOperation(operation));
    }

    /** Reads an envelope body: a packed standard message whose root is a SignedOperation. */
    public static SignedOperation decodeBody(byte[] packedBody, ReadLimits limits) {
        return readSignedOperation(MessageReader.packed(packedBody, limits).root());
    }

    /** The packed canonical SignedOperation message: the body that goes into an ENV0 envelope. */
    public static byte[] encodeBody(SignedOperation signed) {
        return CanonicalWriter.packed(writeSignedOperation(signed));
    }

    /** SignedOperation: operationData, signer and signature at pointers 0, 1 and 2. */
    public static SignedOperation readSignedOperation(StructReader struct) {
        if (struct.isNull(1) != struct.isNull(2)) {
            throw new CapnpException(CapnpError.INVALID_VALUE, "a signed operation needs both a signer and a "
                    + "signature or neither; this one has " + (struct.isNull(1) ? "a signature alone" : "a signer alone"));
        }
        return new SignedOperation(Bytes.of(struct.data(0)),
                struct.isNull(1) ? Optional.empty() : Optional.of(ValueCodec.readPublicKey(struct.struct(1))),
                struct.isNull(2) ? Optional.empty() : Optional.of(ValueCodec.readSignature(struct.struct(2))));
    }

    public static CapnpValue.Struct writeSignedOperation(SignedOperation signed) {
        StructBuilder out = new StructBuilder(0, 3).data(0, signed.operationData().toByteArray());
        signed.signer().ifPresent(k -> out.pointer(1, ValueCodec.writeTyped(k)));
        signed.signature().ifPresent(s -> out.pointer(2, ValueCodec.writeTyped(s)));
        return out.build();
    }

    /** Operation: opId UInt64 0, targetNodeInfoTs UInt64 1, kind tag UInt16 8; pointers senderPeerInfo, kind. */
    public static Operation readOperation(StructReader struct) {
        StructReader kind = struct.struct(1);
        return new Operation(struct.u64(0),
                struct.isNull(0) ? Optional.empty() : Optional.of(NodeInfoCodec.readPeerInfo(struct.struct(0))),
                struct.u64(1),
                switch (struct.u16(8)) {
                    case QUESTION -> new Operation.Question(readQuestion(kind));
                    case STATEMENT -> new Operation.Statement(readStatement(kind));
                    case ANSWER -> new Operation.Answer(readAnswer(kind));
                    default -> throw unsupported("operation kind", struct.u16(8));
                });
    }

    public static CapnpValue.Struct writeOperation(Operation operation) {
        StructBuilder out = new StructBuilder(3, 2).u64(0, operation.opId()).u64(1, operation.targetNodeInfoTs());
        operation.senderPeerInfo().ifPresent(p -> out.pointer(0, NodeInfoCodec.writePeerInfo(p)));
        if (operation.kind() instanceof Operation.Question q) {
            out.u16(8, QUESTION).pointer(1, writeQuestion(q.detail()));
        } else if (operation.kind() instanceof Operation.Statement s) {
            out.u16(8, STATEMENT).pointer(1, writeStatement(s.detail()));
        } else if (operation.kind() instanceof Operation.Answer a) {
            out.u16(8, ANSWER).pointer(1, writeAnswer(a.detail()));
        }
        return out.build();
    }

    /** Question: respondTo tag UInt16 0 (0 = sender), detail tag UInt16 1, detail at pointer 1. */
    private static QuestionDetail readQuestion(StructReader question) {
        if (question.u16(0) != 0) {
            throw unsupported("question respondTo", question.u16(0));
        }
        StructReader detail = question.struct(1);
        return switch (question.u16(1)) {
            case STATUS -> new Operation.StatusQ();
            case FIND_NODE -> new Operation.FindNodeQ(ValueCodec.readNodeId(detail.struct(0)),
                    Lists.fourCcs(detail.list(1)));
            case APP_CALL -> new Operation.AppCallQ(Bytes.of(detail.data(0)));
            default -> throw unsupported("question", question.u16(1));
        };
    }

    private static CapnpValue.Struct writeQuestion(QuestionDetail detail) {
        StructBuilder question = new StructBuilder(1, 2);
        if (detail instanceof Operation.StatusQ) {
            question.u16(1, STATUS).pointer(1, new StructBuilder(0, 1).pointer(0, NODE_STATUS).build());
        } else if (detail instanceof Operation.FindNodeQ q) {
            question.u16(1, FIND_NODE).pointer(1, new StructBuilder(0, 2).pointer(0, ValueCodec.writeTyped(q.nodeId()))
                    .pointer(1, Lists.fourCcs(q.capabilities())).build());
        } else if (detail instanceof Operation.AppCallQ q) {
            question.u16(1, APP_CALL).pointer(1, blob(q.message()));
        }
        return question.build();
    }

    /** Statement: detail tag UInt16 0, detail at pointer 0. */
    private static StatementDetail readStatement(StructReader statement) {
        StructReader detail = statement.struct(0);
        return switch (statement.u16(0)) {
            case VALIDATE_DIAL_INFO -> new Operation.ValidateDialInfo(ValueCodec.readDialInfo(detail.struct(0)),
                    Bytes.of(detail.data(1)), detail.bool(0));
            case SIGNAL -> readSignal(detail);
            case RETURN_RECEIPT -> new Operation.ReturnReceipt(Bytes.of(detail.data(0)));
            case APP_MESSAGE -> new Operation.AppMessage(Bytes.of(detail.data(0)));
            default -> throw unsupported("statement", statement.u16(0));
        };
    }

    private static CapnpValue.Struct writeStatement(StatementDetail detail) {
        StructBuilder statement = new StructBuilder(1, 1);
        if (detail instanceof Operation.ValidateDialInfo v) {
            statement.u16(0, VALIDATE_DIAL_INFO).pointer(0, new StructBuilder(1, 2)
                    .pointer(0, ValueCodec.writeDialInfo(v.dialInfo())).data(1, v.receipt().toByteArray())
                    .bool(0, v.redirect()).build());
        } else if (detail instanceof Operation.Signal s) {
            statement.u16(0, SIGNAL).pointer(0, writeSignal(s));
        } else if (detail instanceof Operation.ReturnReceipt r) {
            statement.u16(0, RETURN_RECEIPT).pointer(0, blob(r.receipt()));
        } else if (detail instanceof Operation.AppMessage m) {
            statement.u16(0, APP_MESSAGE).pointer(0, blob(m.message()));
        }
        return statement.build();
    }

    /** OperationSignal: tag UInt16 0; the signal info at pointer 0 holds receipt, peerInfo and (0.5.3) dialInfo. */
    private static Operation.Signal readSignal(StructReader signal) {
        StructReader info = signal.struct(0);
        Bytes receipt = Bytes.of(info.data(0));
        PeerInfo peerInfo = NodeInfoCodec.readPeerInfo(info.struct(1));
        return switch (signal.u16(0)) {
            case HOLE_PUNCH -> new Operation.HolePunch(receipt, peerInfo,
                    info.isNull(2) ? Optional.empty() : Optional.of(ValueCodec.readDialInfo(info.struct(2))));
            case REVERSE_CONNECT -> new Operation.ReverseConnect(receipt, peerInfo);
            default -> throw unsupported("signal", signal.u16(0));
        };
    }

    private static CapnpValue.Struct writeSignal(Operation.Signal signal) {
        StructBuilder info = new StructBuilder(0, 3).data(0, signal.receipt().toByteArray())
                .pointer(1, NodeInfoCodec.writePeerInfo(signal.peerInfo()));
        if (signal instanceof Operation.HolePunch h) {
            h.dialInfo().ifPresent(d -> info.pointer(2, ValueCodec.writeDialInfo(d)));
        }
        return new StructBuilder(1, 1).u16(0, signal instanceof Operation.HolePunch ? HOLE_PUNCH : REVERSE_CONNECT)
                .pointer(0, info.build()).build();
    }

    /** Answer: detail tag UInt16 0, detail at pointer 0. */
    private static AnswerDetail readAnswer(StructReader answer) {
        StructReader detail = answer.struct(0);
        return switch (answer.u16(0)) {
            case STATUS -> new Operation.StatusA(detail.isNull(1) ? Optional.empty()
                    : Optional.of(ValueCodec.readSocketAddress(detail.struct(1).struct(0))));
            case FIND_NODE -> new Operation.FindNodeA(Lists.structs(detail.list(0), NodeInfoCodec::readPeerInfo));
            case APP_CALL -> new Operation.AppCallA(Bytes.of(detail.data(0)));
            default -> throw unsupported("answer", answer.u16(0));
        };
    }

    private static CapnpValue.Struct writeAnswer(AnswerDetail detail) {
        StructBuilder answer = new StructBuilder(1, 1);
        if (detail instanceof Operation.StatusA a) {
            StructBuilder status = new StructBuilder(0, 2).pointer(0, NODE_STATUS);
            a.senderInfo().ifPresent(s -> status.pointer(1, new StructBuilder(0, 1)
                    .pointer(0, ValueCodec.writeSocketAddress(s)).build()));
            answer.u16(0, STATUS).pointer(0, status.build());
        } else if (detail instanceof Operation.FindNodeA a) {
            answer.u16(0, FIND_NODE).pointer(0, new StructBuilder(0, 1)
                    .pointer(0, Lists.structs(a.peers(), NodeInfoCodec::writePeerInfo)).build());
        } else if (detail instanceof Operation.AppCallA a) {
            answer.u16(0, APP_CALL).pointer(0, blob(a.message()));
        }
        return answer.build();
    }

    /** AppCallQ, AppCallA, AppMessage and ReturnReceipt: their one Data field at pointer 0. */
    private static CapnpValue.Struct blob(Bytes bytes) {
        return new StructBuilder(0, 1).data(0, bytes.toByteArray()).build();
    }

    private static CapnpException unsupported(String what, int tag) {
        return new CapnpException(CapnpError.UNSUPPORTED, what + " with union tag " + tag
                + " is not one veilflux handles");
    }
}
