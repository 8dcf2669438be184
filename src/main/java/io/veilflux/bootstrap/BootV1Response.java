package io.veilflux.bootstrap;

import io.veilflux.routing.PeerInfo;
import java.util.List;

/**
 * The answer to a B01T request: the bootstrap's TXT records as they are published (sorted), and
 * the peer infos it knows of the nodes those records name.
 */
public record BootV1Response(List<String> records, List<PeerInfo> peers) {
    public BootV1Response {
        records = List.copyOf(records);
        peers = List.copyOf(peers);
    }
}
