package io.veilflux.filter;

import java.util.Locale;

/**
 * Why an IP block or a node id was punished (Veilid's {@code PunishmentReason}). The reason is
 * kept with the punishment for debug output and metrics; it does not change how long the
 * punishment lasts.
 */
public enum PunishmentReason {
    /** Added by an operator or a test. */
    MANUAL(Level.MANUAL),
    FAILED_TO_DECRYPT_ENVELOPE_BODY(Level.IP),
    FAILED_TO_DECODE_ENVELOPE(Level.IP),
    SHORT_PACKET(Level.IP),
    INVALID_FRAMING(Level.IP),
    FAILED_TO_DECODE_OPERATION(Level.NODE),
    WRONG_SENDER_PEER_INFO(Level.NODE),
    FAILED_TO_REGISTER_SENDER_PEER_INFO(Level.NODE);

    /**
     * The group Veilid files a reason under. It describes the offence, not the table: Veilid
     * punishes the sender's node id (not its IP) for {@link #FAILED_TO_DECRYPT_ENVELOPE_BODY},
     * because a relay that forwarded the envelope could not have checked the body.
     */
    public enum Level {
        MANUAL,
        IP,
        NODE
    }

    private final Level level;
    private final String label;

    PunishmentReason(Level level) {
        this.level = level;
        this.label = name().toLowerCase(Locale.ROOT);
    }

    public Level level() {
        return level;
    }

    /** The reason in snake_case, such as {@code short_packet}: a low-cardinality metric tag. */
    public String label() {
        return label;
    }
}
