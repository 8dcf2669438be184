package io.veilflux.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.CryptoKind;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.NodeId;
import io.veilflux.crypto.PublicKey;
import io.veilflux.net.DialInfo;
import io.veilflux.net.DialInfoClass;
import io.veilflux.routing.Capability;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.routing.PeerInfo;
import io.veilflux.rpc.codec.PeerInfoSigner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

class BootstrapResponderTest {
    private final Crypto crypto = Crypto.standard();
    private final KeyPair signer = crypto.best().generateKeyPair();
    private final KeyPair us = crypto.best().generateKeyPair();
    private final KeyPair nodeA = crypto.best().generateKeyPair();
    private final KeyPair nodeB = crypto.best().generateKeyPair();
    private final FakeDns dns = new FakeDns().host("node.test", "192.0.2.1");

    private BootstrapCandidate candidate(String... dialInfos) {
        return new BootstrapCandidate(TestPeers.signed(crypto, crypto.best().generateKeyPair(), dialInfos), false, true, Optional.empty());
    }

    private static List<BootstrapCandidate> pick(List<BootstrapCandidate> candidates, int maxPerType) {
        List<PeerInfo> peers = BootstrapResponder.findBootstrapNodes(candidates, maxPerType,
                BootstrapResponder.PROTOCOLS_WITHOUT_WSS, List.of(CryptoKind.VLD0));
        return peers.stream().map(p -> candidates.stream().filter(c -> c.publicInternet() == p).findFirst().orElseThrow()).toList();
    }

    @Test
    void bootHandsOutOnlyDirectWellConnectedPublicNodes() {
        BootstrapCandidate good = candidate("udp|192.0.2.1:5150");
        KeyPair local = crypto.best().generateKeyPair();
        BootstrapCandidate alsoLocal = new BootstrapCandidate(TestPeers.signed(crypto, local, "udp|192.0.2.2:5150"), true, true, Optional.empty());
        KeyPair weak = crypto.best().generateKeyPair();
        BootstrapCandidate noDial = new BootstrapCandidate(PeerInfoSigner.sign(crypto, TestPeers.nodeInfo(weak,
                List.of(Capability.RLAY, Capability.SGNL, Capability.ROUT), TestPeers.direct("udp|192.0.2.3:5150")), List.of(weak)),
                false, true, Optional.empty());
        KeyPair natted = crypto.best().generateKeyPair();
        BootstrapCandidate needsSignal = new BootstrapCandidate(PeerInfoSigner.sign(crypto, TestPeers.nodeInfo(natted, Capability.CONNECTIVITY,
                TestPeers.direct("tcp|192.0.2.4:5150"), new DialInfoDetail(DialInfo.parse("udp|192.0.2.4:5150"), DialInfoClass.PORT_RESTRICTED_NAT)),
                List.of(natted)), false, true, Optional.empty());
        assertThat(pick(List.of(good, alsoLocal, noDial, needsSignal), 2)).containsExactly(good);
        assertThat(BootstrapResponder.findBootstrapNodes(List.of(good), 2, BootstrapResponder.PROTOCOLS_WITHOUT_WSS,
                List.of(CryptoKind.VLD1))).as("a node without a key of the kind").isEmpty();
        assertThat(BootstrapResponder.findBootstrapNodes(List.of(good), 2, BootstrapResponder.PROTOCOLS_WITHOUT_WSS,
                List.of(CryptoKind.VLD0, CryptoKind.VLD0))).as("kinds united without repeats").hasSize(1);
    }

    @Test
    void bootKeepsANodeOnlyWhileItAddsToAProtocolAndFamilyBelowTheLimit() {
        BootstrapCandidate udp4a = candidate("udp|192.0.2.1:5150");
        BootstrapCandidate udp4b = candidate("udp|192.0.2.2:5150");
        BootstrapCandidate udp4c = candidate("udp|192.0.2.3:5150");
        BootstrapCandidate udp6 = candidate("udp|[2001:db8::4]:5150");
        BootstrapCandidate udp4tcp4 = candidate("udp|192.0.2.5:5150", "tcp|192.0.2.5:5150");
        assertThat(pick(List.of(udp4a, udp4b, udp4c, udp6, udp4tcp4), 2)).containsExactly(udp4a, udp4b, udp6, udp4tcp4);
        assertThat(pick(List.of(udp4a, udp4b, udp4c, udp6, udp4tcp4), 1)).containsExactly(udp4a, udp6, udp4tcp4);
        assertThat(BootstrapResponder.BOOT_NODES_PER_TYPE).isEqualTo(2);
    }

