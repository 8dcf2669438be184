package io.veilflux.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key: Veilid's name (without the {@code core.} prefix), its type, Veilid's
 * default and where its value sits in a {@link VeilfluxConfig}.
 */
record ConfigKey<T>(String name, ValueType<T> type, T defaultValue, Function<VeilfluxConfig, T> read) {

    /** Parses text written for this key under the name {@code writtenKey}. */
    T parse(String writtenKey, String text) {
        try {
            return type.parse(text);
        } catch (IllegalArgumentException e) {
            throw mismatch(writtenKey, e);
        }
    }

    /** Reads a YAML node written for this key under the name {@code writtenKey}. */
    T read(String writtenKey, JsonNode node) {
        try {
            return type.read(node);
        } catch (IllegalArgumentException e) {
            throw mismatch(writtenKey, e);
        }
    }

    /** A value from a Java setter or a record: not null and within the type. */
    T check(T value) {
        if (value == null) {
            throw new ConfigException(name, name + ": expected " + type.expected() + ", got null");
        }
        try {
            type.check(value);
        } catch (IllegalArgumentException e) {
            throw mismatch(name, e);
        }
        return value;
    }

    String format(VeilfluxConfig config) {
        return type.format(read.apply(config));
    }

    private ConfigException mismatch(String writtenKey, IllegalArgumentException e) {
        return new ConfigException(writtenKey, writtenKey + ": expected " + type.expected() + ", " + e.getMessage(), e);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigKey<?> key && key.name.equals(name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
