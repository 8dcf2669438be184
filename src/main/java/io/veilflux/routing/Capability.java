package io.veilflux.routing;

import java.util.List;

/** Veilid's capability codes, as published in a NodeInfo, and the groups its tasks ask for. */
public final class Capability {
    public static final FourCc ROUT = FourCc.of("ROUT");
    public static final FourCc TUNL = FourCc.of("TUNL");
    public static final FourCc SGNL = FourCc.of("SGNL");
    public static final FourCc RLAY = FourCc.of("RLAY");
    public static final FourCc DIAL = FourCc.of("DIAL");
    public static final FourCc DHTV = FourCc.of("DHTV");
    public static final FourCc APPM = FourCc.of("APPM");
    public static final FourCc BLOC = FourCc.of("BLOC");

    /** What a node must offer to count towards bootstrap and peer minimums. */
    public static final List<FourCc> CONNECTIVITY = List.of(RLAY, SGNL, ROUT, DIAL);
    /** What closest-peer bookkeeping asks for. */
    public static final List<FourCc> DISTANCE_METRIC = List.of(DHTV);
    /** Veilid's {@code MAX_CAPABILITIES}: the most a node info may list. */
    public static final int MAX_CAPABILITIES = 64;

    private Capability() {
    }
}
