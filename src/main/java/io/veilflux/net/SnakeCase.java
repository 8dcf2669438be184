package io.veilflux.net;

import java.util.Locale;

/**
 * The snake-case name of a Java type, as Veilid spells the same concept in logs and as veilflux
 * tags its meters: {@code SignalHolePunch} is {@code signal_hole_punch}, {@code StatusQ} is
 * {@code status_q}. Each type's name is worked out once.
 */
public final class SnakeCase {
    private static final ClassValue<String> NAMES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return type.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        }
    };

    private SnakeCase() {
    }

    public static String of(Class<?> type) {
        return NAMES.get(type);
    }
}
