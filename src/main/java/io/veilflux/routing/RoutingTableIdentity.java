package io.veilflux.routing;

import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.crypto.SecretKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Our own node: one key pair per valid crypto kind, and the node ids they give (for 32-byte keys
 * such as VLD0's, the node id is the public key). Immutable; what Veilid's routing table answers
 * for {@code node_id(kind)}, {@code node_ids()}, {@code matches_own_node_id} and the like.
 */
public final class RoutingTableIdentity {
    private final CryptoKindOrder order;
    private final List<KeyPair> keyPairs;
    private final CryptoTypedGroup<NodeId> nodeIds;
    private final CryptoTypedGroup<PublicKey> publicKeys;

    /**
     * @param keyPairs exactly one key pair for each of {@code order}'s valid kinds
     */
    public RoutingTableIdentity(CryptoKindOrder order, List<KeyPair> keyPairs) {
        this.order = Objects.requireNonNull(order, "order");
        Set<CryptoKind> kinds = new HashSet<>();
        for (KeyPair pair : keyPairs) {
            if (!order.isValid(pair.kind())) {
                throw new IllegalArgumentException("key pair of kind " + pair.kind()
                        + " is not for a valid crypto kind (valid: " + order.validKinds() + ")");
            }
            if (!kinds.add(pair.kind())) {
                throw new IllegalArgumentException("two key pairs of kind " + pair.kind() + "; give one per kind");
            }
        }
        if (!kinds.containsAll(order.validKinds())) {
            throw new IllegalArgumentException("a node needs a key pair for every valid crypto kind " + order.validKinds()
                    + ", got " + kinds);
        }
        List<KeyPair> sorted = new ArrayList<>(keyPairs);
        sorted.sort((a, b) -> order.compare(a.kind(), b.kind()));
        this.keyPairs = List.copyOf(sorted);
        this.nodeIds = CryptoTypedGroup.of(order, sorted.stream().map(KeyPair::nodeId).toList());
        this.publicKeys = CryptoTypedGroup.of(order, sorted.stream().map(KeyPair::key).toList());
    }

    /** The identity of a node of Veilid's default build (VLD0 only). */
    public static RoutingTableIdentity of(KeyPair vld0) {
        return new RoutingTableIdentity(CryptoKindOrder.DEFAULT, List.of(vld0));
    }

    public CryptoKindOrder order() {
        return order;
    }

    public NodeId nodeId(CryptoKind kind) {
        return keyPair(kind).nodeId();
    }

    public PublicKey publicKey(CryptoKind kind) {
        return keyPair(kind).key();
    }

    public SecretKey secretKey(CryptoKind kind) {
        return keyPair(kind).secret();
    }

    /** Our key pair of {@code kind}; an unsupported kind is an {@link IllegalArgumentException}. */
    public KeyPair keyPair(CryptoKind kind) {
        return keyPairs.stream().filter(p -> p.kind().equals(kind)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no own key pair of crypto kind " + kind
                        + " (valid: " + order.validKinds() + ")"));
    }

    /** Veilid's {@code signing_key_pairs}: all our key pairs, best kind first. */
    public List<KeyPair> keyPairs() {
        return keyPairs;
    }

    public CryptoTypedGroup<NodeId> nodeIds() {
        return nodeIds;
    }

    public CryptoTypedGroup<PublicKey> publicKeys() {
        return publicKeys;
    }

    /** Whether any of {@code ids} is our node id of its kind. */
    public boolean matchesOwnNodeId(Iterable<NodeId> ids) {
        for (NodeId id : ids) {
            if (nodeIds.contains(id)) {
                return true;
            }
        }
        return false;
    }

    /** Whether any of {@code keys} is our public key of its kind. */
    public boolean matchesOwnPublicKey(Iterable<PublicKey> keys) {
        for (PublicKey key : keys) {
            if (publicKeys.contains(key)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "RoutingTableIdentity" + nodeIds;
    }
}
