package io.veilflux.net;

/** The transport under a protocol: UDP or TCP. Ports are booked per low-level type. */
public enum LowLevelProtocolType {
    UDP,
    TCP
}
