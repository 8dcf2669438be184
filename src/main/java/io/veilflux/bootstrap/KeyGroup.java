package io.veilflux.bootstrap;

import io.veilflux.crypto.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Veilid's {@code PublicKeyGroup} rules on plain lists: at most one key per crypto kind (a later
 * key of a kind replaces the earlier one) and the keys ordered by kind.
 */
final class KeyGroup {
    private static final Comparator<PublicKey> BY_KIND =
            Comparator.comparing(PublicKey::kind, (a, b) -> Integer.compareUnsigned(a.fourcc(), b.fourcc()));

    private KeyGroup() {
    }

    /** {@code added} put into {@code group} one at a time, as {@code add_all_from_slice}. */
    static List<PublicKey> addAll(List<PublicKey> group, List<PublicKey> added) {
        List<PublicKey> out = new ArrayList<>(group);
        for (PublicKey key : added) {
            int sameKind = indexOfKind(out, key);
            if (sameKind >= 0) {
                out.set(sameKind, key);
            } else {
                out.add(key);
            }
        }
        out.sort(BY_KIND);
        return List.copyOf(out);
    }

    static List<PublicKey> of(List<PublicKey> keys) {
        return addAll(List.of(), keys);
    }

    /** Veilid's {@code contains_any_from_slice}: some key of {@code b} is in {@code a}. */
    static boolean intersects(List<PublicKey> a, List<PublicKey> b) {
        return b.stream().anyMatch(a::contains);
    }

    private static int indexOfKind(List<PublicKey> keys, PublicKey key) {
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).kind().equals(key.kind())) {
                return i;
            }
        }
        return -1;
    }
}
