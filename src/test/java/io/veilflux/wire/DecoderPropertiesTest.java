package io.veilflux.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.CryptoSystem;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.SharedSecret;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever bytes arrive, the decoders answer with a value or a {@link WireException}: never
 * another exception, never an unbounded allocation.
 */
class DecoderPropertiesTest {
    private static final Crypto CRYPTO = Crypto.standard();
    private static final CryptoSystem VLD0 = CRYPTO.best();
    private static final KeyPair SENDER = VLD0.generateKeyPair();
    private static final KeyPair RECIPIENT = VLD0.generateKeyPair();
    private static final SharedSecret NETWORK_KEY = VLD0.randomSharedSecret();
    private static final EnvelopeCodec PLAIN = new EnvelopeCodec(CRYPTO);
    private static final EnvelopeCodec KEYED = new EnvelopeCodec(CRYPTO, Optional.of(NETWORK_KEY));
    private static final ReceiptCodec RECEIPTS = new ReceiptCodec(CRYPTO);
    private static final List<byte[]> ENVELOPES = List.of(
            PLAIN.encode(header(), new byte[0], SENDER.secret()),
            PLAIN.encode(header(), VLD0.randomBytes(700), SENDER.secret()),
            KEYED.encode(header(), new byte[3000], SENDER.secret()));
    private static final byte[] RECEIPT = RECEIPTS.encode(
            new Receipt(CryptoKind.VLD0, VLD0.randomNonce(), SENDER.nodeId(), Bytes.of(new byte[40])), SENDER.secret());

    private static Envelope header() {
        return new Envelope(CryptoKind.VLD0, 1_700_000_000_000_000L, VLD0.randomNonce(), SENDER.nodeId(), RECIPIENT.nodeId());
    }

    /** Runs {@code action}; only a {@link WireException} may escape. */
    private static void onlyWireErrors(Runnable action) {
        try {
            action.run();
        } catch (WireException expected) {
            assertThat(expected.error()).isNotNull();
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedEnvelopes() {
        return Arbitraries.of(ENVELOPES).flatMap(DecoderPropertiesTest::mutations);
    }

    @Provide
    Arbitrary<Integer> declaredSizes() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 64), Arbitraries.integers().between(0, 70_000),
                Arbitraries.integers());
    }

    @Provide
    Arbitrary<byte[]> mutatedReceipts() {
        return mutations(RECEIPT);
    }

    private static Arbitrary<byte[]> mutations(byte[] valid) {
        Arbitrary<byte[]> flipped = Arbitraries.integers().between(0, valid.length - 1).list().ofMinSize(1).ofMaxSize(4)
                .map(positions -> {
                    byte[] copy = valid.clone();
                    positions.forEach(p -> copy[p] ^= (byte) (1 << (p % 8)));
                    return copy;
                });
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, valid.length).map(n -> Arrays.copyOf(valid, n));
        Arbitrary<byte[]> extended = Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(tail -> {
            byte[] copy = Arrays.copyOf(valid, valid.length + tail.length);
            System.arraycopy(tail, 0, copy, valid.length, tail.length);
            return copy;
        });
        Arbitrary<byte[]> sizeLie = Arbitraries.integers().between(0, 0xFFFF).map(size -> {
            byte[] copy = valid.clone();
            LittleEndian.u16(copy, SignedFrame.OFFSET_SIZE, size);
            return copy;
        });
        return Arbitraries.oneOf(flipped, truncated, extended, sizeLie);
    }

    @Property(tries = 300)
    void randomBytesGiveOnlyWireErrors(@ForAll @Size(max = 400) byte[] data) {
        onlyWireErrors(() -> PLAIN.decode(data));
        onlyWireErrors(() -> KEYED.decode(data));
        onlyWireErrors(() -> RECEIPTS.decode(data));
    }

    @Property(tries = 300)
    void randomBytesWithAValidPrefixGiveOnlyWireErrors(@ForAll @Size(min = 170, max = 2000) byte[] data) {
        byte[] envelope = data.clone();
        System.arraycopy(PacketMagic.ENVELOPE.bytes(), 0, envelope, 0, 4);
        CryptoKind.VLD0.writeTo(envelope, 4);
        LittleEndian.u16(envelope, 8, envelope.length);
        onlyWireErrors(() -> PLAIN.decode(envelope));
        byte[] receipt = Arrays.copyOf(envelope, Math.min(envelope.length, Receipt.MAX_SIZE));
        System.arraycopy(PacketMagic.RECEIPT.bytes(), 0, receipt, 0, 4);
        LittleEndian.u16(receipt, 8, receipt.length);
        onlyWireErrors(() -> RECEIPTS.decode(receipt));
    }

    @Property(tries = 400)
    void mutatedEnvelopesGiveOnlyWireErrors(@ForAll("mutatedEnvelopes") byte[] data) {
        onlyWireErrors(() -> {
            Envelope envelope = PLAIN.decode(data);
            PLAIN.openBody(envelope, data, RECIPIENT.secret());
        });
        onlyWireErrors(() -> {
            Envelope envelope = KEYED.decode(data);
            KEYED.openBody(envelope, data, RECIPIENT.secret());
        });
    }

    @Property(tries = 300)
    void mutatedReceiptsGiveOnlyWireErrors(@ForAll("mutatedReceipts") byte[] data) {
        onlyWireErrors(() -> RECEIPTS.decode(data));
    }

    /** Signed envelopes whose bodies are garbage: the body stage must fail cleanly too. */
    @Property(tries = 200)
    void signedGarbageBodiesGiveOnlyBodyErrors(@ForAll @Size(max = 3000) byte[] garbage) {
        byte[] frame = SignedFrame.allocate(PacketMagic.ENVELOPE, CryptoKind.VLD0, Envelope.MIN_SIZE + garbage.length);
        Envelope header = header();
        header.nonce().value().copyTo(frame, Envelope.OFFSET_NONCE);
        SENDER.nodeId().value().copyTo(frame, Envelope.OFFSET_SENDER);
        RECIPIENT.nodeId().value().copyTo(frame, Envelope.OFFSET_RECIPIENT);
        System.arraycopy(garbage, 0, frame, Envelope.OFFSET_BODY, garbage.length);
        byte[] data = SignedFrame.sign(VLD0, SENDER.key(), SENDER.secret(), frame);
        Envelope decoded = PLAIN.decode(data);
        try {
            byte[] body = PLAIN.openBody(decoded, data, RECIPIENT.secret());
            assertThat(body.length).isLessThanOrEqualTo(Envelope.MAX_SIZE);
        } catch (WireException e) {
            assertThat(e.error().stage()).isEqualTo(WireError.Stage.OPEN);
        }
    }

    @Property(tries = 1000)
    void lz4BlocksFromAnyoneDecodeBoundedOrFailTyped(@ForAll @Size(min = 4, max = 600) byte[] block,
                                                     @ForAll("declaredSizes") int declared) {
        LittleEndian.u32(block, 0, declared);
        onlyWireErrors(() -> assertThat(BodyCompression.decompress(block, 0, block.length, Envelope.MAX_SIZE).length)
                .isLessThanOrEqualTo(Envelope.MAX_SIZE));
    }
}
