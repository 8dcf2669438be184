package io.veilflux.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.crypto.PublicKey;
import io.veilflux.net.Address;
import io.veilflux.net.DialInfo;
import io.veilflux.routing.DialInfoDetail;
import io.veilflux.routing.PeerInfo;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The TXT bootstrap against a real DNS server (dnsmasq, {@link Dnsmasq}): v0 and v1 records
 * resolve and parse to the right dial infos, the cache saves the second query, and every kind of
 * bad answer is one counted failure while the other names still give their peers.
 */
class DnsmasqBootstrapTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Crypto CRYPTO = Crypto.standard();
    private static final KeyPair SIGNER = CRYPTO.best().generateKeyPair();
    private static final KeyPair NODE_A = CRYPTO.best().generateKeyPair();
    private static final KeyPair NODE_B = CRYPTO.best().generateKeyPair();
    private static final KeyPair NODE_C = CRYPTO.best().generateKeyPair();
    private static String recordB;
    private static Dnsmasq dnsmasq;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BootstrapMeters meters = new BootstrapMeters(registry);
    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

    private static String v1(KeyPair node, String host) {
        return BootstrapRecord.forDialInfos(1, List.of("ENV0"), List.of(node.key()),
                List.of(DialInfo.parse("udp|192.0.2.1:5150"), DialInfo.parse("tcp|192.0.2.1:5150"), DialInfo.parse("ws|192.0.2.1:5150/ws")),
                Optional.of(host), OptionalLong.of(1746308366), List.of()).formatV1(CRYPTO, SIGNER);
    }

    @BeforeAll
    static void startDnsmasq() throws IOException {
        recordB = v1(NODE_B, "node-b.test");
        dnsmasq = Dnsmasq.start(Map.of(
                        "bootstrap-v1.test", List.of(List.of(v1(NODE_A, "node-a.test")),
                                // one record as two character-strings, joined verbatim
                                List.of(recordB.substring(0, 100), recordB.substring(100))),
                        "bootstrap.test", List.of(List.of("node-c,node-a-v0")),
                        "node-c.bootstrap.test", List.of(List.of("0|0|" + NODE_C.key().encode() + "|node-b.test|T5150,U5150")),
                        "node-a-v0.bootstrap.test", List.of(List.of("0|0|" + NODE_A.key().encode() + "|node-a.test|T5150")),
                        "garbage.test", List.of(List.of("1|this is|not a bootstrap record"))),
                Map.of("node-a.test", List.of("127.0.0.1", "::1"), "node-b.test", List.of("127.0.0.2")));
    }

    @AfterAll
    static void stopDnsmasq() throws IOException {
        if (dnsmasq != null) {
            dnsmasq.close();
        }
    }

    private DnsResolver resolver() {
        return new DnsResolver(DnsConfig.server(dnsmasq.address(), Duration.ofSeconds(2)));
    }

    private TxtBootstrap txtBootstrap(TxtResolver txt, List<PublicKey> keys) {
        BootstrapRecords records = new BootstrapRecords(new DialInfoConverter(resolver()), CRYPTO, keys, Set.of(), Schedulers.parallel());
        return new TxtBootstrap(new TxtLookupCache(txt, meters, clock), records, meters, clock);
    }

    private double failures(String reason) {
        var counter = registry.find(BootstrapMeters.TXT_FAILURES).tag(BootstrapMeters.REASON, reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static PeerInfo peerOf(List<PeerInfo> peers, KeyPair node) {
        return peers.stream().filter(p -> PeerInfos.publicKeys(p).contains(node.key())).findFirst().orElseThrow();
    }

    private static List<String> dialInfos(PeerInfo peer) {
        return peer.nodeInfo().dialInfoDetailList().stream().map(DialInfoDetail::dialInfo).map(Object::toString).toList();
    }

    @Test
    void v1RecordsResolveAndVerify() {
        assertThat(resolver().txtLookup("bootstrap-v1.test").block(WAIT)).as("the split record comes back whole").contains(recordB);
        List<PeerInfo> peers = txtBootstrap(resolver(), List.of(SIGNER.key())).txtBootstrap("bootstrap-v1.test").block(WAIT);
        assertThat(peers).hasSize(2);
        assertThat(dialInfos(peerOf(peers, NODE_A))).containsExactly("udp|[::1]:5150", "udp|127.0.0.1:5150", "tcp|[::1]:5150",
                "tcp|127.0.0.1:5150", "ws|::1|node-a.test:5150/ws", "ws|127.0.0.1|node-a.test:5150/ws");
        assertThat(dialInfos(peerOf(peers, NODE_B))).containsExactly("udp|127.0.0.2:5150", "tcp|127.0.0.2:5150",
                "ws|127.0.0.2|node-b.test:5150/ws");
        assertThat(peerOf(peers, NODE_B).nodeInfo().timestamp()).isEqualTo(1746308366_000000L);
        assertThat(registry.find(BootstrapMeters.TXT_FAILURES).counters()).isEmpty();
    }

    @Test
    void v0NamesResolveToTheirRecords() {
        List<PeerInfo> peers = txtBootstrap(resolver(), List.of()).txtBootstrap("bootstrap.test").block(WAIT);
        assertThat(peers).hasSize(2);
        assertThat(dialInfos(peerOf(peers, NODE_C))).containsExactly("udp|127.0.0.2:5150", "tcp|127.0.0.2:5150");
        assertThat(dialInfos(peerOf(peers, NODE_A))).containsExactly("tcp|[::1]:5150", "tcp|127.0.0.1:5150");
    }

    @Test
    void theCacheAnswersTheSecondLookupWithoutAQuery() throws IOException {
        DnsResolver real = resolver();
        AtomicInteger queries = new AtomicInteger();
        TxtResolver counting = name -> {
            queries.incrementAndGet();
            return real.txtLookup(name);
        };
        TxtLookupCache cache = new TxtLookupCache(counting, meters, clock);
        List<String> first = cache.resolveBootstrapTxtStrings("bootstrap-v1.test").block(WAIT);
        List<String> second = cache.resolveBootstrapTxtStrings("bootstrap-v1.test").block(WAIT);
        assertThat(second).hasSize(2).isEqualTo(first);
        assertThat(queries).hasValue(1);
        clock.advanceTimeBy(TxtLookupCache.TXT_LOOKUP_EXPIRATION);
        assertThat(cache.resolveBootstrapTxtStrings("bootstrap-v1.test").block(WAIT)).isEqualTo(first);
        assertThat(queries).as("asked again once expired").hasValue(2);
        assertThat(dnsmasq.log()).as("dnsmasq saw queries").contains("query[TXT]");
    }

    @Test
    void badAnswersAreCountedFailuresWhileOtherNamesStillSucceed() {
        TxtBootstrap txt = txtBootstrap(resolver(), List.of(SIGNER.key()));
        List<List<PeerInfo>> results = reactor.core.publisher.Flux.just("missing.test", "garbage.test", "node-a.test", "bootstrap-v1.test")
                .flatMapSequential(txt::txtBootstrap).collectList().block(WAIT);
        assertThat(results.get(0)).as("NXDOMAIN").isEmpty();
        assertThat(results.get(1)).as("garbage").isEmpty();
        assertThat(results.get(2)).as("a name without TXT records").isEmpty();
        assertThat(results.get(3)).hasSize(2);
        assertThat(failures("nxdomain")).isEqualTo(1);
        assertThat(failures(BootstrapMeters.MALFORMED)).isEqualTo(1);
        assertThat(failures("no_data")).isEqualTo(1);
        assertThat(registry.find(BootstrapMeters.TXT_FAILURES).counters()).hasSize(3);
    }

    @Test
    void aServerThatNeverAnswersIsACountedTimeout() throws IOException {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            DnsResolver deaf = new DnsResolver(DnsConfig.server(new InetSocketAddress("127.0.0.1", silent.getLocalPort()),
                    Duration.ofMillis(300)));
            assertThat(new TxtLookupCache(deaf, meters, clock).resolveBootstrapTxtStrings("bootstrap-v1.test").block(WAIT)).isEmpty();
        }
        assertThat(failures("timeout")).isEqualTo(1);
    }

    @Test
    void hostAddressesComeFromTheSameServer() {
        assertThat(resolver().addressLookup("node-a.test").block(WAIT)).containsExactly(Address.parse("::1"), Address.parse("127.0.0.1"));
        assertThat(resolver().addressLookup("missing.test").block(WAIT)).isEmpty();
        assertThat(new DialInfoConverter(resolver()).tryVecFromUrl("udp://node-b.test:5150").block(WAIT))
                .containsExactly(DialInfo.parse("udp|127.0.0.2:5150"));
    }

    @Test
    void lookupsNeverBlockTheSubscribingThread() {
        DnsResolver resolver = resolver();
        List<String> strings = Mono.defer(() -> resolver.txtLookup("bootstrap-v1.test"))
                .subscribeOn(Schedulers.parallel())
                .block(WAIT);
        assertThat(strings).hasSize(2);
        List<PeerInfo> peers = Mono.defer(() -> txtBootstrap(resolver, List.of(SIGNER.key())).txtBootstrap("bootstrap-v1.test"))
                .subscribeOn(Schedulers.parallel())
                .block(WAIT);
        assertThat(peers).hasSize(2);
    }
}
