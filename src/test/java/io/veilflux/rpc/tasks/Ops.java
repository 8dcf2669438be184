package io.veilflux.rpc.tasks;

import io.veilflux.crypto.NodeId;
import io.veilflux.rpc.Operation;
import io.veilflux.rpc.RpcTestNetwork;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Reading the operations a test node sent. */
final class Ops {
    private Ops() {
    }

    static boolean isStatus(Operation op) {
        return op.kind() instanceof Operation.Question q && q.detail() instanceof Operation.StatusQ;
    }

    static Optional<Operation.FindNodeQ> findNode(Operation op) {
        return op.kind() instanceof Operation.Question q && q.detail() instanceof Operation.FindNodeQ f
                ? Optional.of(f) : Optional.empty();
    }

    /** Whether {@code op} asks for the nodes closest to {@code target}. */
    static boolean isFindNode(Operation op, NodeId target) {
        return findNode(op).map(f -> f.nodeId().equals(target)).orElse(false);
    }

    static long count(List<Operation> ops, Predicate<Operation> what) {
        return ops.stream().filter(what).count();
    }

    /** The Status questions sent to {@code node}. */
    static List<RpcTestNetwork.Sent> statusTo(RpcTestNetwork.TestNode from, RpcTestNetwork.TestNode node) {
        return from.sent.stream().filter(s -> s.to().equals(node.id) && isStatus(s.operation())).toList();
    }
}
