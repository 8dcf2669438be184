package io.veilflux.routing;

/**
 * Which way a relay works: {@code INBOUND}, the relay forwards to its node over the flow the node
 * keeps to it; {@code OUTBOUND}, the relay sends on behalf of an allow-listed client to anyone.
 * Published in a node's relay info, and the kind of each envelope a relay forwards.
 */
public enum RelayKind {
    INBOUND,
    OUTBOUND
}
