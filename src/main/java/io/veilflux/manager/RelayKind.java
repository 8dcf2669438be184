package io.veilflux.manager;

/**
 * Which way a relayed envelope goes: {@code INBOUND}, we are the target's relay and forward over the
 * flow it keeps to us; {@code OUTBOUND}, we send on behalf of an allow-listed client to anyone.
 */
public enum RelayKind {
    INBOUND,
    OUTBOUND
}
