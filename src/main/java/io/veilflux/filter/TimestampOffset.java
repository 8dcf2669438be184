package io.veilflux.filter;

/**
 * Veilid's {@code TimestampOffset}: a local time and the sender's time that stands for it, which
 * together map the sender's clock onto ours. Both are unsigned 64-bit microseconds.
 */
record TimestampOffset(long local, long remote) {

    /** {@code remoteTs} in local time, saturating at 0 and 2^64−1. */
    long adjustRemote(long remoteTs) {
        // Each difference is taken in the direction that cannot go below zero, so it is exact.
        return Long.compareUnsigned(remote, local) < 0
                ? Timestamps.later(remoteTs, local - remote)
                : Timestamps.earlier(remoteTs, remote - local);
    }

    @Override
    public String toString() {
        return "TimestampOffset[local=" + Long.toUnsignedString(local) + ", remote=" + Long.toUnsignedString(remote) + "]";
    }
}
