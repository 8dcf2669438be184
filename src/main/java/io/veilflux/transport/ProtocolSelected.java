package io.veilflux.transport;

import io.veilflux.net.ProtocolType;

/**
 * The first inbound object of an accepted connection: which protocol the sniffer found (TCP, WS
 * or WSS). Everything after it is a {@code byte[]} message.
 */
record ProtocolSelected(ProtocolType protocol) {
}
