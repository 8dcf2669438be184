package io.veilflux.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.wire.Envelope;
import io.veilflux.wire.EnvelopeCodec;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

class EnvelopeBuilderTest {
    private final Crypto crypto = Crypto.standard();
    private final KeyPair own = crypto.best().generateKeyPair();
    private final KeyPair peer = crypto.best().generateKeyPair();
    private final EnvelopeCodec codec = new EnvelopeCodec(crypto);
    private final VeilidClock clock = new VeilidClock(VirtualTimeScheduler.create());
    private final EnvelopeBuilder builder = new EnvelopeBuilder(crypto, codec, List.of(own), clock);

    @Test
    void envelopesCarryIncreasingTimestampsAndFreshNonces() {
        byte[] first = builder.build(peer.nodeId(), new byte[] {1});
        byte[] second = builder.build(peer.nodeId(), new byte[] {2});
        Envelope a = codec.decode(first);
        Envelope b = codec.decode(second);
        assertThat(a.senderId()).isEqualTo(own.nodeId());
        assertThat(a.recipientId()).isEqualTo(peer.nodeId());
        assertThat(Long.compareUnsigned(b.timestamp(), a.timestamp())).isPositive();
        assertThat(a.nonce()).isNotEqualTo(b.nonce());
        assertThat(codec.openBody(b, second, peer.secret())).containsExactly(2);
    }

    @Test
    void anUnknownCryptoKindIsIncompatible() {
        NodeId foreign = new NodeId(CryptoKind.VLD1, peer.nodeId().value());
        assertThatThrownBy(() -> builder.build(foreign, new byte[0])).hasMessageContaining("incompatible crypto");
    }
}