    @Test
    void bootSortsTheKeptNodesReliableFirstThenByLatency() {
        PeerInfo p1 = TestPeers.signed(crypto, crypto.best().generateKeyPair(), "udp|192.0.2.1:5150");
        PeerInfo p2 = TestPeers.signed(crypto, crypto.best().generateKeyPair(), "tcp|192.0.2.2:5150");
        PeerInfo p3 = TestPeers.signed(crypto, crypto.best().generateKeyPair(), "ws|192.0.2.3:5150/ws");
        PeerInfo p4 = TestPeers.signed(crypto, crypto.best().generateKeyPair(), "udp|[2001:db8::4]:5150");
        List<BootstrapCandidate> candidates = List.of(
                new BootstrapCandidate(p1, false, false, Optional.of(Duration.ofMillis(1))),
                new BootstrapCandidate(p2, false, true, Optional.empty()),
                new BootstrapCandidate(p3, false, true, Optional.of(Duration.ofMillis(30))),
                new BootstrapCandidate(p4, false, true, Optional.of(Duration.ofMillis(20))));
        assertThat(BootstrapResponder.findBootstrapNodes(candidates, 2, BootstrapResponder.PROTOCOLS_WITHOUT_WSS, List.of(CryptoKind.VLD0)))
                .containsExactly(p4, p3, p2, p1);
        assertThat(BootstrapResponder.bootV0Response(candidates, BootstrapResponder.PROTOCOLS_WITHOUT_WSS, List.of(CryptoKind.VLD0)))
                .isEqualTo(BootResponseCodec.encodeV0(List.of(p4, p3, p2, p1)));
    }

    private String record(KeyPair node) {
        return BootstrapRecord.forDialInfos(1, List.of("ENV0"), List.of(node.key()), List.of(DialInfo.parse("udp|192.0.2.1:5150")),
                Optional.of("node.test"), OptionalLong.of(1), List.of()).formatV1(crypto, signer);
    }

    private BootstrapResponder responder(List<String> bootstrap) {
        BootstrapMeters meters = new BootstrapMeters(new SimpleMeterRegistry());
        BootstrapRecords records = new BootstrapRecords(new DialInfoConverter(dns), crypto, List.of(signer.key()), Set.of(us.key()),
                Schedulers.immediate());
        return new BootstrapResponder(new BootstrapConfig(bootstrap, List.of(signer.key()), Duration.ofSeconds(5)),
                new TxtLookupCache(dns, meters, VirtualTimeScheduler.create()), records);
    }

    @Test
    void b01tAnswersWithOurRecordsAndThePeersWeKnowOfThem() {
        String ours = record(us);
        String a = record(nodeA);
        String b = record(nodeB);
        dns.txt("one.test", b, ours).txt("two.test", a, b);
        PeerInfo published = TestPeers.signed(crypto, us, "udp|192.0.2.1:5150");
        PeerInfo knownA = TestPeers.signed(crypto, nodeA, "udp|192.0.2.1:5150");
        Function<NodeId, Optional<PeerInfo>> known = id -> Optional.ofNullable(Map.of(nodeA.nodeId(), knownA).get(id));
        byte[] answer = responder(List.of("one.test", "udp://192.0.2.9:5150", "two.test")).bootV1Response(Optional.of(published), known)
                .block().orElseThrow();
        BootV1Response response = BootResponseCodec.decodeV1(answer);
        assertThat(response.records()).isEqualTo(List.copyOf(new java.util.TreeSet<>(List.of(ours, a, b))));
        assertThat(response.peers()).containsExactlyInAnyOrder(published, knownA);
        assertThat(dns.queries("udp://192.0.2.9:5150")).as("dial-info URLs are not TXT names").isZero();
    }

    @Test
    void b01tIsNotAnsweredWithoutBootstrapsOrWithRecordsThatDoNotParse() {
        assertThat(responder(List.of()).bootV1Response(Optional.empty(), id -> Optional.empty()).block()).isEmpty();
        dns.txt("v0.test", "node-1,node-2");
        assertThat(responder(List.of("v0.test")).bootV1Response(Optional.empty(), id -> Optional.empty()).block())
                .as("a v0 name list is no v1 record: Veilid gives up").isEmpty();
        assertThat(BootResponseCodec.decodeV1(responder(List.of("udp://192.0.2.9:5150"))
                .bootV1Response(Optional.empty(), id -> Optional.empty()).block().orElseThrow()))
                .as("only direct bootstraps: nothing to tell").isEqualTo(new BootV1Response(List.of(), List.of()));
    }

    @Test
    void theB01tPeersFollowTheParsedRecords() {
        ResolvedBootstrapRecord ours = new ResolvedBootstrapRecord(List.of(us.key()), List.of("ENV0"), List.of(), OptionalLong.empty(), List.of());
        ResolvedBootstrapRecord b = new ResolvedBootstrapRecord(List.of(nodeB.key()), List.of("ENV0"), List.of(), OptionalLong.empty(), List.of());
        ResolvedBootstrapRecord a = new ResolvedBootstrapRecord(List.of(nodeA.key()), List.of("ENV0"), List.of(), OptionalLong.empty(), List.of());
        ResolvedBootstrapRecord shortKey = new ResolvedBootstrapRecord(List.of(PublicKey.parse("VLD0:AAAA")), List.of("ENV0"), List.of(),
                OptionalLong.empty(), List.of());
        PeerInfo knownB = TestPeers.signed(crypto, nodeB);
        Function<NodeId, Optional<PeerInfo>> known = id -> id.equals(nodeB.nodeId()) ? Optional.of(knownB) : Optional.empty();
        BootV1Response response = BootstrapResponder.buildBootV1Response(List.of("r"), List.of(ours, b, a, shortKey), Set.of(us.key()),
                Optional.empty(), known);
        assertThat(response.records()).containsExactly("r");
        assertThat(response.peers()).as("ours is not published yet, A is unknown, a short key has no node id").containsExactly(knownB);
    }
}
