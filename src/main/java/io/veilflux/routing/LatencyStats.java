package io.veilflux.routing;

/**
 * Round-trip latencies to a peer over its last samples, in microseconds, as Veilid summarises
 * them: fastest, average, slowest, the trimmed means of the fastest 90 % and 75 %, and the 90th
 * and 75th percentiles.
 */
public record LatencyStats(long fastest, long average, long slowest, long tm90, long tm75, long p90, long p75) {
}
