package io.veilflux.rpc.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.crypto.Signature;
import io.veilflux.net.Address;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.ProtocolType;
import io.veilflux.net.SocketAddress;
import io.veilflux.routing.CryptoInfo;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.routing.FourCc;
import io.veilflux.routing.NodeInfo;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RelayInfo;
import io.veilflux.routing.RelayKind;
import io.veilflux.rpc.Operation;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The test oracle: values built from the vectors' Cap'n Proto JSON mapping (UInt64 as decimal
 * strings, Data as arrays of byte numbers, a union or AnyPointer detail as one object, codes as
 * integers), without the codec's own code tables.
 */
final class JsonValues {
    private JsonValues() {
    }

    static Operation operation(JsonNode json) {
        Optional<PeerInfo> sender = json.has("senderPeerInfo")
                ? Optional.of(peerInfo(json.get("senderPeerInfo"))) : Optional.empty();
        JsonNode kind = json.path("kind");
        Operation.Kind value;
        if (kind.has("question")) {
            JsonNode question = kind.get("question");
            assertThat(question.path("respondTo").has("sender")).as("respondTo sender").isTrue();
            value = new Operation.Question(questionDetail(question.path("detail")));
        } else if (kind.has("statement")) {
            value = new Operation.Statement(statementDetail(kind.get("statement").path("detail")));
        } else {
            value = new Operation.Answer(answerDetail(kind.get("answer").path("detail")));
        }
        return new Operation(u64(json.path("opId")), sender, u64(json.path("targetNodeInfoTs")), value);
    }

    private static Operation.QuestionDetail questionDetail(JsonNode detail) {
        String member = member(detail);
        JsonNode json = detail.get(member);
        return switch (member) {
            case "statusQ" -> new Operation.StatusQ();
            case "findNodeQ" -> new Operation.FindNodeQ(nodeId(json.path("nodeId")),
                    list(json.path("capabilities"), JsonValues::fourCc));
            case "appCallQ" -> new Operation.AppCallQ(bytes(json.path("message")));
            default -> throw new AssertionError("question " + member);
        };
    }

    private static Operation.StatementDetail statementDetail(JsonNode detail) {
        String member = member(detail);
        JsonNode json = detail.get(member);
        return switch (member) {
            case "validateDialInfo" -> new Operation.ValidateDialInfo(dialInfo(json.path("dialInfo")),
                    bytes(json.path("receipt")), json.path("redirect").asBoolean(false));
            case "signal" -> signal(json);
            case "returnReceipt" -> new Operation.ReturnReceipt(bytes(json.path("receipt")));
            case "appMessage" -> new Operation.AppMessage(bytes(json.path("message")));
            default -> throw new AssertionError("statement " + member);
        };
    }

    private static Operation.Signal signal(JsonNode signal) {
        String member = member(signal);
        JsonNode json = signal.get(member);
        Bytes receipt = bytes(json.path("receipt"));
        PeerInfo peerInfo = peerInfo(json.path("peerInfo"));
        return switch (member) {
            case "holePunch" -> new Operation.HolePunch(receipt, peerInfo,
                    json.has("dialInfo") ? Optional.of(dialInfo(json.get("dialInfo"))) : Optional.empty());
            case "reverseConnect" -> new Operation.ReverseConnect(receipt, peerInfo);
            default -> throw new AssertionError("signal " + member);
        };
    }

    private static Operation.AnswerDetail answerDetail(JsonNode detail) {
        String member = member(detail);
        JsonNode json = detail.get(member);
        return switch (member) {
            case "statusA" -> new Operation.StatusA(json.has("senderInfo")
                    ? Optional.of(socketAddress(json.get("senderInfo").path("socketAddress"))) : Optional.empty());
            case "findNodeA" -> new Operation.FindNodeA(list(json.path("peers"), JsonValues::peerInfo));
            case "appCallA" -> new Operation.AppCallA(bytes(json.path("message")));
            default -> throw new AssertionError("answer " + member);
        };
    }

    /**
     * A PeerInfo: the message bytes as the JSON gives them; the NodeInfo inside is decoded by the
     * codec, which the node_info vectors check on their own.
     */
    static PeerInfo peerInfo(JsonNode json) {
        Bytes message = bytes(json.path("nodeInfoMessage"));
        return new PeerInfo(message, NodeInfoCodec.decodeNodeInfo(message.toByteArray()),
                list(json.path("signatures"), JsonValues::signature));
    }

    private static String member(JsonNode union) {
        assertThat(union.size()).as("a union sets one member: " + union).isEqualTo(1);
        return union.fieldNames().next();
    }

    static NodeInfo nodeInfo(JsonNode json) {
        return new NodeInfo(u64(json.path("timestamp")),
                list(json.path("envelopeSupport"), JsonValues::fourCc),
                list(json.path("cryptoInfoList"), JsonValues::cryptoInfo),
                list(json.path("capabilities"), JsonValues::fourCc),
                protocols(json.path("outboundProtocols")),
                addressTypes(json.path("addressTypes")),
                list(json.path("dialInfoDetailList"), JsonValues::dialInfoDetail),
                list(json.path("relayInfoList"), JsonValues::relayInfo));
    }

