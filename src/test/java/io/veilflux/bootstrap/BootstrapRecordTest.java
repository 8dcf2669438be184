package io.veilflux.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.PublicKey;
import io.veilflux.net.ProtocolType;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BootstrapRecordTest {
    private static final String KEY = "VLD0:7lxDEabK_qgjbe38RtBa3IZLrud84P6NhGP-pRTZzdQ";
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
        assertThat(BootstrapRecord.versionOf(V0)).hasValue(0);
        assertThat(BootstrapRecord.versionOf("bootstrap-1,bootstrap-2")).hasValue(0);
        assertThat(BootstrapRecord.versionOf("7|x")).isEmpty();
    }

    @Test
    void aSignedV1RecordVerifiesUnderItsKeyAndOnlyThere() {
        String text = v1(1746308366, List.of("note")).formatV1(crypto, signer);
        assertThat(text).startsWith("1|0|" + KEY + "|bootstrap-1.dev.veilid.net|T5150,U5150,W5150/ws|1746308366|note|VLD0:");
        BootstrapRecord parsed = BootstrapRecord.parseV1(text, List.of(signer.key()), crypto);
        assertThat(parsed).isEqualTo(v1(1746308366, List.of("note")));
        assertThatThrownBy(() -> BootstrapRecord.parseV1(text, List.of(crypto.best().generateKeyPair().key()), crypto))
                .hasMessage("bootstrap record did not have valid signature");
        String tampered = text.replace("1746308366", "1746308367");
        assertThatThrownBy(() -> BootstrapRecord.parseV1(tampered, List.of(signer.key()), crypto))
                .hasMessage("bootstrap record did not have valid signature");
        assertThat(BootstrapRecord.parseV1(tampered, List.of(), crypto).timestampSeconds())
                .as("without bootstrap keys records are taken unverified").hasValue(1746308367);
    }

    @Test
    void trailingWhitespaceBreaksTheSignatureAsInVeilid() {
        String text = v1(1, List.of()).formatV1(crypto, signer) + " ";
        assertThatThrownBy(() -> BootstrapRecord.parseV1(text, List.of(signer.key()), crypto))
                .hasMessage("bootstrap record did not have valid signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0|0|" + KEY + "|host",
        "x|0|" + KEY + "|host|T5150",
        "300|0|" + KEY + "|host|T5150",
        "1|0|" + KEY + "|host|T5150",
        "0|EN|" + KEY + "|host|T5150",
        "0|0|VLD0:notakey!|host|T5150",
    })
    void malformedV0RecordsAreRefused(String text) {
        assertThatThrownBy(() -> BootstrapRecord.parseV0(text)).isInstanceOf(BootstrapRecordException.class);
    }

    @Test
    void malformedV1RecordsAreRefused() {
        String good = v1(5, List.of()).formatV1(crypto, signer);
        assertThatThrownBy(() -> BootstrapRecord.parseV1("1|0|" + KEY + "|host|T5150|5", List.of(), crypto))
                .hasMessageContaining("at least 7 fields");
        assertThatThrownBy(() -> BootstrapRecord.parseV1(good.replace("|5|", "|soon|"), List.of(), crypto))
                .hasMessageContaining("invalid timestamp 'soon'");
        assertThatThrownBy(() -> BootstrapRecord.parseV1(good.substring(0, good.lastIndexOf('|') + 1) + "VLD0:short", List.of(), crypto))
                .hasMessageContaining("invalid signature field");
    }

    @Test
    void shortDialInfosThatDoNotParseAreSkipped() {
        BootstrapRecord record = BootstrapRecord.parseV0("0|0|" + KEY + "|host| T5150 , X1, U, Wx/ws ,S443/ws");
        assertThat(record.dialInfos()).containsExactly(ShortDialInfo.parse("T5150"),
                new ShortDialInfo(ProtocolType.WSS, 443, Optional.of("ws")));
        assertThat(record.dialInfos().get(1).url("host")).isEqualTo("wss://host:443/ws");
        assertThatThrownBy(() -> ShortDialInfo.parse("T")).hasMessageContaining("too short");
        assertThatThrownBy(() -> ShortDialInfo.parse("Q5150")).hasMessageContaining("unknown protocol letter");
        assertThatThrownBy(() -> ShortDialInfo.parse("T0")).hasMessageContaining("invalid port");
    }
}
