package io.veilflux.filter;

/**
 * What {@link AddressFilter#removeConnection} did. {@link #ADDRESS_NOT_IN_TABLE} means the caller's
 * bookkeeping and the filter's disagree (Veilid treats it as an inconsistency in the connection
 * table), or that {@link AddressFilter#restart()} cleared the counts while the connection was open.
 */
public enum RemoveConnectionResult {
    REMOVED,
    ADDRESS_NOT_IN_TABLE
}
