package io.veilflux.bootstrap;

import java.util.OptionalLong;

/**
 * Unsigned decimal numbers read as Rust's {@code u8::from_str} / {@code u64::from_str} read them:
 * an optional {@code +}, then one or more ASCII digits, no overflow. Java's own parsers also take
 * {@code -0} and non-ASCII digits, which Veilid refuses.
 */
final class UnsignedNumbers {
    private UnsignedNumbers() {
    }

    /** The value of {@code text} if it is a u64 (as a Java long holding its bits). */
    static OptionalLong parseU64(String text) {
        int start = text.startsWith("+") ? 1 : 0;
        if (start == text.length()) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, 10)) > 0) {
                return OptionalLong.empty();
            }
            long next = value * 10 + (c - '0');
            if (Long.compareUnsigned(next, value * 10) < 0) {
                return OptionalLong.empty();
            }
            value = next;
        }
        return OptionalLong.of(value);
    }

    /** The value of {@code text} if it is a u8. */
    static OptionalLong parseU8(String text) {
        OptionalLong value = parseU64(text);
        return value.isPresent() && Long.compareUnsigned(value.getAsLong(), 255) <= 0 ? value : OptionalLong.empty();
    }
}
