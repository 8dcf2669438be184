package io.veilflux.bootstrap;

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
import io.veilflux.routing.RoutingDomain;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Veilid's serde JSON form of a PeerInfo (transport-bootstrap.md §5.4, §1.3): fields in declaration
 * order, compact, u64 timestamps as decimal strings, byte arrays as number arrays, protocol and
 * address-type sets as bitmasks, {@code Address} and {@code CryptoInfo} externally tagged,
 * {@code DialInfo} tagged by {@code kind}. Reading follows serde's rules: every field required,
 * unknown fields ignored, unknown enum variants refused, unknown set bits dropped.
 */
final class PeerInfoJson {
    private static final Map<DialInfoClass, String> CLASS_NAMES = Map.of(
            DialInfoClass.DIRECT, "Direct", DialInfoClass.MAPPED, "Mapped", DialInfoClass.FULL_CONE_NAT, "FullConeNAT",
            DialInfoClass.BLOCKED, "Blocked", DialInfoClass.ADDRESS_RESTRICTED_NAT, "AddressRestrictedNAT",
            DialInfoClass.PORT_RESTRICTED_NAT, "PortRestrictedNAT");
    private static final Map<RelayKind, String> RELAY_KIND_NAMES = Map.of(RelayKind.INBOUND, "Inbound", RelayKind.OUTBOUND, "Outbound");
    private static final Map<RoutingDomain, String> DOMAIN_NAMES = Map.of(
            RoutingDomain.LOCAL_NETWORK, "LocalNetwork", RoutingDomain.PUBLIC_INTERNET, "PublicInternet");
    private static final String VLD0 = CryptoKind.VLD0.toString();

    private PeerInfoJson() {
    }

    // ---- writing

    /** Writes a peer info of {@code domain}; its node ids are those of its node info's keys. */
    static void write(JsonText out, PeerInfo peerInfo, RoutingDomain domain) {
        NodeInfo nodeInfo = peerInfo.nodeInfo();
        out.beginObject().name("routing_domain").string(DOMAIN_NAMES.get(domain));
        out.name("node_ids").array(PeerInfos.nodeIds(peerInfo), (o, id) -> o.string(id.encode()));
        out.name("node_info");
        writeNodeInfo(out, nodeInfo);
        out.name("node_info_message").beginArray();
        Bytes message = peerInfo.nodeInfoMessage();
        for (int i = 0; i < message.length(); i++) {
            out.number(message.get(i) & 0xFF);
        }
        out.endArray();
        out.name("signatures").array(peerInfo.signatures(), (o, s) -> o.string(s.encode()));
        out.endObject();
    }

    private static void writeNodeInfo(JsonText out, NodeInfo nodeInfo) {
        out.beginObject().name("timestamp").string(Long.toUnsignedString(nodeInfo.timestamp()));
        out.name("envelope_support").array(nodeInfo.envelopeSupport(), (o, e) -> o.string(e.toString()));
        out.name("crypto_info_list").array(nodeInfo.cryptoInfoList(), PeerInfoJson::writeCryptoInfo);
        out.name("capabilities").array(nodeInfo.capabilities(), (o, c) -> o.string(c.toString()));
        out.name("outbound_protocols").number(bits(nodeInfo.outboundProtocols()));
        out.name("address_types").number(bits(nodeInfo.addressTypes()));
        out.name("dial_info_detail_list").array(nodeInfo.dialInfoDetailList(), PeerInfoJson::writeDetail);
        out.name("relay_info_list").array(nodeInfo.relayInfoList(), PeerInfoJson::writeRelayInfo);
        out.endObject();
    }

    private static void writeCryptoInfo(JsonText out, CryptoInfo info) {
        if (!info.kind().equals(CryptoKind.VLD0)) {
            throw new IllegalArgumentException("no JSON form for crypto info of kind " + info.kind());
        }
        out.beginObject().name(VLD0).beginObject().name("public_key").string(info.publicKey().value().base64Url())
                .endObject().endObject();
    }

