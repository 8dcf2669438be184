package io.veilflux.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.crypto.Bytes;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.PublicKey;
import io.veilflux.net.DialInfo;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.routing.PeerInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

class DirectBootstrapTest {
    private static final DialInfo BOOTSTRAP = DialInfo.parse("udp|192.0.2.100:5150");

    private final Crypto crypto = Crypto.standard();
    private final KeyPair signer = crypto.best().generateKeyPair();
    private final KeyPair nodeA = crypto.best().generateKeyPair();
    private final KeyPair nodeB = crypto.best().generateKeyPair();
    private final KeyPair us = crypto.best().generateKeyPair();
    private final FakeDns dns = new FakeDns().host("node-a.test", "192.0.2.1").host("node-b.test", "192.0.2.2");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<byte[]> requests = new ArrayList<>();
    private final List<Duration> timeouts = new ArrayList<>();

    private DirectBootstrap direct(List<PublicKey> keys, Mono<byte[]> answer) {
        BootstrapRecords records = new BootstrapRecords(new DialInfoConverter(dns), crypto, keys, Set.of(us.key()), Schedulers.immediate());
        DirectBootstrap.Exchange exchange = (dialInfo, request, timeout) -> {
            assertThat(dialInfo).isEqualTo(BOOTSTRAP);
            requests.add(request);
            timeouts.add(timeout);
            return answer;
        };
        return new DirectBootstrap(exchange, records, crypto, new BootstrapMeters(registry), Duration.ofSeconds(5),
                Schedulers.parallel(), Schedulers.immediate());
    }

    private double failures(String reason) {
        var counter = registry.find(BootstrapMeters.DIRECT_FAILURES).tag(BootstrapMeters.REASON, reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private String v1Record(KeyPair node, String host) {
        return BootstrapRecord.forDialInfos(1, List.of("ENV0"), List.of(node.key()), List.of(DialInfo.parse("udp|192.0.2.250:5150")),
                Optional.of(host), OptionalLong.of(1746308366), List.of()).formatV1(crypto, signer);
    }

    @Test
    void bootAnswersArePeerInfosWhoseSignaturesHoldUp() {
        PeerInfo a = TestPeers.signed(crypto, nodeA, "udp|192.0.2.1:5150");
        PeerInfo unsigned = new PeerInfo(a.nodeInfoMessage(), a.nodeInfo(), List.of());
        PeerInfo b = TestPeers.signed(crypto, nodeB, "udp|192.0.2.2:5150");
        PeerInfo forged = new PeerInfo(b.nodeInfoMessage(), b.nodeInfo(), TestPeers.signed(crypto, nodeA).signatures());
        PeerInfo garbage = new PeerInfo(Bytes.of(new byte[] {1, 2, 3}), b.nodeInfo(), b.signatures());
        byte[] answer = BootResponseCodec.encodeV0(List.of(a, forged, unsigned, garbage));
        List<PeerInfo> peers = direct(List.of(), Mono.just(answer)).directBootstrap(BOOTSTRAP).block();
        assertThat(requests).singleElement().satisfies(r -> assertThat(new String(r, StandardCharsets.US_ASCII)).isEqualTo("BOOT"));
        assertThat(timeouts).containsExactly(Duration.ofSeconds(5));
        assertThat(peers).containsExactly(a, unsigned);
        assertThat(failures(BootstrapMeters.INVALID_PEER)).isEqualTo(2);
    }

    @Test
    void theNodeInfoUsedIsTheSignedOneNotTheJsonOne() {
        PeerInfo a = TestPeers.signed(crypto, nodeA, "udp|192.0.2.1:5150");
        PeerInfo lying = new PeerInfo(a.nodeInfoMessage(), TestPeers.nodeInfo(nodeA, List.of(), TestPeers.direct("udp|203.0.113.66:5150")),
                a.signatures());
        List<PeerInfo> peers = direct(List.of(), Mono.just(BootResponseCodec.encodeV0(List.of(lying)))).directBootstrap(BOOTSTRAP).block();
        assertThat(peers).singleElement().satisfies(p -> assertThat(p.nodeInfo().dialInfoDetailList())
                .extracting(DialInfoDetail::dialInfo).containsExactly(DialInfo.parse("udp|192.0.2.1:5150")));
    }

    @Test
    void b01tAnswersPairEachRecordWithItsPeerOrBuildOne() {
        PeerInfo a = TestPeers.signed(crypto, nodeA, "udp|192.0.2.1:5150");
        BootV1Response response = new BootV1Response(
                List.of(v1Record(nodeA, "node-a.test"), v1Record(nodeB, "node-b.test"), v1Record(us, "node-a.test")), List.of(a));
        List<PeerInfo> peers = direct(List.of(signer.key()), Mono.just(BootResponseCodec.encodeV1(response)))
                .directBootstrap(BOOTSTRAP).block();
        assertThat(new String(requests.get(0), StandardCharsets.US_ASCII)).isEqualTo("B01T");
        assertThat(peers).hasSize(2);
        assertThat(peers).filteredOn(p -> PeerInfos.publicKeys(p).contains(nodeA.key())).containsExactly(a);
        assertThat(peers).filteredOn(p -> PeerInfos.publicKeys(p).contains(nodeB.key())).singleElement().satisfies(b -> {
            assertThat(b.signatures()).isEmpty();
            assertThat(b.nodeInfo().timestamp()).isEqualTo(1746308366_000000L);
            assertThat(b.nodeInfo().dialInfoDetailList()).extracting(DialInfoDetail::dialInfo)
                    .containsExactly(DialInfo.parse("udp|192.0.2.2:5150"));
        });
    }

    @Test
    void b01tRecordsThatDoNotVerifyAreBadRecords() {
        KeyPair stranger = crypto.best().generateKeyPair();
        BootV1Response response = new BootV1Response(List.of(v1Record(nodeA, "node-a.test")), List.of());
        StepVerifier.create(direct(List.of(stranger.key()), Mono.just(BootResponseCodec.encodeV1(response))).directBootstrap(BOOTSTRAP))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(BootstrapResponseException.class,
                        r -> assertThat(r.reason()).isEqualTo(BootstrapResponseException.Reason.BAD_RECORDS)))
                .verify(Duration.ofSeconds(5));
        assertThat(failures("bad_records")).isEqualTo(1);
    }

    @Test
    void noAnswerIsNoPeersNotAnError() {
        assertThat(direct(List.of(), Mono.error(new TimeoutException("no reply"))).directBootstrap(BOOTSTRAP).block()).isEmpty();
        assertThat(failures(BootstrapMeters.NO_ANSWER)).isEqualTo(1);
    }

    @Test
    void anAnswerThatIsNotUtf8OrJsonIsAnErrorCountedByReason() {
        StepVerifier.create(direct(List.of(), Mono.just(new byte[] {(byte) 0xC3})).directBootstrap(BOOTSTRAP))
                .expectError(BootstrapResponseException.class).verify(Duration.ofSeconds(5));
        StepVerifier.create(direct(List.of(signer.key()), Mono.just("[]".getBytes(StandardCharsets.UTF_8))).directBootstrap(BOOTSTRAP))
                .expectError(BootstrapResponseException.class).verify(Duration.ofSeconds(5));
        assertThat(failures("bad_utf8")).isEqualTo(1);
        assertThat(failures("bad_json")).isEqualTo(1);
    }
}
