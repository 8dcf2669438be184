package io.veilflux.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.PublicKey;
import io.veilflux.net.DialInfo;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.routing.PeerInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

class TxtBootstrapTest {
    private final Crypto crypto = Crypto.standard();
    private final KeyPair signer = crypto.best().generateKeyPair();
    private final KeyPair nodeA = crypto.best().generateKeyPair();
    private final KeyPair nodeB = crypto.best().generateKeyPair();
    private final KeyPair us = crypto.best().generateKeyPair();
    private final FakeDns dns = new FakeDns().host("node-a.test", "192.0.2.1", "2001:db8::1").host("node-b.test", "192.0.2.2");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BootstrapMeters meters = new BootstrapMeters(registry);
    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

    private TxtBootstrap bootstrap(List<PublicKey> bootstrapKeys) {
        clock.advanceTimeTo(java.time.Instant.ofEpochSecond(1_700_000_000));
        BootstrapRecords records = new BootstrapRecords(new DialInfoConverter(dns), crypto, bootstrapKeys, Set.of(us.key()),
                Schedulers.immediate());
        return new TxtBootstrap(new TxtLookupCache(dns, meters, clock), records, meters, clock);
    }

    private String v1(KeyPair node, String host, long seconds) {
        return BootstrapRecord.forDialInfos(1, List.of("ENV0"), List.of(node.key()), List.of(DialInfo.parse("udp|192.0.2.250:5150"),
                DialInfo.parse("ws|192.0.2.250:5150/ws")), Optional.of(host), OptionalLong.of(seconds), List.of()).formatV1(crypto, signer);
    }

    private String v0(KeyPair node, String host) {
        return "0|0|" + node.key().encode() + "|" + host + "|T5150";
    }

