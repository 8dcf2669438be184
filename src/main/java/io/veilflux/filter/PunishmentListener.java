package io.veilflux.filter;

import io.veilflux.crypto.NodeId;

/**
 * Told when node-id punishments change, so that the routing table can mark its entry for that node
 * unusable and clear the mark again (Veilid's {@code set_punished}). Calls are made after the
 * filter's lock is released, on the caller's thread; two racing calls for the same node may arrive
 * in either order, so a listener that needs the final state asks
 * {@link AddressFilter#isNodeIdPunished}. Every method does nothing by default.
 */
public interface PunishmentListener {

    /** A listener that ignores every change. */
    PunishmentListener NONE = new PunishmentListener() {
    };

    /** Called for every punishment, even one the full table could not store (as Veilid does). */
    default void onNodeIdPunished(NodeId nodeId, PunishmentReason reason) {
    }

    /** Called when a node is forgiven by hand or because its punishment expired. */
    default void onNodeIdForgiven(NodeId nodeId) {
    }

    /** Called by {@link AddressFilter#clearPunishments()}. */
    default void onPunishmentsCleared() {
    }
}
