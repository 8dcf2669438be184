package io.veilflux.rpc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.rpc.capnp.CapnpException;
import io.veilflux.rpc.capnp.ReadLimits;
import io.veilflux.rpc.capnp.RpcCapnpVectors;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Damaged operation messages decode to an operation or a {@link CapnpException} only. */
class OperationDecoderPropertiesTest {
    private static final ReadLimits LIMITS = new ReadLimits(100_000, 64, 16, 1 << 20);
    private static final List<byte[]> OPERATIONS = RpcCapnpVectors.operations().stream()
            .map(v -> RpcCapnpVectors.hex(v.get("operation"), "canonical")).toList();

    @Provide
    Arbitrary<byte[]> mutated() {
        return Arbitraries.of(OPERATIONS).flatMap(valid -> Arbitraries.integers().between(0, valid.length - 1).list()
                .ofMinSize(1).ofMaxSize(6).flatMap(positions -> Arbitraries.bytes().array(byte[].class)
                        .ofSize(positions.size()).map(values -> {
                            byte[] copy = valid.clone();
                            for (int i = 0; i < positions.size(); i++) {
                                copy[positions.get(i)] = values[i];
                            }
                            return copy;
                        })));
    }

    @Property(tries = 2000)
    void mutatedOperationsDecodeOrFailTyped(@ForAll("mutated") byte[] operationData) {
        try {
            assertThat(OperationCodec.decode(operationData, LIMITS)).isNotNull();
        } catch (CapnpException expected) {
            assertThat(expected.error()).isNotNull();
        }
    }
}
