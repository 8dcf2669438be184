package io.veilflux.bootstrap;

import io.veilflux.routing.PeerInfo;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the BOOT responder needs to know of one routing table entry: its PublicInternet peer info,
 * whether it also has LocalNetwork node info (such nodes are not handed out), and how it is
 * doing (reliable entries first, then by average latency, unknown latency last).
 */
public record BootstrapCandidate(PeerInfo publicInternet, boolean hasLocalNetworkNodeInfo, boolean reliable,
                                 Optional<Duration> averageLatency) {
    public BootstrapCandidate {
        Objects.requireNonNull(publicInternet, "publicInternet");
        Objects.requireNonNull(averageLatency, "averageLatency");
    }
}
