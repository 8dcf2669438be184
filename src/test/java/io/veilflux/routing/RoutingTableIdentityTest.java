package io.veilflux.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.crypto.SecretKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Typed groups ordered by kind preference, and our own identity. */
class RoutingTableIdentityTest {
    private static final CryptoKind ZZZZ = CryptoKind.of("ZZZZ");
    private static final CryptoKind AAAA = CryptoKind.of("AAAA");
    private static final CryptoKindOrder TWO_KINDS = new CryptoKindOrder(List.of(CryptoKind.VLD1, CryptoKind.VLD0));

    private static NodeId id(CryptoKind kind, int b) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) b;
        return NodeId.of(kind, bytes);
    }

    @Test
    void validKindsComeFirstInConfiguredOrderThenOthersByTheirBytes() {
        CryptoTypedGroup<NodeId> group = CryptoTypedGroup.of(TWO_KINDS,
                List.of(id(ZZZZ, 1), id(CryptoKind.VLD0, 2), id(AAAA, 3), id(CryptoKind.VLD1, 4)));
        assertThat(group.kinds()).containsExactly(CryptoKind.VLD1, CryptoKind.VLD0, AAAA, ZZZZ);
        assertThat(group.first()).contains(id(CryptoKind.VLD1, 4));
        assertThat(CryptoKindOrder.DEFAULT.validKinds()).containsExactly(CryptoKind.VLD0);
        assertThat(CryptoKindOrder.of(RoutingTableFixture.CRYPTO)).isEqualTo(CryptoKindOrder.DEFAULT);
    }

    @Test
    void aGroupHoldsOneValuePerKind() {
        CryptoTypedGroup<NodeId> group = CryptoTypedGroup.of(CryptoKindOrder.DEFAULT,
                List.of(id(CryptoKind.VLD0, 1), id(AAAA, 2), id(CryptoKind.VLD0, 3)));
        assertThat(group.size()).isEqualTo(2);
        assertThat(group.get(CryptoKind.VLD0)).contains(id(CryptoKind.VLD0, 3));
        assertThat(group.contains(id(CryptoKind.VLD0, 1))).isFalse();
        assertThat(group.containsAny(List.of(id(ZZZZ, 9), id(AAAA, 2)))).isTrue();
        assertThat(group.containsAny(List.of(id(AAAA, 1)))).isFalse();
        CryptoTypedGroup<NodeId> without = group.without(CryptoKind.VLD0);
        assertThat(without.containsKind(CryptoKind.VLD0)).isFalse();
        assertThat(without.first()).contains(id(AAAA, 2));
        assertThat(group.containsKind(CryptoKind.VLD0)).as("immutable").isTrue();
        assertThat(CryptoTypedGroup.of(TWO_KINDS, group.toList())).isEqualTo(group);
        assertThat(CryptoTypedGroup.empty(TWO_KINDS).first()).isEmpty();
    }

    @Test
    void ourNodeIdIsOurPublicKeyAndMatchesAreExact() {
        KeyPair own = RoutingTableFixture.CRYPTO.best().generateKeyPair();
        RoutingTableIdentity identity = RoutingTableIdentity.of(own);
        assertThat(identity.nodeId(CryptoKind.VLD0).value()).isEqualTo(own.key().value());
        assertThat(identity.publicKey(CryptoKind.VLD0)).isEqualTo(own.key());
        assertThat(identity.secretKey(CryptoKind.VLD0)).isEqualTo(own.secret());
        assertThat(identity.keyPairs()).containsExactly(own);
        assertThat(identity.nodeIds().toList()).containsExactly(own.nodeId());
        assertThat(identity.matchesOwnNodeId(List.of(id(CryptoKind.VLD0, 1), own.nodeId()))).isTrue();
        assertThat(identity.matchesOwnNodeId(List.of(new NodeId(AAAA, own.key().value())))).as("same bytes, other kind")
                .isFalse();
        assertThat(identity.matchesOwnPublicKey(List.of(own.key()))).isTrue();
        assertThat(identity.matchesOwnPublicKey(List.of(RoutingTableFixture.CRYPTO.best().generateKeyPair().key())))
                .isFalse();
        assertThatThrownBy(() -> identity.nodeId(CryptoKind.VLD1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VLD1");
    }

    @Test
    void anIdentityHasExactlyOneKeyPairPerValidKind() {
        KeyPair vld0 = RoutingTableFixture.CRYPTO.best().generateKeyPair();
        KeyPair vld1 = new KeyPair(new PublicKey(CryptoKind.VLD1, Bytes.of(new byte[32])),
                new SecretKey(CryptoKind.VLD1, Bytes.of(new byte[32])));
        assertThatThrownBy(() -> new RoutingTableIdentity(TWO_KINDS, List.of(vld0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every valid crypto kind");
        assertThatThrownBy(() -> new RoutingTableIdentity(CryptoKindOrder.DEFAULT, List.of(vld0, vld0)))
                .hasMessageContaining("two key pairs");
        assertThatThrownBy(() -> new RoutingTableIdentity(CryptoKindOrder.DEFAULT, List.of(vld0, vld1)))
                .hasMessageContaining("not for a valid crypto kind");
        RoutingTableIdentity both = new RoutingTableIdentity(TWO_KINDS, List.of(vld0, vld1));
        assertThat(both.keyPairs()).as("best kind first").containsExactly(vld1, vld0);
        assertThat(both.nodeIds().first()).contains(vld1.nodeId());
    }
}
