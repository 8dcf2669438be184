package io.veilflux.routing;

/**
 * A registration or lookup the routing table refuses (our own node id, an unsupported crypto kind,
 * an unsigned or out-of-domain peer info, ...): Veilid's errors from {@code create_node_ref} and
 * friends, which callers log and drop.
 */
public class RoutingTableException extends RuntimeException {
    public RoutingTableException(String message) {
        super(message);
    }

    public RoutingTableException(String message, Throwable cause) {
        super(message, cause);
    }
}
