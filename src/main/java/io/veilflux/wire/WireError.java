package io.veilflux.wire;

/**
 * Why an envelope or receipt was refused. Each value is one check of Veilid's decoder or
 * encoder, listed in the order the decoder runs them; {@link #label()} is the name used by the
 * reference vectors and in metrics.
 */
public enum WireError {
    HEADER_TOO_SMALL("header_too_small", Stage.DECODE),
    UNSUPPORTED_VERSION("unsupported_version", Stage.DECODE),
    TOO_SMALL("too_small", Stage.DECODE),
    UNSUPPORTED_CRYPTO_KIND("unsupported_crypto_kind", Stage.DECODE),
    TOO_LARGE("too_large", Stage.DECODE),
    SIZE_MISMATCH("size_mismatch", Stage.DECODE),
    SENDER_EQUALS_RECIPIENT("sender_equals_recipient", Stage.DECODE),
    BAD_SIGNATURE("bad_signature", Stage.DECODE),
    BODY_DECRYPT_FAILED("body_decrypt_failed", Stage.OPEN),
    BODY_DECOMPRESSED_TOO_LARGE("body_decompressed_too_large", Stage.OPEN),
    BODY_DECOMPRESS_FAILED("body_decompress_failed", Stage.OPEN),
    BODY_TOO_LARGE("body_too_large", Stage.ENCODE),
    ENVELOPE_TOO_LARGE("envelope_too_large", Stage.ENCODE),
    EXTRA_DATA_TOO_LARGE("extra_data_too_large", Stage.ENCODE);

    /**
     * Where a check runs. Veilid punishes the sending IP for {@link #DECODE} failures and the
     * sending node id for {@link #OPEN} failures; {@link #ENCODE} failures are the caller's.
     */
    public enum Stage { DECODE, OPEN, ENCODE }

    private final String label;
    private final Stage stage;

    WireError(String label, Stage stage) {
        this.label = label;
        this.stage = stage;
    }

    public String label() {
        return label;
    }

    public Stage stage() {
        return stage;
    }
}
