package io.veilflux.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The type of one configuration key: how its value is read from text (command-line flags,
 * properties files), from a YAML node, checked when a Java setter passes it, and written back as
 * text. Failures throw {@link IllegalArgumentException} with the reason only; the caller adds
 * the key.
 */
interface ValueType<T> {

    /** What a valid value looks like, for messages ("true or false"). */
    String expected();

    T parse(String text);

    String format(T value);

    /** Checks a value a Java setter passes. */
    default void check(T value) {
    }

    /** A YAML scalar is read as its text; null and mappings and lists are wrong unless a type says otherwise. */
    default T read(JsonNode node) {
        if (node.isNull()) {
            throw new IllegalArgumentException("got null");
        }
        if (node.isContainerNode()) {
            throw new IllegalArgumentException("got a " + (node.isArray() ? "list" : "mapping"));
        }
        return parse(node.asText());
    }

    static ValueType<Integer> integer(int min, int max) {
        return new IntegerType(min, max);
    }

    /** Veilid's {@code u32}, as far as a Java int reaches. */
    static ValueType<Integer> u32() {
        return integer(0, Integer.MAX_VALUE);
    }

    static ValueType<Boolean> bool() {
        return BoolType.INSTANCE;
    }

    static ValueType<Duration> millis() {
        return MillisType.INSTANCE;
    }

    static ValueType<String> string() {
        return StringType.INSTANCE;
    }

    /** Veilid's {@code Option<bool>} written as {@code auto}, {@code true} or {@code false}. */
    static ValueType<Optional<Boolean>> autoBool() {
        return AutoBoolType.INSTANCE;
    }

    /** A value parsed by {@code parser}, whose exception message says what is wrong. */
    static <T> ValueType<T> parsed(String expected, Function<String, T> parser, Function<T, String> formatter) {
        return new ParsedType<>(expected, parser, formatter);
    }

    /** Veilid's {@code Option<T>}: YAML {@code null} or empty text is none. */
    static <T> ValueType<Optional<T>> optional(ValueType<T> element) {
        return new OptionalType<>(element);
    }

    /** A YAML list, or in text {@code a,b} or {@code [a, b]} (quotes around items allowed). */
    static <T> ValueType<List<T>> list(ValueType<T> element) {
        return new ListType<>(element);
    }

    record IntegerType(int min, int max) implements ValueType<Integer> {
        @Override
        public String expected() {
            return "a whole number " + min + ".." + max;
        }

        @Override
        public Integer parse(String text) {
            int value;
            try {
                value = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("got '" + text + "'", e);
            }
            check(value);
            return value;
        }

        @Override
        public String format(Integer value) {
            return value.toString();
        }

        @Override
        public void check(Integer value) {
            if (value < min || value > max) {
                throw new IllegalArgumentException("got " + value);
            }
        }
    }

    enum BoolType implements ValueType<Boolean> {
        INSTANCE;

        @Override
        public String expected() {
            return "true or false";
        }

        @Override
        public Boolean parse(String text) {
            return switch (text.trim()) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("got '" + text + "'");
            };
        }

        @Override
        public String format(Boolean value) {
            return value.toString();
        }
    }

    enum MillisType implements ValueType<Duration> {
        INSTANCE;

        private static final Duration MAX = Duration.ofMillis(Integer.MAX_VALUE);

        @Override
        public String expected() {
            return "a whole number of milliseconds 0.." + Integer.MAX_VALUE;
        }

        @Override
        public Duration parse(String text) {
            return Duration.ofMillis(u32().parse(text));
        }

        @Override
        public String format(Duration value) {
            return Long.toString(value.toMillis());
        }

        @Override
        public void check(Duration value) {
            if (value.isNegative() || value.compareTo(MAX) > 0 || value.getNano() % 1_000_000 != 0) {
                throw new IllegalArgumentException("got " + value);
            }
        }
    }

    enum StringType implements ValueType<String> {
        INSTANCE;

        @Override
        public String expected() {
            return "a string";
        }

        @Override
        public String parse(String text) {
            return text;
        }

        @Override
        public String format(String value) {
            return value;
        }
    }

    enum AutoBoolType implements ValueType<Optional<Boolean>> {
        INSTANCE;

        @Override
        public String expected() {
            return "auto, true or false";
        }

        @Override
        public Optional<Boolean> parse(String text) {
            return switch (text.trim()) {
                case "auto" -> Optional.empty();
                case "true" -> Optional.of(true);
                case "false" -> Optional.of(false);
                default -> throw new IllegalArgumentException("got '" + text + "'");
            };
        }

        @Override
        public String format(Optional<Boolean> value) {
            return value.map(Object::toString).orElse("auto");
        }

        @Override
        public Optional<Boolean> read(JsonNode node) {
            return node.isNull() ? Optional.empty() : ValueType.super.read(node);
        }
    }

    record ParsedType<T>(String expected, Function<String, T> parser, Function<T, String> formatter)
            implements ValueType<T> {
        @Override
        public T parse(String text) {
            return parser.apply(text);
        }

        @Override
        public String format(T value) {
            return formatter.apply(value);
        }
    }

    record OptionalType<T>(ValueType<T> element) implements ValueType<Optional<T>> {
        @Override
        public String expected() {
            return element.expected() + ", or empty for none";
        }

        @Override
        public Optional<T> parse(String text) {
            return text.isEmpty() ? Optional.empty() : Optional.of(element.parse(text));
        }

        @Override
        public String format(Optional<T> value) {
            return value.map(element::format).orElse("");
        }

        @Override
        public void check(Optional<T> value) {
            value.ifPresent(element::check);
        }

        @Override
        public Optional<T> read(JsonNode node) {
            return node.isNull() ? Optional.empty() : ValueType.super.read(node);
        }
    }

    record ListType<T>(ValueType<T> element) implements ValueType<List<T>> {
        @Override
        public String expected() {
            return "a list of " + element.expected();
        }

        @Override
        public List<T> parse(String text) {
            String items = text.trim();
            if (items.startsWith("[") && items.endsWith("]")) {
                items = items.substring(1, items.length() - 1).trim();
            }
            List<T> out = new ArrayList<>();
            if (items.isEmpty()) {
                return out;
            }
            for (String item : items.split(",", -1)) {
                out.add(element.parse(unquote(item.trim())));
            }
            return List.copyOf(out);
        }

        @Override
        public String format(List<T> value) {
            return String.join(",", value.stream().map(element::format).toList());
        }

        @Override
        public void check(List<T> value) {
            value.forEach(element::check);
        }

        @Override
        public List<T> read(JsonNode node) {
            if (node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                return ValueType.super.read(node);
            }
            List<T> out = new ArrayList<>();
            for (JsonNode item : node) {
                out.add(element.read(item));
            }
            return List.copyOf(out);
        }

        private static String unquote(String item) {
            boolean quoted = item.length() >= 2 && (item.startsWith("\"") && item.endsWith("\"")
                    || item.startsWith("'") && item.endsWith("'"));
            return quoted ? item.substring(1, item.length() - 1) : item;
        }
    }
}
