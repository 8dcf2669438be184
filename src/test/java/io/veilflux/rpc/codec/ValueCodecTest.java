package io.veilflux.rpc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.Nonce;
import io.veilflux.crypto.Signature;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.rpc.capnp.CanonicalWriter;
import io.veilflux.rpc.capnp.CapnpError;
import io.veilflux.rpc.capnp.CapnpException;
import io.veilflux.rpc.capnp.CapnpValue;
import io.veilflux.rpc.capnp.MessageReader;
import io.veilflux.rpc.capnp.ReadLimits;
import io.veilflux.rpc.capnp.StructBuilder;
import io.veilflux.rpc.capnp.StructReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The leaf structs written and read back, and what their readers refuse. */
class ValueCodecTest {

    private static StructReader reread(CapnpValue.Struct struct) {
        return MessageReader.unpacked(CanonicalWriter.unpacked(struct), ReadLimits.DEFAULT).root();
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp|127.0.0.1:5150", "tcp|[2001:db8::1]:5150", "ws|1.2.3.4:5150/ws",
            "wss|[fd00::1]:443/path", "ws|1.2.3.4|node.example.com:5150/ws"})
    void dialInfoDetailsRoundTrip(String text) {
        DialInfoDetail detail = new DialInfoDetail(DialInfo.parse(text), DialInfoClass.PORT_RESTRICTED_NAT);
        assertThat(ValueCodec.readDialInfoDetail(reread(ValueCodec.writeDialInfoDetail(detail)))).isEqualTo(detail);
    }

    /** rpc-capnp.md §3: IPv4 is one big-endian UInt32, so 127.0.0.1 is 0x7F000001. */
    @Test
    void anIpv4AddressIsItsOctetsBigEndian() {
        StructReader address = reread(ValueCodec.writeAddress(DialInfo.parse("udp|127.0.0.1:1").socketAddress()
                .address()));
        assertThat(address.u32(0)).isEqualTo(0x69705634L);
        assertThat(address.struct(0).u32(0)).isEqualTo(0x7F000001L);
    }

    @Test
    void typedValuesAndNoncesRoundTrip() {
        Signature signature = Signature.of(CryptoKind.VLD1, new byte[] {1, 2, 3});
        assertThat(ValueCodec.readSignature(reread(ValueCodec.writeTyped(signature)))).isEqualTo(signature);
        Nonce nonce = Nonce.of(new byte[24]);
        assertThat(ValueCodec.readNonce(reread(ValueCodec.writeNonce(nonce)))).isEqualTo(nonce);
    }

    @Test
    void anUnknownProtocolIsRefusedByName() {
        StructReader dialInfo = reread(new StructBuilder(1, 1).u32(0, 0x70515543L).build());
        assertThatThrownBy(() -> ValueCodec.readDialInfo(dialInfo)).isInstanceOf(CapnpException.class)
                .hasMessageContaining("unknown protocol code pQUC")
                .extracting(e -> ((CapnpException) e).error()).isEqualTo(CapnpError.INVALID_VALUE);
    }
}