    private double failures(String reason) {
        var counter = registry.find(BootstrapMeters.TXT_FAILURES).tag(BootstrapMeters.REASON, reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<String> dialInfos(PeerInfo peer) {
        return peer.nodeInfo().dialInfoDetailList().stream().map(DialInfoDetail::dialInfo).map(Object::toString).toList();
    }

    @Test
    void v1RecordsAtTheRootNameBecomeUnsignedPeers() {
        dns.txt("bootstrap-v1.test", v1(nodeA, "node-a.test", 1746308366), v1(nodeB, "node-b.test", 1746308000));
        List<PeerInfo> peers = bootstrap(List.of(signer.key())).txtBootstrap("bootstrap-v1.test").block();
        assertThat(peers).hasSize(2);
        PeerInfo a = peers.stream().filter(p -> PeerInfos.publicKeys(p).contains(nodeA.key())).findFirst().orElseThrow();
        assertThat(dialInfos(a)).containsExactly("udp|[2001:db8::1]:5150", "udp|192.0.2.1:5150",
                "ws|2001:db8::1|node-a.test:5150/ws", "ws|192.0.2.1|node-a.test:5150/ws");
        assertThat(a.nodeInfo().timestamp()).isEqualTo(1746308366_000000L);
        assertThat(a.signatures()).isEmpty();
    }

    @Test
    void v0RootNamesListTheRecordNames() {
        dns.txt("bootstrap.test", "node-a, node-b.elsewhere.test.")
                .txt("node-a.bootstrap.test", v0(nodeA, "node-a.test"))
                .txt("node-b.elsewhere.test.", v0(nodeB, "node-b.test"));
        List<PeerInfo> peers = bootstrap(List.of()).txtBootstrap("bootstrap.test").block();
        assertThat(peers).extracting(TxtBootstrapTest::dialInfos).containsExactlyInAnyOrder(
                List.of("tcp|[2001:db8::1]:5150", "tcp|192.0.2.1:5150"), List.of("tcp|192.0.2.2:5150"));
        assertThat(peers).allSatisfy(p -> assertThat(p.nodeInfo().timestamp()).as("no timestamp in v0: now")
                .isEqualTo(1_700_000_000_000000L));
    }

    @Test
    void aV0RecordNameThatFailsCostsOnlyItsOwnPeer() {
        dns.txt("bootstrap.test", "node-a,gone")
                .txt("node-a.bootstrap.test", v0(nodeA, "node-a.test"));
        List<PeerInfo> peers = bootstrap(List.of()).txtBootstrap("bootstrap.test").block();
        assertThat(peers).hasSize(1);
        assertThat(failures("nxdomain")).isEqualTo(1);
        assertThat(dns.queries("gone.bootstrap.test")).isEqualTo(1);
    }

    @Test
    void withBootstrapKeysV0IsNotTaken() {
        dns.txt("bootstrap.test", "node-a").txt("node-a.bootstrap.test", v0(nodeA, "node-a.test"));
        assertThat(bootstrap(List.of(signer.key())).txtBootstrap("bootstrap.test").block()).isEmpty();
        assertThat(failures(BootstrapMeters.NO_USABLE_RECORD)).isEqualTo(1);
        assertThat(dns.queries("node-a.bootstrap.test")).isZero();
    }

    @Test
    void stringsOfNoKnownVersionAreNoUsableRecord() {
        dns.txt("junk.test", "v=spf1 -all|x", "7|future");
        assertThat(bootstrap(List.of()).txtBootstrap("junk.test").block()).isEmpty();
        assertThat(failures(BootstrapMeters.NO_USABLE_RECORD)).isEqualTo(1);
    }

    @Test
    void oneRecordThatDoesNotVerifyDropsTheWholeNameAsInVeilid() {
        KeyPair stranger = crypto.best().generateKeyPair();
        String forged = BootstrapRecord.forDialInfos(1, List.of("ENV0"), List.of(nodeB.key()), List.of(DialInfo.parse("udp|192.0.2.9:5150")),
                Optional.empty(), OptionalLong.of(1), List.of()).formatV1(crypto, stranger);
        dns.txt("bootstrap-v1.test", v1(nodeA, "node-a.test", 1), forged);
        assertThat(bootstrap(List.of(signer.key())).txtBootstrap("bootstrap-v1.test").block()).isEmpty();
        assertThat(failures(BootstrapMeters.MALFORMED)).isEqualTo(1);
        assertThat(bootstrap(List.of(signer.key(), stranger.key())).txtBootstrap("bootstrap-v1.test").block())
                .as("both verify once both keys are configured").hasSize(2);
    }

    @Test
    void aV0NameListBesideV1RecordsSpoilsTheV1Parse() {
        dns.txt("mixed.test", "node-a", v1(nodeA, "node-a.test", 1));
        assertThat(bootstrap(List.of()).txtBootstrap("mixed.test").block()).isEmpty();
        assertThat(failures(BootstrapMeters.MALFORMED)).isEqualTo(1);
    }

    @Test
    void ourOwnRecordIsLeftOut() {
        dns.txt("bootstrap-v1.test", v1(us, "node-a.test", 1), v1(nodeB, "node-b.test", 1));
        List<PeerInfo> peers = bootstrap(List.of(signer.key())).txtBootstrap("bootstrap-v1.test").block();
        assertThat(peers).singleElement().satisfies(p -> assertThat(PeerInfos.publicKeys(p)).containsExactly(nodeB.key()));
    }

    @Test
    void aRecordWhoseHostHasNoAddressIsSkipped() {
        dns.txt("bootstrap-v1.test", v1(nodeA, "unknown.test", 1), v1(nodeB, "node-b.test", 1));
        assertThat(bootstrap(List.of(signer.key())).txtBootstrap("bootstrap-v1.test").block()).hasSize(1);
        assertThat(failures(BootstrapMeters.MALFORMED)).isZero();
    }

    @Test
    void aLookupFailureIsEmptyAndCountedOnce() {
        dns.failing("bootstrap-v1.test", TxtLookupException.Reason.SERVFAIL);
        assertThat(bootstrap(List.of(signer.key())).txtBootstrap("bootstrap-v1.test").block(Duration.ofSeconds(5))).isEmpty();
        assertThat(registry.find(BootstrapMeters.TXT_FAILURES).counters()).singleElement()
                .satisfies(c -> assertThat(c.getId().getTag(BootstrapMeters.REASON)).isEqualTo("servfail"));
    }

    @Test
    void theVersionHeuristicTakesTheHighestUsableVersion() {
        assertThat(TxtBootstrap.highestVersion(List.of("a,b", "1|x", "9|y"), 0)).hasValue(1);
        assertThat(TxtBootstrap.highestVersion(List.of("a,b", "x|1"), 0)).hasValue(0);
        assertThat(TxtBootstrap.highestVersion(List.of("a,b"), 1)).isEmpty();
        assertThat(TxtBootstrap.highestVersion(List.of(), 0)).isEmpty();
    }
}
