package io.veilflux.rpc.capnp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever bytes arrive, unpacking and reading a whole message answer with a tree or a
 * {@link CapnpException}: never another exception, never an unbounded allocation or loop.
 */
class DecoderPropertiesTest {
    /** Small enough that amplifying messages are cut short quickly. */
    private static final ReadLimits LIMITS = new ReadLimits(100_000, 64, 16, 1 << 20);
    private static final List<byte[]> UNPACKED = RpcCapnpVectors.messages().stream()
            .flatMap(m -> Stream.of(m.binary(), m.canonical())).toList();
    private static final List<byte[]> PACKED = RpcCapnpVectors.messages().stream().map(RpcCapnpVectors.Layouts::packed)
            .toList();

    private static void onlyCapnpErrors(Runnable action) {
        try {
            action.run();
        } catch (CapnpException expected) {
            assertThat(expected.error()).isNotNull();
        }
    }

    private static void readAll(byte[] unpacked) {
        onlyCapnpErrors(() -> CapnpValue.of(MessageReader.unpacked(unpacked, LIMITS).root()));
    }

    private static void readAllPacked(byte[] packed) {
        onlyCapnpErrors(() -> CapnpValue.of(MessageReader.packed(packed, LIMITS).root()));
    }

    @Provide
    Arbitrary<byte[]> mutatedUnpacked() {
        return Arbitraries.of(UNPACKED).flatMap(DecoderPropertiesTest::mutations);
    }

    @Provide
    Arbitrary<byte[]> mutatedPacked() {
        return Arbitraries.of(PACKED).flatMap(DecoderPropertiesTest::mutations);
    }

    private static Arbitrary<byte[]> mutations(byte[] valid) {
        Arbitrary<byte[]> flipped = Arbitraries.integers().between(0, valid.length - 1).list().ofMinSize(1).ofMaxSize(6)
                .map(positions -> {
                    byte[] copy = valid.clone();
                    positions.forEach(p -> copy[p] ^= (byte) (1 << (p % 8)));
                    return copy;
                });
        Arbitrary<byte[]> replaced = Arbitraries.integers().between(0, valid.length - 1).list().ofMinSize(1).ofMaxSize(6)
                .flatMap(positions -> Arbitraries.bytes().array(byte[].class).ofSize(positions.size()).map(values -> {
                    byte[] copy = valid.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        copy[positions.get(i)] = values[i];
                    }
                    return copy;
                }));
        Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, valid.length).map(n -> Arrays.copyOf(valid, n));
        return Arbitraries.oneOf(flipped, replaced, truncated);
    }

    @Property(tries = 500)
    void randomBytesGiveOnlyCapnpErrors(@ForAll @Size(max = 600) byte[] data) {
        readAll(data);
        readAllPacked(data);
    }

    /** Random words behind a truthful one-segment table: the pointers themselves are garbage. */
    @Property(tries = 1000)
    void randomWordsGiveOnlyCapnpErrors(@ForAll @Size(min = 1, max = 80) long[] words) {
        ByteBuffer framed = ByteBuffer.allocate(8 + words.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        framed.putInt(0).putInt(words.length);
        for (long word : words) {
            framed.putLong(word);
        }
        readAll(framed.array());
    }

    @Property(tries = 1000)
    void mutatedVectorsGiveOnlyCapnpErrors(@ForAll("mutatedUnpacked") byte[] data) {
        readAll(data);
    }

    @Property(tries = 1000)
    void mutatedPackedVectorsGiveOnlyCapnpErrors(@ForAll("mutatedPacked") byte[] data) {
        readAllPacked(data);
    }
}
