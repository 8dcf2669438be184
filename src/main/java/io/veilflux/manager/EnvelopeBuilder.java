package io.veilflux.manager;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoException;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.CryptoSystem;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.wire.Envelope;
import io.veilflux.wire.EnvelopeCodec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Veilid's {@code build_envelope}: an ENV0 envelope from this node to a destination, in the
 * destination's crypto kind, with a strictly increasing timestamp and a fresh random nonce.
 */
public final class EnvelopeBuilder {
    private final Crypto crypto;
    private final EnvelopeCodec codec;
    private final Map<CryptoKind, KeyPair> ownKeys;
    private final VeilidClock clock;

    /** @param ownKeys this node's key pair of each crypto kind it has */
    public EnvelopeBuilder(Crypto crypto, EnvelopeCodec codec, List<KeyPair> ownKeys, VeilidClock clock) {
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.ownKeys = ownKeys.stream().collect(Collectors.toUnmodifiableMap(KeyPair::kind, Function.identity()));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Builds, encrypts and signs an envelope carrying {@code body} to {@code destination}.
     *
     * @throws CryptoException when we have no key of the destination's crypto kind
     * @throws io.veilflux.wire.WireException when the body does not fit an envelope
     */
    public byte[] build(NodeId destination, byte[] body) {
        CryptoSystem system = crypto.get(destination.kind()).orElseThrow(() -> new CryptoException(
                "incompatible crypto: no crypto system for " + destination.kind()));
        KeyPair own = ownKeys.get(destination.kind());
        if (own == null) {
            throw new CryptoException("incompatible crypto: this node has no " + destination.kind() + " key");
        }
        Envelope header = new Envelope(destination.kind(), clock.nowIncreasing(), system.randomNonce(), own.nodeId(), destination);
        return codec.encode(header, body, own.secret());
    }
}
