package io.veilflux.rpc.capnp;

/**
 * Bounds on what reading one untrusted message may cost.
 *
 * @param traversalWords words a reader may visit in total, counting a shared object each time it
 *     is reached (Cap'n Proto's traversal limit: it stops amplification through shared pointers)
 * @param nestingDepth how deep structs and lists may nest below the root
 * @param maxSegments segments a segment table may declare
 * @param maxMessageBytes bytes an unpacked message may occupy (bounds unpacking too)
 */
public record ReadLimits(long traversalWords, int nestingDepth, int maxSegments, int maxMessageBytes) {
    /** Cap'n Proto's own defaults (8 Mi words, depth 64, 512 segments), with a 64 MiB message. */
    public static final ReadLimits DEFAULT = new ReadLimits(8L * 1024 * 1024, 64, 512, 64 * 1024 * 1024);

    public ReadLimits {
        if (traversalWords < 1 || nestingDepth < 1 || maxSegments < 1 || maxMessageBytes < 8) {
            throw new IllegalArgumentException("read limits must be positive (and a message at least one word): "
                    + traversalWords + ", " + nestingDepth + ", " + maxSegments + ", " + maxMessageBytes);
        }
    }
}
