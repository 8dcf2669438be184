package io.veilflux.bootstrap;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Compact JSON written byte for byte as serde_json writes it: no whitespace, strings escaped only
 * where serde_json escapes them (quote, backslash and control characters: b, t, n, f and r as
 * short escapes, the others as six-character u00xx escapes in lower-case hex), everything else as
 * UTF-8.
 */
final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder text = new StringBuilder();
    /** Whether the next value in the current array or object needs a comma before it. */
    private boolean comma;

    JsonText beginObject() {
        separate();
        text.append('{');
        comma = false;
        return this;
    }

    JsonText endObject() {
        text.append('}');
        comma = true;
        return this;
    }

    JsonText beginArray() {
        separate();
        text.append('[');
        comma = false;
        return this;
    }

    JsonText endArray() {
        text.append(']');
        comma = true;
        return this;
    }

    /** A member name; its value comes next. */
    JsonText name(String name) {
        separate();
        quoted(name);
        text.append(':');
        comma = false;
        return this;
    }

    JsonText string(String value) {
        separate();
        quoted(value);
        comma = true;
        return this;
    }

    JsonText number(long value) {
        separate();
        text.append(value);
        comma = true;
        return this;
    }

    <T> JsonText array(List<T> items, BiConsumer<JsonText, T> item) {
        beginArray();
        items.forEach(i -> item.accept(this, i));
        return endArray();
    }

    byte[] toBytes() {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void separate() {
        if (comma) {
            text.append(',');
        }
    }

    private void quoted(String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\b' -> text.append("\\b");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\f' -> text.append("\\f");
                case '\r' -> text.append("\\r");
                default -> {
                    if (c < 0x20) {
                        text.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
