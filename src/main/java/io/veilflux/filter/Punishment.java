package io.veilflux.filter;

import java.util.Objects;

/**
 * A punishment in force: why, and when it was last imposed. It lapses once its age is strictly
 * greater than {@link AddressFilterConfig#punishmentDuration()}.
 *
 * @param reason why the block or node was punished
 * @param timestampMicros when, in microseconds of the filter's clock
 */
public record Punishment(PunishmentReason reason, long timestampMicros) {

    public Punishment {
        Objects.requireNonNull(reason, "reason");
    }
}
