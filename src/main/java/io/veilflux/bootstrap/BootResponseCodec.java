package io.veilflux.bootstrap;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.RoutingDomain;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.List;
import java.util.function.Function;

/**
 * The answers to direct bootstrap requests as Veilid writes them with serde_json: BOOT (v0) is a
 * JSON array of PublicInternet peer infos, B01T (v1) the object
 * {@code {"records":[...],"peers":[...]}}. Decoding is as strict as serde: UTF-8 only, one JSON
 * document, duplicate members refused; failures are {@link BootstrapResponseException}s.
 * Decoded peer infos are as the JSON states them; their signatures are not checked here.
 */
public final class BootResponseCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private BootResponseCodec() {
    }

    public static byte[] encodeV0(List<PeerInfo> peers) {
        JsonText out = new JsonText();
        writePeers(out, peers);
        return out.toBytes();
    }

    public static byte[] encodeV1(BootV1Response response) {
        JsonText out = new JsonText();
        out.beginObject().name("records").array(response.records(), JsonText::string).name("peers");
        writePeers(out, response.peers());
        return out.endObject().toBytes();
    }

    private static void writePeers(JsonText out, List<PeerInfo> peers) {
        out.array(peers, (o, p) -> PeerInfoJson.write(o, p, RoutingDomain.PUBLIC_INTERNET));
    }

    public static List<PeerInfo> decodeV0(byte[] data) {
        return Json.list(tree(data), "BOOT response", PeerInfoJson::read);
    }

    public static BootV1Response decodeV1(byte[] data) {
        JsonNode root = Json.object(tree(data), "B01T response");
        return new BootV1Response(
                Json.list(Json.field(root, "records"), "records", n -> Json.string(n, "record", Function.identity())),
                Json.list(Json.field(root, "peers"), "peers", PeerInfoJson::read));
    }

    private static JsonNode tree(byte[] data) {
        String text;
        try {
            text = StrictUtf8.decode(ByteBuffer.wrap(data));
        } catch (CharacterCodingException e) {
            throw new BootstrapResponseException(BootstrapResponseException.Reason.BAD_UTF8,
                    "bootstrap response is not UTF-8: " + e.getMessage(), e);
        }
        try {
            JsonNode root = MAPPER.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw Json.error("bootstrap response is empty");
            }
            return root;
        } catch (JacksonException e) {
            throw new BootstrapResponseException(BootstrapResponseException.Reason.BAD_JSON,
                    "bootstrap response is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
