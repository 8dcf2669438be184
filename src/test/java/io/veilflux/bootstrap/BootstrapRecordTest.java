package io.veilflux.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.PublicKey;
import io.veilflux.net.DialInfo;
import io.veilflux.net.ProtocolType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BootstrapRecordTest {
    static final String KEY = "VLD0:7lxDEabK_qgjbe38RtBa3IZLrud84P6NhGP-pRTZzdQ";
    private static final String V0 = "0|0|" + KEY + "|bootstrap-1.dev.veilid.net|T5150,U5150,W5150/ws";

    private final Crypto crypto = Crypto.standard();
    private final KeyPair signer = crypto.best().generateKeyPair();

    private BootstrapRecord v1(long seconds, List<String> extra) {
        return new BootstrapRecord(1, List.of("ENV0"), List.of(PublicKey.parse(KEY)), "bootstrap-1.dev.veilid.net",
                List.of(ShortDialInfo.parse("T5150"), ShortDialInfo.parse("U5150"), ShortDialInfo.parse("W5150/ws")),
                OptionalLong.of(seconds), extra);
    }

    @Test
    void theWorkedV0ExampleParsesAndPrintsBack() {
        BootstrapRecord record = BootstrapRecord.parseV0(V0);
        assertThat(record.envelopeSupport()).containsExactly("ENV0");
        assertThat(record.keys()).containsExactly(PublicKey.parse(KEY));
        assertThat(record.hostname()).isEqualTo("bootstrap-1.dev.veilid.net");
        assertThat(record.dialInfos()).extracting(d -> d.url(record.hostname())).containsExactly(
                "tcp://bootstrap-1.dev.veilid.net:5150", "udp://bootstrap-1.dev.veilid.net:5150",
                "ws://bootstrap-1.dev.veilid.net:5150/ws");
        assertThat(record.formatV0()).isEqualTo(V0);
    }

    @Test
    void theVersionHeuristicReadsTheTextBeforeTheFirstBarUntrimmed() {
        assertThat(BootstrapRecord.versionOf(V0)).hasValue(0);
        assertThat(BootstrapRecord.versionOf("1|x")).hasValue(1);
        assertThat(BootstrapRecord.versionOf("+1|x")).as("Rust's u8 parse takes a plus sign").hasValue(1);
        assertThat(BootstrapRecord.versionOf("bootstrap-1,bootstrap-2")).as("no bar: a v0 name list").hasValue(0);
        assertThat(BootstrapRecord.versionOf("7|x")).as("unknown version").isEmpty();
        assertThat(BootstrapRecord.versionOf("x|1")).as("not a number").isEmpty();
        assertThat(BootstrapRecord.versionOf(" 1|x")).as("untrimmed, as Veilid").isEmpty();
        assertThat(BootstrapRecord.versionOf("256|x")).as("not a u8").isEmpty();
    }

    @Test
    void aSignedV1RecordVerifiesUnderItsKeyAndOnlyThere() {
        String text = v1(1746308366, List.of("note")).formatV1(crypto, signer);
        assertThat(text).startsWith("1|0|" + KEY + "|bootstrap-1.dev.veilid.net|T5150,U5150,W5150/ws|1746308366|note|VLD0:");
        BootstrapRecord parsed = BootstrapRecord.parseV1(text, List.of(signer.key()), crypto);
        assertThat(parsed).isEqualTo(v1(1746308366, List.of("note")));
        assertThat(BootstrapRecord.parseV1(text, List.of(crypto.best().generateKeyPair().key(), signer.key()), crypto))
                .as("any one configured key will do").isEqualTo(parsed);
        assertThatThrownBy(() -> BootstrapRecord.parseV1(text, List.of(crypto.best().generateKeyPair().key()), crypto))
                .isInstanceOf(BootstrapRecordException.class)
                .hasMessageStartingWith("bootstrap record did not have valid signature");
        String tampered = text.replace("1746308366", "1746308367");
        assertThatThrownBy(() -> BootstrapRecord.parseV1(tampered, List.of(signer.key()), crypto))
                .hasMessageStartingWith("bootstrap record did not have valid signature");
        assertThat(BootstrapRecord.parseV1(tampered, List.of(), crypto).timestampSeconds())
                .as("without bootstrap keys records are taken unverified").hasValue(1746308367);
    }

    @Test
    void theSignedBytesAreTheRecordUpToItsLastBar() {
        String text = v1(1746308366, List.of()).formatV1(crypto, signer);
        String signed = "1|0|" + KEY + "|bootstrap-1.dev.veilid.net|T5150,U5150,W5150/ws|1746308366|";
        assertThat(text).startsWith(signed);
        String signature = text.substring(signed.length());
        assertThat(signature).startsWith("VLD0:").hasSize(5 + 86);
        assertThat(crypto.best().verify(signer.key(), signed.getBytes(StandardCharsets.UTF_8),
                io.veilflux.crypto.Signature.parse(signature))).isTrue();
        assertThatThrownBy(() -> BootstrapRecord.parseV1("  " + text, List.of(signer.key()), crypto))
                .as("leading whitespace is in the signed bytes too").hasMessageStartingWith("bootstrap record did not have valid signature");
    }

    @Test
    void trailingWhitespaceBreaksTheSignatureAsInVeilid() {
        String text = v1(1, List.of()).formatV1(crypto, signer) + " ";
        assertThatThrownBy(() -> BootstrapRecord.parseV1(text, List.of(signer.key()), crypto))
                .hasMessageStartingWith("bootstrap record did not have valid signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",                                          // no version at all
        "x|0|" + KEY + "|host|T5150",               // version not a number
        "300|0|" + KEY + "|host|T5150",             // version not a u8
        "-0|0|" + KEY + "|host|T5150",              // Rust refuses a minus sign
        "\u0660|0|" + KEY + "|host|T5150",          // and non-ASCII digits
        "0|0|" + KEY + "|host",                      // 4 fields
        "0|0|" + KEY + "|host|T5150|extra",          // 6 fields
        "0|EN|" + KEY + "|host|T5150",               // envelope neither 1 nor 4 bytes
        "0||" + KEY + "|host|T5150",                 // empty envelope item
        "0|0,,1|" + KEY + "|host|T5150",             // empty envelope item in a list
        "0|\u00e9|" + KEY + "|host|T5150",           // one character but two bytes
        "0|0|VLD0:notakey!|host|T5150",              // invalid key
        "0|0|" + KEY + ",VLD0:abcde|host|T5150",     // invalid key in a list
    })
    void malformedV0RecordsAreErrors(String text) {
        assertThatThrownBy(() -> BootstrapRecord.read(text, 0, List.of(), crypto))
                .isInstanceOf(BootstrapRecordException.class);
    }

    @Test
    void anEmptyKeyIsAnEmptyVld0KeyAsInVeilid() {
        assertThat(BootstrapRecord.parseV0("0|0||host|T5150").keys()).extracting(k -> k.value().length()).containsExactly(0);
    }

    @Test
    void aRecordOfAnotherVersionIsSkippedNotAnError() {
        assertThat(BootstrapRecord.read("1|0|" + KEY + "|host|T5150", 0, List.of(), crypto)).isEmpty();
        assertThat(BootstrapRecord.read(V0, 1, List.of(), crypto)).isEmpty();
        assertThatThrownBy(() -> BootstrapRecord.parseV0("1|0|" + KEY + "|host|T5150"))
                .hasMessageStartingWith("expected a v0 bootstrap record");
    }

    @Test
    void malformedV1RecordsAreErrors() {
        String good = v1(5, List.of()).formatV1(crypto, signer);
        assertThatThrownBy(() -> BootstrapRecord.parseV1("1|0|" + KEY + "|host|T5150|5", List.of(), crypto))
                .hasMessageContaining("at least 7 fields");
        assertThatThrownBy(() -> BootstrapRecord.parseV1(good.replace("|5|", "|soon|"), List.of(), crypto))
                .hasMessageContaining("invalid timestamp 'soon'");
        assertThatThrownBy(() -> BootstrapRecord.parseV1(good.replace("|5|", "|18446744073709551616|"), List.of(), crypto))
                .as("one more than u64::MAX").hasMessageContaining("invalid timestamp");
        assertThat(BootstrapRecord.parseV1(good.replace("|5|", "|18446744073709551615|"), List.of(), crypto).timestampSeconds())
                .as("u64::MAX itself").hasValue(-1L);
        assertThatThrownBy(() -> BootstrapRecord.parseV1(good.substring(0, good.lastIndexOf('|') + 1) + "VLD0:short", List.of(), crypto))
                .hasMessageContaining("invalid signature field");
        assertThatThrownBy(() -> BootstrapRecord.parseV1(good.replace("|0|", "|toolong|"), List.of(), crypto))
                .hasMessageContaining("envelope version 'toolong'");
        assertThatThrownBy(() -> BootstrapRecord.parseV1(good.replace(KEY, "VLD0:!!"), List.of(), crypto))
                .hasMessageContaining("key is invalid");
    }

    @Test
    void theSignatureIsCheckedBeforeTheOtherFields() {
        String bad = v1(5, List.of()).formatV1(crypto, signer).replace("|0|", "|toolong|");
        assertThatThrownBy(() -> BootstrapRecord.parseV1(bad, List.of(signer.key()), crypto))
                .hasMessageStartingWith("bootstrap record did not have valid signature");
    }

    @Test
    void theTimestampIsReadOnlyAfterTheDialInfos() {
        String noDialInfo = "1|0|" + KEY + "|host|X1,U|soon|VLD0:" + "A".repeat(86);
        RecordFields fields = BootstrapRecord.read(noDialInfo, 1, List.of(), crypto).orElseThrow();
        assertThat(fields.shortDialInfos()).isEmpty();
        assertThat(fields.timestampField()).isEqualTo("soon");
        assertThatThrownBy(fields::timestamp).hasMessageContaining("invalid timestamp 'soon'");
    }

    @Test
    void envelopeVersionsAndKeysAreNormalisedAsVeilidGroupsThem() {
        String otherKey = "VLD0:QeQJorqbXtC7v3OlynCZ_W3m76wGNeB5NTF81ypqHAo";
        BootstrapRecord record = BootstrapRecord.parseV0("0| 1 ,ENV0,0 |" + KEY + " , " + otherKey + "|host|T5150");
        assertThat(record.envelopeSupport()).containsExactly("ENV0", "ENV1");
        assertThat(record.keys()).as("one key per crypto kind: the later one").containsExactly(PublicKey.parse(otherKey));
    }

    @Test
    void shortDialInfosThatDoNotParseAreSkipped() {
        BootstrapRecord record = BootstrapRecord.parseV0("0|0|" + KEY + "|host| T5150 , X1, U, Wx/ws ,S443/ws,,T0,T+80,T\u0665");
        assertThat(record.dialInfos()).containsExactly(ShortDialInfo.parse("T5150"),
                new ShortDialInfo(ProtocolType.WSS, 443, Optional.of("ws")), ShortDialInfo.parse("T80"));
        assertThat(record.dialInfos().get(1).url("host")).isEqualTo("wss://host:443/ws");
        assertThatThrownBy(() -> ShortDialInfo.parse("T")).hasMessageContaining("too short");
        assertThatThrownBy(() -> ShortDialInfo.parse("Q5150")).hasMessageContaining("unknown protocol letter");
        assertThatThrownBy(() -> ShortDialInfo.parse("T0")).hasMessageContaining("invalid port");
        assertThatThrownBy(() -> ShortDialInfo.parse("T65536")).hasMessageContaining("invalid port");
    }

    @Test
    void aNodesDialInfosMakeTheRecordVeilidsGeneratorWrites() {
        List<DialInfo> dialInfos = List.of(DialInfo.parse("udp|192.0.2.7:5150"), DialInfo.parse("tcp|192.0.2.7:5150"),
                DialInfo.parse("ws|192.0.2.7|node-1.example.net:5150/ws"), DialInfo.parse("udp|192.0.2.7:5150"));
        BootstrapRecord v0 = BootstrapRecord.forDialInfos(0, List.of("ENV0"), List.of(PublicKey.parse(KEY)), dialInfos,
                Optional.of("node-1.example.net"), OptionalLong.empty(), List.of());
        assertThat(v0.formatV0()).isEqualTo("0|0|" + KEY + "|node-1.example.net|T5150,U5150,W5150/ws");
        BootstrapRecord byIp = BootstrapRecord.forDialInfos(0, List.of("ENV0"), List.of(PublicKey.parse(KEY)),
                List.of(DialInfo.parse("udp|[2001:db8::7]:5150"), DialInfo.parse("ws|[2001:db8::7]:80")),
                Optional.empty(), OptionalLong.empty(), List.of());
        assertThat(byIp.formatV0()).as("without a PTR name the IP is the host").isEqualTo("0|0|" + KEY + "|[2001:db8::7]|U5150,W80");
        assertThat(BootstrapRecord.parseV0(byIp.formatV0()).dialInfos().get(0).url(byIp.hostname()))
                .isEqualTo("udp://[2001:db8::7]:5150");
        BootstrapRecord v1 = BootstrapRecord.forDialInfos(1, List.of("ENV0"), List.of(PublicKey.parse(KEY)), dialInfos,
                Optional.of("node-1.example.net"), OptionalLong.of(1746308366), List.of());
        assertThat(BootstrapRecord.parseV1(v1.formatV1(crypto, signer), List.of(signer.key()), crypto)).isEqualTo(v1);
    }

    @Test
    void generationRefusesWhatVeilidRefuses() {
        List<PublicKey> keys = List.of(PublicKey.parse(KEY));
        assertThatThrownBy(() -> BootstrapRecord.forDialInfos(0, List.of("ENV0"), keys, List.of(), Optional.empty(),
                OptionalLong.empty(), List.of())).hasMessage("No dial info for bootstrap host");
        assertThatThrownBy(() -> BootstrapRecord.forDialInfos(0, List.of("ENV0"), keys,
                List.of(DialInfo.parse("udp|192.0.2.7:5150"), DialInfo.parse("ws|192.0.2.7|other.example.net:5150/ws")),
                Optional.of("node-1.example.net"), OptionalLong.empty(), List.of()))
                .hasMessage("Inconsistent hostnames for dial info: node-1.example.net vs other.example.net");
        assertThatThrownBy(() -> BootstrapRecord.forDialInfos(1, List.of("ENV0"), keys, List.of(DialInfo.parse("udp|192.0.2.7:5150")),
                Optional.empty(), OptionalLong.empty(), List.of())).hasMessage("timestamp required for bootstrap v1 format");
    }

    @Test
    void aLongRecordIsCutIntoCharacterStringsOfAtMost255Bytes() {
        assertThat(BootstrapRecord.characterStrings("")).containsExactly("");
        assertThat(BootstrapRecord.characterStrings("a".repeat(255))).containsExactly("a".repeat(255));
        assertThat(BootstrapRecord.characterStrings("a".repeat(256))).containsExactly("a".repeat(255), "a");
        List<String> cut = BootstrapRecord.characterStrings("a".repeat(254) + "\u00e9b");
        assertThat(cut).as("a two-byte character is not split").containsExactly("a".repeat(254), "\u00e9b");
        assertThat(String.join("", BootstrapRecord.characterStrings("x".repeat(600)))).hasSize(600);
    }
}
