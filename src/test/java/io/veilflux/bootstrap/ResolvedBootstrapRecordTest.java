package io.veilflux.bootstrap;

import static io.veilflux.bootstrap.BootstrapRecordTest.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.PublicKey;
import io.veilflux.net.Address;
import io.veilflux.net.AddressType;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.net.ProtocolType;
import io.veilflux.routing.CryptoInfo;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.routing.FourCc;
import io.veilflux.routing.PeerInfo;
import io.veilflux.routing.PeerInfoValidation;
import io.veilflux.rpc.codec.NodeInfoCodec;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ResolvedBootstrapRecordTest {
    private static final String HOST = "bootstrap-1.dev.veilid.net";
    private static final Function<String, List<Address>> HOSTS =
            name -> Map.of(HOST, List.of(Address.parse("1.2.3.4"))).getOrDefault(name, List.of());

    private final Crypto crypto = Crypto.standard();
    private final KeyPair signer = crypto.best().generateKeyPair();

    private static DialInfoDetail direct(String dialInfo) {
        return new DialInfoDetail(DialInfo.parse(dialInfo), DialInfoClass.DIRECT);
    }

    private static ResolvedBootstrapRecord record(List<String> keys, List<String> details, OptionalLong seconds, String... extra) {
        return new ResolvedBootstrapRecord(keys.stream().map(PublicKey::parse).toList(), List.of("ENV0"),
                details.stream().map(ResolvedBootstrapRecordTest::direct).toList(), seconds, List.of(extra));
    }

    private String signedV1(long seconds, String host, String shorts) {
        return new BootstrapRecord(1, List.of("ENV0"), List.of(PublicKey.parse(KEY)), host,
                List.of(shorts.split(",")).stream().map(ShortDialInfo::parse).toList(), OptionalLong.of(seconds), List.of())
                .formatV1(crypto, signer);
    }

    @Test
    void theWorkedV0ExampleResolvesToItsDialInfos() {
        List<ResolvedBootstrapRecord> records = ResolvedBootstrapRecord.parseAll(
                List.of("0|0|" + KEY + "|" + HOST + "|T5150,U5150,W5150/ws"), 0, List.of(), crypto, HOSTS);
        assertThat(records).hasSize(1);
        ResolvedBootstrapRecord record = records.get(0);
        assertThat(record.keys()).containsExactly(PublicKey.parse(KEY));
        assertThat(record.envelopeSupport()).containsExactly("ENV0");
        assertThat(record.timestampSeconds()).isEmpty();
        assertThat(record.dialInfoDetails()).containsExactly(direct("udp|1.2.3.4:5150"), direct("tcp|1.2.3.4:5150"),
                direct("ws|1.2.3.4|" + HOST + ":5150/ws"));
    }

    @Test
    void theWorkedV1ExampleVerifiesAndKeepsItsTimestamp() {
        List<ResolvedBootstrapRecord> records = ResolvedBootstrapRecord.parseAll(
                List.of(signedV1(1746308366, HOST, "T5150,U5150,W5150/ws")), 1, List.of(signer.key()), crypto, HOSTS);
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.timestampSeconds()).hasValue(1746308366);
            assertThat(r.dialInfoDetails()).hasSize(3);
        });
    }

    @Test
    void aRecordWithoutUsableDialInfoIsSkippedEvenWithABadTimestamp() {
        String unresolved = "1|0|" + KEY + "|nowhere.example|T5150|soon|" + "VLD0:" + "A".repeat(86);
        assertThat(ResolvedBootstrapRecord.parseAll(List.of(unresolved), 1, List.of(), crypto, HOSTS)).isEmpty();
        String badHost = "0|0|" + KEY + "|bad_host|T5150";
        assertThat(ResolvedBootstrapRecord.parseAll(List.of(badHost), 0, List.of(), crypto, HOSTS))
                .as("a host name a URL cannot carry").isEmpty();
        String ipHost = "0|0|" + KEY + "|[2001:db8::1]|U5150";
        assertThat(ResolvedBootstrapRecord.parseAll(List.of(ipHost), 0, List.of(), crypto, HOSTS))
                .singleElement().satisfies(r -> assertThat(r.dialInfoDetails()).containsExactly(direct("udp|[2001:db8::1]:5150")));
    }

    @Test
    void oneMalformedRecordSpoilsTheWholeList() {
        String good = "0|0|" + KEY + "|" + HOST + "|T5150";
        assertThatThrownBy(() -> ResolvedBootstrapRecord.parseAll(List.of(good, "0|EN|" + KEY + "|" + HOST + "|T5150"), 0,
                List.of(), crypto, HOSTS)).isInstanceOf(BootstrapRecordException.class);
        assertThatThrownBy(() -> ResolvedBootstrapRecord.parseAll(List.of(good, "bootstrap-1,bootstrap-2"), 0,
                List.of(), crypto, HOSTS)).as("a v0 name list is not a record").hasMessageContaining("txt_version");
        assertThat(ResolvedBootstrapRecord.parseAll(List.of(good, signedV1(1, HOST, "T5150")), 0, List.of(), crypto, HOSTS))
                .as("records of another version are skipped").hasSize(1);
    }

    @Test
    void theHostNamesToLookUpAreThoseOfTheRecordsOfTheVersion() {
        assertThat(ResolvedBootstrapRecord.hostnamesIn(List.of("0|0|" + KEY + "|" + HOST + "|T5150",
                "0|0|" + KEY + "|1.2.3.4|T5150", "0|0|" + KEY + "|[::1]|T5150", "1|0|" + KEY + "|v1.example|T5150|1|x",
                "0|0|" + KEY + "|bad_host|T5150", "garbage"), 0)).containsExactly(HOST);
    }

    @Test
    void recordsSharingAKeyMergeAsVeilidFoldsThem() {
        String other = "VLD0:QeQJorqbXtC7v3OlynCZ_W3m76wGNeB5NTF81ypqHAo";
        ResolvedBootstrapRecord a = record(List.of(KEY), List.of("udp|1.2.3.4:5150"), OptionalLong.of(20), "a");
        ResolvedBootstrapRecord b = record(List.of(other), List.of("tcp|5.6.7.8:5150"), OptionalLong.empty());
        ResolvedBootstrapRecord c = new ResolvedBootstrapRecord(List.of(PublicKey.parse(KEY)), List.of("ENV1"),
                List.of(direct("tcp|1.2.3.4:5150"), direct("udp|1.2.3.4:5150")), OptionalLong.of(10), List.of("c"));
        List<ResolvedBootstrapRecord> merged = ResolvedBootstrapRecord.mergeAll(List.of(a, b, c));
        assertThat(merged).hasSize(2);
        assertThat(merged.get(0)).isEqualTo(b);
        ResolvedBootstrapRecord ac = merged.get(1);
        assertThat(ac.keys()).containsExactly(PublicKey.parse(KEY));
        assertThat(ac.envelopeSupport()).containsExactly("ENV0", "ENV1");
        assertThat(ac.dialInfoDetails()).containsExactly(direct("udp|1.2.3.4:5150"), direct("tcp|1.2.3.4:5150"));
        assertThat(ac.timestampSeconds()).as("the earlier one").hasValue(10);
        assertThat(ac.extra()).as("the absorbing record's first").containsExactly("c", "a");
        assertThat(a.merge(record(List.of(KEY), List.of(), OptionalLong.empty())).timestampSeconds()).hasValue(20);
        assertThat(record(List.of(KEY), List.of(), OptionalLong.empty()).merge(a).timestampSeconds()).hasValue(20);
        assertThat(record(List.of(KEY), List.of(), OptionalLong.of(-1)).merge(a).timestampSeconds())
                .as("timestamps compare unsigned").hasValue(20);
    }

    @Test
    void aRecordBecomesAnUnsignedPeerInfoAsVeilidBuildsIt() {
        ResolvedBootstrapRecord record = record(List.of(KEY), List.of("udp|1.2.3.4:5150", "ws|1.2.3.4|" + HOST + ":5150/ws"),
                OptionalLong.of(1746308366));
        PeerInfo peer = record.toUnsignedPeerInfo(42).orElseThrow();
        assertThat(peer.signatures()).isEmpty();
        assertThat(peer.nodeInfo().timestamp()).isEqualTo(1746308366000000L);
        assertThat(peer.nodeInfo().envelopeSupport()).containsExactly(FourCc.ENV0);
        assertThat(peer.nodeInfo().cryptoInfoList()).containsExactly(new CryptoInfo(PublicKey.parse(KEY)));
        assertThat(peer.nodeInfo().capabilities()).isEmpty();
        assertThat(peer.nodeInfo().outboundProtocols()).isEqualTo(EnumSet.allOf(ProtocolType.class));
        assertThat(peer.nodeInfo().addressTypes()).isEqualTo(EnumSet.allOf(AddressType.class));
        assertThat(peer.nodeInfo().dialInfoDetailList()).isEqualTo(record.dialInfoDetails());
        assertThat(peer.nodeInfo().relayInfoList()).isEmpty();
        assertThat(NodeInfoCodec.decodeNodeInfo(peer.nodeInfoMessage().toByteArray())).isEqualTo(peer.nodeInfo());
        assertThat(PeerInfoValidation.validate(crypto, peer)).isInstanceOf(PeerInfoValidation.Result.Unverified.class);
        assertThat(record(List.of(KEY), List.of("udp|1.2.3.4:5150"), OptionalLong.empty()).toUnsignedPeerInfo(42)
                .orElseThrow().nodeInfo().timestamp()).as("no timestamp: now").isEqualTo(42);
    }

    @Test
    void aRecordWithoutAUsableKeyMakesNoPeer() {
        assertThat(record(List.of("VLD1:" + KEY.substring(5)), List.of("udp|1.2.3.4:5150"), OptionalLong.empty())
                .toUnsignedPeerInfo(0)).as("only VLD0 keys count").isEmpty();
        assertThat(record(List.of(""), List.of("udp|1.2.3.4:5150"), OptionalLong.empty()).toUnsignedPeerInfo(0))
                .as("an empty key has no node id").isEmpty();
    }

    @Test
    void ourOwnRecordIsRecognisedByAnyOfItsKeys() {
        ResolvedBootstrapRecord record = record(List.of(KEY), List.of("udp|1.2.3.4:5150"), OptionalLong.empty());
        assertThat(record.isOwn(Set.of(PublicKey.parse(KEY)))).isTrue();
        assertThat(record.isOwn(Set.of(signer.key()))).isFalse();
    }
}
