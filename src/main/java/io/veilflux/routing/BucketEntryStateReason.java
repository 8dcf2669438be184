package io.veilflux.routing;

/** Why an entry is in its state: the rule of the reliability state machine that decided it. */
public enum BucketEntryStateReason {
    /** A punishment is set. */
    PUNISHED(BucketEntryState.PUNISHED),
    /** Three sends in a row failed. */
    DEAD_CAN_NOT_SEND(BucketEntryState.DEAD),
    /** Never seen, and three answers were lost. */
    DEAD_TOO_MANY_LOST_ANSWERS(BucketEntryState.DEAD),
    /** Not seen for the unreliable ping span (60 s) with a whole span's worth (12) of answers lost. */
    DEAD_NO_PING_RESPONSE(BucketEntryState.DEAD),
    /** The last send failed. */
    UNRELIABLE_FAILED_TO_SEND(BucketEntryState.UNRELIABLE),
    /** More lost answers than tolerated: over 2 unordered or over 0 ordered. */
    UNRELIABLE_LOST_ANSWERS(BucketEntryState.UNRELIABLE),
    /** No current run of answered contact. */
    UNRELIABLE_NOT_SEEN_CONSECUTIVELY(BucketEntryState.UNRELIABLE),
    /** The current run of answered contact is younger than the unreliable ping span (60 s). */
    UNRELIABLE_IN_UNRELIABLE_PING_SPAN(BucketEntryState.UNRELIABLE),
    RELIABLE(BucketEntryState.RELIABLE);

    private final BucketEntryState state;

    BucketEntryStateReason(BucketEntryState state) {
        this.state = state;
    }

    public BucketEntryState state() {
        return state;
    }
}
