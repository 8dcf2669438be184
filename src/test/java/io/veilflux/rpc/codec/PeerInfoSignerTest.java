package io.veilflux.rpc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.ProtocolType;
import io.veilflux.routing.CryptoInfo;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.routing.FourCc;
import io.veilflux.routing.NodeInfo;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.PeerInfoValidation;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Signing our node info and checking others', as Veilid does, end to end through the codec. */
class PeerInfoSignerTest {
    private final Crypto crypto = Crypto.standard();
    private final KeyPair node = crypto.best().generateKeyPair();

    private NodeInfo nodeInfo(KeyPair... keys) {
        return new NodeInfo(1_700_000_000_000_000L, List.of(FourCc.ENV0),
                Arrays.stream(keys).map(k -> new CryptoInfo(k.key())).toList(), List.of(FourCc.of("SGNL")),
                EnumSet.allOf(ProtocolType.class), EnumSet.allOf(AddressType.class),
                List.of(new DialInfoDetail(DialInfo.parse("udp|203.0.113.7:5150"), DialInfoClass.DIRECT)), List.of());
    }

    @Test
    void aSignedPeerInfoVerifiesAndNamesItsNode() {
        PeerInfo signed = PeerInfoSigner.sign(crypto, nodeInfo(node), List.of(node));
        assertThat(NodeInfoCodec.decodeNodeInfo(signed.nodeInfoMessage().toByteArray())).isEqualTo(signed.nodeInfo());
        assertThat(PeerInfoValidation.validate(crypto, signed))
                .isEqualTo(new PeerInfoValidation.Result.Valid(List.of(node.nodeId())));
    }

    @Test
    void aSignatureByAnotherKeyOrOverOtherBytesIsInvalid() {
        KeyPair impostor = crypto.best().generateKeyPair();
        PeerInfo forged = PeerInfoSigner.sign(crypto, nodeInfo(node), List.of(impostor));
        PeerInfo claimed = new PeerInfo(forged.nodeInfoMessage(), nodeInfo(node), forged.signatures());
        assertThat(PeerInfoValidation.validate(crypto, claimed)).isInstanceOf(PeerInfoValidation.Result.Invalid.class);
        PeerInfo signed = PeerInfoSigner.sign(crypto, nodeInfo(node), List.of(node));
        byte[] altered = signed.nodeInfoMessage().toByteArray();
        altered[altered.length - 1] ^= 1;
        assertThat(PeerInfoValidation.validate(crypto, new PeerInfo(Bytes.of(altered), signed.nodeInfo(), signed.signatures())))
                .isInstanceOf(PeerInfoValidation.Result.Invalid.class);
    }

    @Test
    void noSignatureMeansUnverifiedAndKeyCountsAreBounded() {
        PeerInfo signed = PeerInfoSigner.sign(crypto, nodeInfo(node), List.of(node));
        assertThat(PeerInfoValidation.validate(crypto, new PeerInfo(signed.nodeInfoMessage(), signed.nodeInfo(), List.of())))
                .isEqualTo(new PeerInfoValidation.Result.Unverified());
        PeerInfo noKeys = new PeerInfo(signed.nodeInfoMessage(), nodeInfo(), signed.signatures());
        assertThat(PeerInfoValidation.validate(crypto, noKeys)).isInstanceOf(PeerInfoValidation.Result.Invalid.class);
    }
}
