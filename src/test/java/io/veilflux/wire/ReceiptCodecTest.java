package io.veilflux.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.CryptoSystem;
import io.veilflux.crypto.KeyPair;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ReceiptCodecTest {
    private final Crypto crypto = Crypto.standard();
    private final CryptoSystem vld0 = crypto.best();
    private final KeyPair sender = vld0.generateKeyPair();
    private final ReceiptCodec codec = new ReceiptCodec(crypto);

    private Receipt receipt(int extra) {
        return new Receipt(CryptoKind.VLD0, vld0.randomNonce(), sender.nodeId(), Bytes.of(vld0.randomBytes(extra)));
    }

    private static void assertWireError(ThrowingCallable call, WireError error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(WireException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    void roundTripsAndRefusesAChangedKind() {
        Receipt receipt = new Receipt(CryptoKind.VLD0, vld0.randomNonce(), sender.nodeId(),
                Bytes.of("This is an arbitrary body".getBytes(StandardCharsets.US_ASCII)));
        byte[] data = codec.encode(receipt, sender.secret());
        assertThat(data).hasSize(Receipt.MIN_SIZE + 25);
        assertThat(codec.decode(data)).isEqualTo(receipt);
        byte[] changedKind = data.clone();
        changedKind[5] = 0x01;
        assertWireError(() -> codec.decode(changedKind), WireError.UNSUPPORTED_CRYPTO_KIND);
    }

    @Test
    void extraDataIsLimitedTo1250Bytes() {
        byte[] largest = codec.encode(receipt(Receipt.MAX_EXTRA_DATA_SIZE), sender.secret());
        assertThat(largest).hasSize(Receipt.MAX_SIZE);
        assertThat(codec.decode(largest).extraData().length()).isEqualTo(Receipt.MAX_EXTRA_DATA_SIZE);
        assertWireError(() -> codec.encode(receipt(Receipt.MAX_EXTRA_DATA_SIZE + 1), sender.secret()),
                WireError.EXTRA_DATA_TOO_LARGE);
        assertThat(codec.decode(codec.encode(receipt(0), sender.secret())).extraData()).isEqualTo(Bytes.EMPTY);
    }

    @Test
    void eachDefectHasItsOwnError() {
        byte[] data = codec.encode(receipt(10), sender.secret());
        assertWireError(() -> codec.decode(new byte[0]), WireError.HEADER_TOO_SMALL);
        assertWireError(() -> codec.decode(Frames.flip(data, 0, 0x20)), WireError.UNSUPPORTED_VERSION);
        assertWireError(() -> codec.decode(Frames.truncate(data, Receipt.MIN_SIZE - 1)), WireError.TOO_SMALL);
        assertWireError(() -> codec.decode(Frames.withSizeField(data, Receipt.MAX_SIZE + 1)), WireError.TOO_LARGE);
        assertWireError(() -> codec.decode(Frames.resign(crypto, sender, Frames.withSizeField(data, data.length - 1))),
                WireError.SIZE_MISMATCH);
        assertWireError(() -> codec.decode(Arrays.copyOf(data, 5000)), WireError.SIZE_MISMATCH);
        assertWireError(() -> codec.decode(Frames.flip(data, Receipt.OFFSET_EXTRA_DATA, 0x01)), WireError.BAD_SIGNATURE);
        assertWireError(() -> codec.decode(Frames.flip(data, data.length - 1, 0x80)), WireError.BAD_SIGNATURE);
    }

    @Test
    void anEnvelopeIsNotAReceipt() {
        byte[] envelope = new EnvelopeCodec(crypto).encode(new Envelope(CryptoKind.VLD0, 1, vld0.randomNonce(),
                sender.nodeId(), vld0.generateKeyPair().nodeId()), new byte[0], sender.secret());
        assertWireError(() -> codec.decode(envelope), WireError.UNSUPPORTED_VERSION);
    }
}