    private static void writeRelayInfo(JsonText out, RelayInfo relay) {
        out.beginObject().name("timestamp").string(Long.toUnsignedString(relay.timestamp()));
        out.name("node_ids").array(relay.nodeIds(), (o, id) -> o.string(id.encode()));
        out.name("outbound_protocols").number(bits(relay.outboundProtocols()));
        out.name("address_types").number(bits(relay.addressTypes()));
        out.name("dial_info_detail_list").array(relay.dialInfoDetailList(), PeerInfoJson::writeDetail);
        out.name("relay_kind").string(RELAY_KIND_NAMES.get(relay.relayKind()));
        out.endObject();
    }

    private static void writeDetail(JsonText out, DialInfoDetail detail) {
        out.beginObject().name("class").string(CLASS_NAMES.get(detail.dialInfoClass())).name("dial_info");
        DialInfo dialInfo = detail.dialInfo();
        out.beginObject().name("kind").string(dialInfo.protocol().name()).name("socket_address");
        SocketAddress socket = dialInfo.socketAddress();
        out.beginObject().name("address").beginObject()
                .name(socket.address().type().name()).string(socket.address().toString())
                .endObject().name("port").number(socket.port()).endObject();
        if (dialInfo instanceof DialInfo.Ws ws) {
            out.name("request").string(ws.request());
        } else if (dialInfo instanceof DialInfo.Wss wss) {
            out.name("request").string(wss.request());
        }
        out.endObject().endObject();
    }

    /** A set as Veilid's enumset bitmask: bit n for the constant of ordinal n. */
    private static <E extends Enum<E>> int bits(Set<E> set) {
        int bits = 0;
        for (E e : set) {
            bits |= 1 << e.ordinal();
        }
        return bits;
    }

    // ---- reading

    /**
     * Reads a peer info as it stands in the JSON: the node info as written (not yet checked
     * against the signed message), the message bytes and the signatures. The routing domain and
     * node ids must be well formed and are otherwise not used: both follow from the node info.
     */
    static PeerInfo read(JsonNode node) {
        Json.object(node, "peer info");
        Json.string(Json.field(node, "routing_domain"), "routing_domain", text -> enumValue(DOMAIN_NAMES, text, "routing domain"));
        Json.list(Json.field(node, "node_ids"), "node_ids", n -> Json.string(n, "node id", NodeId::parse));
        NodeInfo nodeInfo = readNodeInfo(Json.field(node, "node_info"));
        List<Integer> message = Json.list(Json.field(node, "node_info_message"), "node_info_message",
                n -> (int) Json.unsigned(n, "node_info_message byte", 0xFF));
        byte[] bytes = new byte[message.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (int) message.get(i);
        }
        List<Signature> signatures = Json.list(Json.field(node, "signatures"), "signatures",
                n -> Json.string(n, "signature", Signature::parse));
        return new PeerInfo(Bytes.of(bytes), nodeInfo, signatures);
    }

    private static NodeInfo readNodeInfo(JsonNode node) {
        Json.object(node, "node_info");
        return new NodeInfo(
                Json.string(Json.field(node, "timestamp"), "timestamp", PeerInfoJson::u64),
                Json.list(Json.field(node, "envelope_support"), "envelope_support", n -> Json.string(n, "envelope version", FourCc::of)),
                Json.list(Json.field(node, "crypto_info_list"), "crypto_info_list", PeerInfoJson::readCryptoInfo),
                Json.list(Json.field(node, "capabilities"), "capabilities", n -> Json.string(n, "capability", FourCc::of)),
                set(ProtocolType.class, Json.unsigned(Json.field(node, "outbound_protocols"), "outbound_protocols", 0xFF)),
                set(AddressType.class, Json.unsigned(Json.field(node, "address_types"), "address_types", 0xFF)),
                Json.list(Json.field(node, "dial_info_detail_list"), "dial_info_detail_list", PeerInfoJson::readDetail),
                Json.list(Json.field(node, "relay_info_list"), "relay_info_list", PeerInfoJson::readRelayInfo));
    }

    private static CryptoInfo readCryptoInfo(JsonNode node) {
        String kind = Json.singleKey(node, "crypto info");
        if (!kind.equals(VLD0)) {
            throw Json.error("unknown crypto info variant '" + kind + "' (expected VLD0)");
        }
        JsonNode detail = Json.object(node.get(kind), "VLD0 crypto info");
        return new CryptoInfo(Json.string(Json.field(detail, "public_key"), "public_key",
                text -> PublicKey.parse(VLD0 + ":" + text)));
    }

