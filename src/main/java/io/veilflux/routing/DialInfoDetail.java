package io.veilflux.routing;

import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import java.util.Objects;

/** A dial info a node publishes, with how reachable it is there. */
public record DialInfoDetail(DialInfo dialInfo, DialInfoClass dialInfoClass) {
    public DialInfoDetail {
        Objects.requireNonNull(dialInfo, "dialInfo");
        Objects.requireNonNull(dialInfoClass, "dialInfoClass");
    }
}
