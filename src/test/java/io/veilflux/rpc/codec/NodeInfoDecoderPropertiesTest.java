package io.veilflux.rpc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.rpc.capnp.CapnpException;
import io.veilflux.rpc.capnp.RpcCapnpVectors;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Damaged NodeInfo messages, as a peer may send them, decode to a value or a {@link CapnpException} only. */
class NodeInfoDecoderPropertiesTest {
    private static final List<byte[]> PACKED = RpcCapnpVectors.nodeInfos().stream()
            .map(RpcCapnpVectors.Layouts::packed).toList();

    @Provide
    Arbitrary<byte[]> mutated() {
        return Arbitraries.of(PACKED).flatMap(valid -> {
            Arbitrary<byte[]> replaced = Arbitraries.integers().between(0, valid.length - 1).list().ofMinSize(1)
                    .ofMaxSize(6).flatMap(positions -> Arbitraries.bytes().array(byte[].class)
                            .ofSize(positions.size()).map(values -> {
                                byte[] copy = valid.clone();
                                for (int i = 0; i < positions.size(); i++) {
                                    copy[positions.get(i)] = values[i];
                                }
                                return copy;
                            }));
            Arbitrary<byte[]> truncated = Arbitraries.integers().between(0, valid.length)
                    .map(n -> Arrays.copyOf(valid, n));
            return Arbitraries.oneOf(replaced, truncated);
        });
    }

    @Property(tries = 2000)
    void mutatedNodeInfosDecodeOrFailTyped(@ForAll("mutated") byte[] packed) {
        try {
            assertThat(NodeInfoCodec.decodeNodeInfo(packed)).isNotNull();
        } catch (CapnpException expected) {
            assertThat(expected.error()).isNotNull();
        }
    }
}