    private static RelayInfo readRelayInfo(JsonNode node) {
        Json.object(node, "relay info");
        return new RelayInfo(
                Json.string(Json.field(node, "timestamp"), "timestamp", PeerInfoJson::u64),
                Json.list(Json.field(node, "node_ids"), "node_ids", n -> Json.string(n, "node id", NodeId::parse)),
                set(ProtocolType.class, Json.unsigned(Json.field(node, "outbound_protocols"), "outbound_protocols", 0xFF)),
                set(AddressType.class, Json.unsigned(Json.field(node, "address_types"), "address_types", 0xFF)),
                Json.list(Json.field(node, "dial_info_detail_list"), "dial_info_detail_list", PeerInfoJson::readDetail),
                Json.string(Json.field(node, "relay_kind"), "relay_kind", text -> enumValue(RELAY_KIND_NAMES, text, "relay kind")));
    }

    private static DialInfoDetail readDetail(JsonNode node) {
        Json.object(node, "dial info detail");
        DialInfoClass dialInfoClass = Json.string(Json.field(node, "class"), "class",
                text -> enumValue(CLASS_NAMES, text, "dial info class"));
        return new DialInfoDetail(readDialInfo(Json.field(node, "dial_info")), dialInfoClass);
    }

    private static DialInfo readDialInfo(JsonNode node) {
        Json.object(node, "dial info");
        ProtocolType protocol = Json.string(Json.field(node, "kind"), "kind", text -> {
            for (ProtocolType p : ProtocolType.values()) {
                if (p.name().equals(text)) {
                    return p;
                }
            }
            throw Json.error("unknown dial info kind '" + text + "' (expected UDP, TCP, WS or WSS)");
        });
        SocketAddress socket = readSocketAddress(Json.field(node, "socket_address"));
        try {
            return switch (protocol) {
                case UDP -> DialInfo.udp(socket);
                case TCP -> DialInfo.tcp(socket);
                case WS -> DialInfo.ws(socket, "ws://" + Json.string(Json.field(node, "request"), "request", Function.identity()));
                case WSS -> DialInfo.wss(socket, "wss://" + Json.string(Json.field(node, "request"), "request", Function.identity()));
            };
        } catch (IllegalArgumentException e) {
            throw Json.error("invalid dial info: " + e.getMessage());
        }
    }

    private static SocketAddress readSocketAddress(JsonNode node) {
        Json.object(node, "socket address");
        JsonNode addressNode = Json.field(node, "address");
        String family = Json.singleKey(addressNode, "address");
        AddressType type = enumValue(Map.of(AddressType.IPV4, "IPV4", AddressType.IPV6, "IPV6"), family, "address variant");
        Address address = Json.string(addressNode.get(family), family, text -> {
            Address parsed = Address.parse(text);
            // The tag says how it is written; an IPv4-mapped IPv6 address is still IPv6 text.
            if (text.contains(":") != (type == AddressType.IPV6)) {
                throw Json.error("'" + text + "' is not an " + family + " address");
            }
            return parsed;
        });
        int port = (int) Json.unsigned(Json.field(node, "port"), "port", 0xFFFF);
        return new SocketAddress(address, port);
    }

    private static long u64(String text) {
        return UnsignedNumbers.parseU64(text).orElseThrow(() -> Json.error("'" + text + "' is not a u64"));
    }

    private static <E extends Enum<E>> Set<E> set(Class<E> type, long bits) {
        Set<E> set = EnumSet.noneOf(type);
        for (E e : type.getEnumConstants()) {
            if ((bits & (1L << e.ordinal())) != 0) {
                set.add(e);
            }
        }
        return set;
    }

    private static <E> E enumValue(Map<E, String> names, String text, String what) {
        for (Map.Entry<E, String> entry : names.entrySet()) {
            if (entry.getValue().equals(text)) {
                return entry.getKey();
            }
        }
        List<String> known = new ArrayList<>(names.values());
        known.sort(null);
        throw Json.error("unknown " + what + " '" + text + "' (expected one of " + known + ")");
    }
}
