package io.veilflux.routing;

import java.nio.charset.StandardCharsets;

/**
 * A four-character code kept as Veilid sends it, for sets whose members a node need not know
 * (capabilities, envelope versions): the big-endian integer of its four ASCII bytes.
 */
public record FourCc(int value) {
    public static final FourCc ENV0 = of("ENV0");

    /** The code of exactly four single-byte characters, such as {@code ROUT}. */
    public static FourCc of(String code) {
        byte[] b = code.getBytes(StandardCharsets.ISO_8859_1);
        if (code.length() != 4 || !new String(b, StandardCharsets.ISO_8859_1).equals(code)) {
            throw new IllegalArgumentException("a four-character code is exactly 4 single-byte characters, got '"
                    + code + "'");
        }
        return new FourCc((b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF);
    }

    @Override
    public String toString() {
        byte[] b = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