    static RelayInfo relayInfo(JsonNode json) {
        return new RelayInfo(u64(json.path("timestamp")),
                list(json.path("nodeIds"), JsonValues::nodeId),
                protocols(json.path("outboundProtocols")),
                addressTypes(json.path("addressTypes")),
                list(json.path("dialInfoDetailList"), JsonValues::dialInfoDetail),
                switch (code(json.path("relayKind"))) {
                    case "rkIB" -> RelayKind.INBOUND;
                    case "rkOB" -> RelayKind.OUTBOUND;
                    default -> throw new AssertionError("relay kind " + json);
                });
    }

    static CryptoInfo cryptoInfo(JsonNode json) {
        return new CryptoInfo(new PublicKey(kind(json.path("cryptoKind")), bytes(json.path("detail").path("publicKey"))));
    }

    static NodeId nodeId(JsonNode json) {
        return new NodeId(kind(json.path("kind")), bytes(json.path("value")));
    }

    static PublicKey publicKey(JsonNode json) {
        return new PublicKey(kind(json.path("kind")), bytes(json.path("value")));
    }

    static Signature signature(JsonNode json) {
        return new Signature(kind(json.path("kind")), bytes(json.path("value")));
    }

    static DialInfoDetail dialInfoDetail(JsonNode json) {
        DialInfoClass dialInfoClass = switch (code(json.path("class"))) {
            case "dicD" -> DialInfoClass.DIRECT;
            case "dicM" -> DialInfoClass.MAPPED;
            case "dicF" -> DialInfoClass.FULL_CONE_NAT;
            case "dicB" -> DialInfoClass.BLOCKED;
            case "dicA" -> DialInfoClass.ADDRESS_RESTRICTED_NAT;
            case "dicP" -> DialInfoClass.PORT_RESTRICTED_NAT;
            default -> throw new AssertionError("dial info class " + json);
        };
        return new DialInfoDetail(dialInfo(json.path("dialInfo")), dialInfoClass);
    }

    static DialInfo dialInfo(JsonNode json) {
        JsonNode detail = json.path("detail");
        SocketAddress socketAddress = socketAddress(detail.path("socketAddress"));
        return switch (protocol(json.path("protocolType"))) {
            case UDP -> new DialInfo.Udp(socketAddress);
            case TCP -> new DialInfo.Tcp(socketAddress);
            case WS -> new DialInfo.Ws(socketAddress, detail.path("request").asText());
            case WSS -> new DialInfo.Wss(socketAddress, detail.path("request").asText());
        };
    }

    static SocketAddress socketAddress(JsonNode json) {
        JsonNode address = json.path("address");
        JsonNode detail = address.path("detail");
        List<String> fields = addressType(address.path("addressType")) == AddressType.IPV4
                ? List.of("addr") : List.of("addr0", "addr1", "addr2", "addr3");
        byte[] bytes = new byte[fields.size() * 4];
        for (int i = 0; i < fields.size(); i++) {
            long word = detail.path(fields.get(i)).asLong();
            for (int b = 0; b < 4; b++) {
                bytes[i * 4 + b] = (byte) (word >>> (24 - 8 * b));
            }
        }
        try {
            return new SocketAddress(Address.of(InetAddress.getByAddress(bytes)), json.path("port").asInt());
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static long u64(JsonNode json) {
        return Long.parseUnsignedLong(json.asText("0"));
    }

    static Bytes bytes(JsonNode json) {
        byte[] out = new byte[json.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) json.get(i).asInt();
        }
        return Bytes.of(out);
    }

    static <T> List<T> list(JsonNode json, Function<JsonNode, T> element) {
        List<T> out = new ArrayList<>();
        json.forEach(e -> out.add(element.apply(e)));
        return out;
    }

    private static FourCc fourCc(JsonNode json) {
        return new FourCc((int) json.asLong());
    }

    private static String code(JsonNode json) {
        return fourCc(json).toString();
    }

    private static CryptoKind kind(JsonNode json) {
        return new CryptoKind((int) json.asLong());
    }

    private static ProtocolType protocol(JsonNode json) {
        return switch (code(json)) {
            case "pUDP" -> ProtocolType.UDP;
            case "pTCP" -> ProtocolType.TCP;
            case "p_WS" -> ProtocolType.WS;
            case "pWSS" -> ProtocolType.WSS;
            default -> throw new AssertionError("protocol " + json);
        };
    }

    private static AddressType addressType(JsonNode json) {
        return switch (code(json)) {
            case "ipV4" -> AddressType.IPV4;
            case "ipV6" -> AddressType.IPV6;
            default -> throw new AssertionError("address type " + json);
        };
    }

    private static Set<ProtocolType> protocols(JsonNode json) {
        Set<ProtocolType> out = EnumSet.noneOf(ProtocolType.class);
        json.forEach(e -> out.add(protocol(e)));
        return out;
    }

    private static Set<AddressType> addressTypes(JsonNode json) {
        Set<AddressType> out = EnumSet.noneOf(AddressType.class);
        json.forEach(e -> out.add(addressType(e)));
        return out;
    }
}
