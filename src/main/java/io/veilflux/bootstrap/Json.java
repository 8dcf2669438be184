package io.veilflux.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Reading a JSON tree with serde's strictness: a field of the wrong JSON type, a missing field
 * or an out-of-range number is a {@link BootstrapResponseException} ({@code BAD_JSON}) naming
 * what is wrong.
 */
final class Json {
    private Json() {
    }

    static BootstrapResponseException error(String message) {
        return new BootstrapResponseException(BootstrapResponseException.Reason.BAD_JSON, message);
    }

    static JsonNode object(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw error(what + " must be a JSON object");
        }
        return node;
    }

    static JsonNode field(JsonNode object, String name) {
        JsonNode value = object.get(name);
        if (value == null) {
            throw error("missing field '" + name + "'");
        }
        return value;
    }

    /** A string converted by {@code convert}, whose IllegalArgumentException is a JSON error. */
    static <T> T string(JsonNode node, String what, Function<String, T> convert) {
        if (node == null || !node.isTextual()) {
            throw error(what + " must be a JSON string");
        }
        try {
            return convert.apply(node.textValue());
        } catch (BootstrapResponseException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw error("invalid " + what + ": " + e.getMessage());
        }
    }

    /** An integer in {@code 0..max}. */
    static long unsigned(JsonNode node, String what, long max) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()
                || node.longValue() < 0 || node.longValue() > max) {
            throw error(what + " must be an integer in 0.." + max);
        }
        return node.longValue();
    }

    static <T> List<T> list(JsonNode node, String what, Function<JsonNode, T> item) {
        if (node == null || !node.isArray()) {
            throw error(what + " must be a JSON array");
        }
        List<T> out = new ArrayList<>(node.size());
        node.forEach(n -> out.add(item.apply(n)));
        return out;
    }

    /** The one member name of an externally tagged enum value such as {@code {"IPV4":"1.2.3.4"}}. */
    static String singleKey(JsonNode node, String what) {
        object(node, what);
        Iterator<String> names = node.fieldNames();
        if (node.size() != 1) {
            throw error(what + " must be an object with exactly one member, found " + node.size());
        }
        return names.next();
    }
}
