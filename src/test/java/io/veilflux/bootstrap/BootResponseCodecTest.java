package io.veilflux.bootstrap;

import static io.veilflux.bootstrap.BootstrapRecordTest.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.crypto.Signature;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.ProtocolType;
import io.veilflux.routing.Capability;
import io.veilflux.routing.CryptoInfo;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.routing.FourCc;
import io.veilflux.routing.NodeInfo;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RelayInfo;
import io.veilflux.routing.RelayKind;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BootResponseCodecTest {
    private static final String B64 = KEY.substring(5);
    private static final String SIG = "VLD0:" + "q9".repeat(42) + "qA";

    static PeerInfo examplePeer() {
        NodeInfo nodeInfo = new NodeInfo(1746308366000000L, List.of(FourCc.ENV0), List.of(new CryptoInfo(PublicKey.parse(KEY))),
                List.of(Capability.ROUT, Capability.SGNL, Capability.RLAY, Capability.DIAL, Capability.DHTV, Capability.APPM),
                EnumSet.of(ProtocolType.UDP, ProtocolType.TCP, ProtocolType.WS), EnumSet.allOf(AddressType.class),
                List.of(new DialInfoDetail(DialInfo.parse("udp|1.2.3.4:5150"), DialInfoClass.DIRECT)), List.of());
        return new PeerInfo(Bytes.of(new byte[] {0, 1, (byte) 255}), nodeInfo, List.of(Signature.parse(SIG)));
    }

    private static final String EXAMPLE_JSON = "{\"routing_domain\":\"PublicInternet\",\"node_ids\":[\"" + KEY + "\"],"
            + "\"node_info\":{\"timestamp\":\"1746308366000000\",\"envelope_support\":[\"ENV0\"],"
            + "\"crypto_info_list\":[{\"VLD0\":{\"public_key\":\"" + B64 + "\"}}],"
            + "\"capabilities\":[\"ROUT\",\"SGNL\",\"RLAY\",\"DIAL\",\"DHTV\",\"APPM\"],\"outbound_protocols\":7,\"address_types\":3,"
            + "\"dial_info_detail_list\":[{\"class\":\"Direct\",\"dial_info\":{\"kind\":\"UDP\",\"socket_address\":"
            + "{\"address\":{\"IPV4\":\"1.2.3.4\"},\"port\":5150}}}],\"relay_info_list\":[]},"
            + "\"node_info_message\":[0,1,255],\"signatures\":[\"" + SIG + "\"]}";

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Test
    void aBootAnswerIsTheCompactSerdeArrayOfPeerInfos() {
        byte[] json = BootResponseCodec.encodeV0(List.of(examplePeer()));
        assertThat(text(json)).isEqualTo("[" + EXAMPLE_JSON + "]");
        assertThat(BootResponseCodec.decodeV0(json)).containsExactly(examplePeer());
        assertThat(text(BootResponseCodec.encodeV0(List.of()))).isEqualTo("[]");
    }

    @Test
    void aB01tAnswerIsTheRecordsAndPeersObject() {
        BootV1Response response = new BootV1Response(List.of("1|0|x", "2\"\\\n\u0001\u00e9"), List.of(examplePeer()));
        byte[] json = BootResponseCodec.encodeV1(response);
        assertThat(text(json)).isEqualTo("{\"records\":[\"1|0|x\",\"2\\\"\\\\\\n\\u0001\u00e9\"],\"peers\":[" + EXAMPLE_JSON + "]}");
        assertThat(BootResponseCodec.decodeV1(json)).isEqualTo(response);
    }

    @Test
    void everyShapeRoundTrips() {
        NodeId relayId = NodeId.parse("VLD0:QeQJorqbXtC7v3OlynCZ_W3m76wGNeB5NTF81ypqHAo");
        RelayInfo relay = new RelayInfo(-1L, List.of(relayId), EnumSet.allOf(ProtocolType.class), EnumSet.of(AddressType.IPV6),
                List.of(new DialInfoDetail(DialInfo.parse("wss|[2001:db8::1]:443/ws"), DialInfoClass.MAPPED)), RelayKind.OUTBOUND);
        NodeInfo nodeInfo = new NodeInfo(0, List.of(FourCc.ENV0, FourCc.of("ENV1")), List.of(new CryptoInfo(PublicKey.parse(KEY))),
                List.of(FourCc.of("XTRA")), Set.of(), Set.of(),
                List.of(new DialInfoDetail(DialInfo.parse("tcp|[2001:db8::1]:5150"), DialInfoClass.FULL_CONE_NAT),
                        new DialInfoDetail(DialInfo.parse("ws|1.2.3.4|node.example.net:5150/ws"), DialInfoClass.BLOCKED),
                        new DialInfoDetail(DialInfo.parse("udp|1.2.3.4:1"), DialInfoClass.ADDRESS_RESTRICTED_NAT),
                        new DialInfoDetail(DialInfo.parse("udp|1.2.3.5:1"), DialInfoClass.PORT_RESTRICTED_NAT)),
                List.of(relay, new RelayInfo(1, List.of(), Set.of(), Set.of(), List.of(), RelayKind.INBOUND)));
        PeerInfo peer = new PeerInfo(Bytes.EMPTY, nodeInfo, List.of());
        String json = text(BootResponseCodec.encodeV0(List.of(peer)));
        assertThat(json).contains("\"timestamp\":\"18446744073709551615\"", "\"outbound_protocols\":15", "\"address_types\":1",
                "{\"kind\":\"WSS\",\"socket_address\":{\"address\":{\"IPV6\":\"2001:db8::1\"},\"port\":443},\"request\":\"[2001:db8::1]:443/ws\"}",
                "{\"kind\":\"WS\",\"socket_address\":{\"address\":{\"IPV4\":\"1.2.3.4\"},\"port\":5150},\"request\":\"node.example.net:5150/ws\"}",
                "\"class\":\"FullConeNAT\"", "\"class\":\"Blocked\"", "\"class\":\"AddressRestrictedNAT\"",
                "\"class\":\"PortRestrictedNAT\"", "\"class\":\"Mapped\"", "\"relay_kind\":\"Outbound\"", "\"relay_kind\":\"Inbound\"",
                "\"node_info_message\":[]", "\"signatures\":[]", "\"outbound_protocols\":0");
        assertThat(BootResponseCodec.decodeV0(json.getBytes(StandardCharsets.UTF_8))).containsExactly(peer);
    }

    @Test
    void readingIsAsLenientAsSerde() {
        String lenient = EXAMPLE_JSON
                .replace("\"routing_domain\":\"PublicInternet\"", "\"routing_domain\":\"LocalNetwork\",\"unknown\":{\"x\":[1]}")
                .replace("\"outbound_protocols\":7", "\"outbound_protocols\":247")
                .replace("\"address_types\":3", "\"address_types\":255")
                .replace("\"node_ids\":[\"" + KEY + "\"]", "\"node_ids\":[\"" + B64 + "\"]");
        String json = " [ " + lenient + " ] \n";
        PeerInfo peer = BootResponseCodec.decodeV0(json.getBytes(StandardCharsets.UTF_8)).get(0);
        assertThat(peer.nodeInfo().outboundProtocols()).as("unknown bits dropped")
                .containsExactlyInAnyOrder(ProtocolType.UDP, ProtocolType.TCP, ProtocolType.WS);
        assertThat(peer.nodeInfo().addressTypes()).containsExactlyInAnyOrder(AddressType.IPV4, AddressType.IPV6);
        assertThat(peer).isEqualTo(examplePeer());
    }

    @Test
    void anAnswerThatIsNotUtf8IsBadUtf8() {
        assertThatThrownBy(() -> BootResponseCodec.decodeV0(new byte[] {'[', (byte) 0xFF, ']'}))
                .isInstanceOfSatisfying(BootstrapResponseException.class,
                        e -> assertThat(e.reason()).isEqualTo(BootstrapResponseException.Reason.BAD_UTF8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "'';empty",
        "not json;not JSON",
        "[] [];trailing document",
        "{};BOOT wants an array",
        "[1];a peer info is an object",
        "[{}];missing field",
        "EXAMPLE|\"timestamp\":\"1746308366000000\"|\"timestamp\":1746308366000000;timestamp must be a string",
        "EXAMPLE|\"timestamp\":\"1746308366000000\"|\"timestamp\":\"-1\";timestamp must be a u64",
        "EXAMPLE|\"routing_domain\":\"PublicInternet\"|\"routing_domain\":\"Elsewhere\";unknown routing domain",
        "EXAMPLE|{\"VLD0\":{|{\"NONE\":{;unknown crypto kind",
        "EXAMPLE|\"kind\":\"UDP\"|\"kind\":\"QUIC\";unknown dial info kind",
        "EXAMPLE|\"kind\":\"UDP\"|\"kind\":\"WS\";WS needs a request",
        "EXAMPLE|\"IPV4\":\"1.2.3.4\"|\"IPV6\":\"1.2.3.4\";family and address disagree",
        "EXAMPLE|{\"IPV4\":\"1.2.3.4\"}|{\"IPV4\":\"1.2.3.4\",\"IPV6\":\"::1\"};two variants",
        "EXAMPLE|\"port\":5150|\"port\":65536;port is a u16",
        "EXAMPLE|\"outbound_protocols\":7|\"outbound_protocols\":256;a set is a u8",
        "EXAMPLE|\"address_types\":3|\"address_types\":1.5;a set is an integer",
        "EXAMPLE|[0,1,255]|[0,1,256];message bytes are u8",
        "EXAMPLE|\"Direct\"|\"Indirect\";unknown dial info class",
        "EXAMPLE|\"ENV0\"|\"ENV00\";a FourCC is 4 characters",
        "EXAMPLE|" + "\"signatures\":[|\"signatures\":[\"VLD0:!\",;bad signature",
        "EXAMPLE|\"routing_domain\":\"PublicInternet\",|\"routing_domain\":\"PublicInternet\",\"routing_domain\":\"PublicInternet\",;duplicate field",
    })
    void malformedBootAnswersAreBadJson(String body, String why) {
        String json = body;
        if (body.startsWith("EXAMPLE|")) {
            String[] edit = body.split("\\|", 3);
            assertThat(EXAMPLE_JSON).as(why).contains(edit[1]);
            json = "[" + EXAMPLE_JSON.replace(edit[1], edit[2]) + "]";
        }
        byte[] data = json.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> BootResponseCodec.decodeV0(data)).as(why)
                .isInstanceOfSatisfying(BootstrapResponseException.class,
                        e -> assertThat(e.reason()).isEqualTo(BootstrapResponseException.Reason.BAD_JSON));
    }

    @Test
    void malformedB01tAnswersAreBadJson() {
        for (String json : List.of("[]", "{\"records\":[]}", "{\"records\":[1],\"peers\":[]}", "{\"records\":\"x\",\"peers\":[]}")) {
            assertThatThrownBy(() -> BootResponseCodec.decodeV1(json.getBytes(StandardCharsets.UTF_8))).as(json)
                    .isInstanceOfSatisfying(BootstrapResponseException.class,
                            e -> assertThat(e.reason()).isEqualTo(BootstrapResponseException.Reason.BAD_JSON));
        }
        assertThat(BootResponseCodec.decodeV1("{\"peers\":[],\"records\":[\"a\"],\"more\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new BootV1Response(List.of("a"), List.of()));
    }

    @Test
    void theRequestsAreTheFourMagicBytes() {
        assertThat(BootstrapVersion.V0.request()).containsExactly('B', 'O', 'O', 'T');
        assertThat(BootstrapVersion.V1.request()).containsExactly('B', '0', '1', 'T');
        assertThat(BootstrapVersion.forKeys(List.of())).isEqualTo(BootstrapVersion.V0);
        assertThat(BootstrapVersion.forKeys(BootstrapConfig.DEFAULT_BOOTSTRAP_KEYS)).isEqualTo(BootstrapVersion.V1);
        assertThat(BootstrapVersion.V0.minimumTxtVersion()).isZero();
        assertThat(BootstrapVersion.V1.minimumTxtVersion()).isEqualTo(1);
    }
}
