package io.veilflux.routing;

/** Received and sent transfer stats together. */
public record TransferStatsDownUp(TransferStats down, TransferStats up) {
    public static final TransferStatsDownUp NONE = new TransferStatsDownUp(TransferStats.NONE, TransferStats.NONE);

    @Override
    public String toString() {
        return "down: " + down + " up: " + up;
    }
}
