package io.veilflux.rpc.capnp;

/** Why a Cap'n Proto message was refused; {@link #label()} is the name used in logs and metrics. */
public enum CapnpError {
    /** The bytes end before the segment table, a segment or a packed run says they should. */
    TRUNCATED("truncated"),
    /** The segment table declares no usable segments, too many segments, or bytes beyond them. */
    BAD_SEGMENT_TABLE("bad_segment_table"),
    /** The message (unpacked, or built) is larger than the limits allow. */
    TOO_LARGE("too_large"),
    /** A pointer leads outside its segment, or to a segment that does not exist. */
    POINTER_OUT_OF_BOUNDS("pointer_out_of_bounds"),
    /** A pointer is malformed: a capability, a far pointer landing on a far pointer, a bad list tag. */
    BAD_POINTER("bad_pointer"),
    /** A pointer holds another kind of object than the field expects (a list where a struct belongs, ...). */
    WRONG_POINTER_KIND("wrong_pointer_kind"),
    /** Text is not NUL-terminated UTF-8. */
    BAD_TEXT("bad_text"),
    /** Reading visited more words than the traversal limit allows (amplification by shared pointers). */
    TRAVERSAL_LIMIT("traversal_limit"),
    /** Structs and lists are nested deeper than the nesting limit (or point back at their ancestors). */
    NESTING_LIMIT("nesting_limit"),
    /** The layout is sound but a field's value means nothing to Veilid: an unknown code, a missing detail. */
    INVALID_VALUE("invalid_value"),
    /**
     * A well-formed operation veilflux does not take part in (DHT, routes, tunnels, replies through
     * private routes): the sender did nothing wrong, so it is dropped and counted, not punished.
     */
    UNSUPPORTED("unsupported");

    private final String label;

    CapnpError(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
