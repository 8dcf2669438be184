package io.veilflux.net;

/** Whether a protocol delivers messages in order (connection-oriented) or not (UDP). */
public enum SequenceOrdering {
    UNORDERED,
    ORDERED
}
