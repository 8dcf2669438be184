package io.veilflux.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.CryptoSystem;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.Nonce;
import io.veilflux.crypto.SharedSecret;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {
    private static final long TIMESTAMP = 0x12345678ABCDEF69L;
    private static final byte[] BODY = "This is an arbitrary body".getBytes(StandardCharsets.US_ASCII);

    private final Crypto crypto = Crypto.standard();
    private final CryptoSystem vld0 = crypto.best();
    private final KeyPair sender = vld0.generateKeyPair();
    private final KeyPair recipient = vld0.generateKeyPair();
    private final EnvelopeCodec plain = new EnvelopeCodec(crypto);

    private Envelope header() {
        return new Envelope(CryptoKind.VLD0, TIMESTAMP, vld0.randomNonce(), sender.nodeId(), recipient.nodeId());
    }

    private static void assertWireError(ThrowingCallable call, WireError error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WireException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    void roundTripsWithAndWithoutANetworkKey() {
        for (Optional<SharedSecret> key : Arrays.asList(Optional.<SharedSecret>empty(), Optional.of(vld0.randomSharedSecret()))) {
            EnvelopeCodec codec = new EnvelopeCodec(crypto, key);
            Envelope header = header();
            byte[] data = codec.encode(header, BODY, sender.secret());
            // size prefix, then a literal-only block: a token and one length-extension byte
            assertThat(data).hasSize(Envelope.MIN_SIZE + 4 + 2 + BODY.length);
            Envelope decoded = codec.decode(data);
            assertThat(decoded).isEqualTo(header);
            assertThat(codec.openBody(decoded, data, recipient.secret())).isEqualTo(BODY);
            // Veilid's own test: a flipped bit in S or in the last ciphertext byte breaks the signature.
            assertWireError(() -> codec.decode(Frames.flip(data, data.length - 1, 0x80)), WireError.BAD_SIGNATURE);
            assertWireError(() -> codec.decode(Frames.flip(data, data.length - 65, 0x80)), WireError.BAD_SIGNATURE);
        }
    }

    @Test
    void theNetworkKeyMasksTheHeaderAndSeparatesNetworks() {
        SharedSecret key = NetworkKey.fromPassword(crypto, "test-network").orElseThrow();
        EnvelopeCodec keyed = new EnvelopeCodec(crypto, Optional.of(key));
        Envelope header = header();
        byte[] masked = keyed.encode(header, BODY, sender.secret());
        byte[] sent = Arrays.copyOfRange(masked, Envelope.OFFSET_SENDER, Envelope.OFFSET_SENDER + 32);
        assertThat(sent).isNotEqualTo(sender.nodeId().value().toByteArray());
        assertWireError(() -> plain.decode(masked), WireError.BAD_SIGNATURE);
        EnvelopeCodec otherNetwork = new EnvelopeCodec(crypto, NetworkKey.fromPassword(crypto, "other-network"));
        assertWireError(() -> otherNetwork.decode(masked), WireError.BAD_SIGNATURE);
        assertWireError(() -> keyed.decode(plain.encode(header, BODY, sender.secret())), WireError.BAD_SIGNATURE);
        assertThat(NetworkKey.fromPassword(crypto, "")).isEmpty();
        assertThat(NetworkKey.fromPassword(crypto, null)).isEmpty();
    }

    @Test
    void eachHeaderDefectHasItsOwnError() {
        byte[] data = plain.encode(header(), BODY, sender.secret());
        assertWireError(() -> plain.decode(new byte[3]), WireError.HEADER_TOO_SMALL);
        assertWireError(() -> plain.decode(Frames.flip(data, 3, 0x01)), WireError.UNSUPPORTED_VERSION);
        assertWireError(() -> plain.decode(Frames.truncate(data, Envelope.MIN_SIZE - 1)), WireError.TOO_SMALL);
        assertWireError(() -> plain.decode(Frames.flip(data, 5, 0x01)), WireError.UNSUPPORTED_CRYPTO_KIND);
        assertWireError(() -> plain.decode(Frames.withSizeField(data, Envelope.MAX_SIZE + 1)), WireError.TOO_LARGE);
        assertWireError(() -> plain.decode(Frames.resign(crypto, sender, Frames.withSizeField(data, data.length + 1))),
                WireError.SIZE_MISMATCH);
        assertWireError(() -> plain.decode(Frames.truncate(data, data.length - 1)), WireError.SIZE_MISMATCH);
        assertWireError(() -> plain.decode(Arrays.copyOf(data, Envelope.MAX_SIZE + 100)), WireError.SIZE_MISMATCH);
        assertWireError(() -> plain.decode(Frames.flip(data, Envelope.OFFSET_TIMESTAMP, 0x01)), WireError.BAD_SIGNATURE);
    }

    @Test
    void senderAndRecipientMustDiffer() {
        Envelope toSelf = new Envelope(CryptoKind.VLD0, TIMESTAMP, vld0.randomNonce(), sender.nodeId(), sender.nodeId());
        byte[] data = plain.encode(toSelf, BODY, sender.secret());
        assertWireError(() -> plain.decode(data), WireError.SENDER_EQUALS_RECIPIENT);
    }

    @Test
    void theLargestBodiesFitAndOneMoreByteDoesNot() {
        byte[] compressible = new byte[Envelope.MAX_SIZE - Envelope.MIN_SIZE];
        Envelope header = header();
        byte[] data = plain.encode(header, compressible, sender.secret());
        assertThat(plain.openBody(plain.decode(data), data, recipient.secret())).isEqualTo(compressible);
        assertWireError(() -> plain.encode(header, new byte[compressible.length + 1], sender.secret()), WireError.BODY_TOO_LARGE);
        byte[] incompressible = vld0.randomBytes(65077);
        assertWireError(() -> plain.encode(header, incompressible, sender.secret()), WireError.ENVELOPE_TOO_LARGE);
        byte[] largest = vld0.randomBytes(65076);
        byte[] full = plain.encode(header, largest, sender.secret());
        assertThat(full).hasSize(Envelope.MAX_SIZE);
        assertThat(plain.openBody(plain.decode(full), full, recipient.secret())).isEqualTo(largest);
    }

    @Test
    void openingWithTheWrongSecretIsABodyError() {
        byte[] data = plain.encode(header(), vld0.randomBytes(300), sender.secret());
        Envelope decoded = plain.decode(data);
        assertThatThrownBy(() -> plain.openBody(decoded, data, vld0.generateKeyPair().secret()))
                .isInstanceOfSatisfying(WireException.class,
                        e -> assertThat(e.error().stage()).isEqualTo(WireError.Stage.OPEN));
    }

    @Test
    void headersThatDoNotFitEnv0AreTheCallersMistake() {
        Envelope shortNonce = new Envelope(CryptoKind.VLD0, TIMESTAMP, Nonce.of(new byte[12]), sender.nodeId(), recipient.nodeId());
        assertThatThrownBy(() -> plain.encode(shortNonce, BODY, sender.secret()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nonce length");
        Envelope none = new Envelope(CryptoKind.NONE, TIMESTAMP, vld0.randomNonce(), sender.nodeId(), recipient.nodeId());
        assertThatThrownBy(() -> plain.encode(none, BODY, sender.secret()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported crypto kind NONE");
        assertThatThrownBy(() -> plain.encode(header(), BODY, recipient.secret()))
                .hasMessageContaining("Keypair is invalid");
    }
}
