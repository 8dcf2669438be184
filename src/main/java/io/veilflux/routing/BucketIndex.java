package io.veilflux.routing;

import io.veilflux.crypto.CryptoKind;
import java.util.Objects;

/** Which bucket a node id sits in: its kind's bucket set, and the first differing bit from our id of that kind. */
public record BucketIndex(CryptoKind kind, int index) {
    public BucketIndex {
        Objects.requireNonNull(kind, "kind");
        if (index < 0 || index >= Bucket.BUCKET_COUNT) {
            throw new IllegalArgumentException("bucket index " + index + " outside 0.." + (Bucket.BUCKET_COUNT - 1));
        }
    }

    /** The bucket's target size: 256 for index 0, halving down to 1 from index 8 on. */
    public int depth() {
        return index >= 8 ? 1 : 256 >> index;
    }
}
