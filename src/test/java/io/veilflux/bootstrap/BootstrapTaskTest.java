package io.veilflux.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.veilflux.crypto.Crypto;
import io.veilflux.crypto.KeyPair;
import io.veilflux.net.DialInfo;
import io.veilflux.routing.PeerInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

class BootstrapTaskTest {
    private final Crypto crypto = Crypto.standard();
    private final KeyPair nodeA = crypto.best().generateKeyPair();
    private final KeyPair nodeB = crypto.best().generateKeyPair();
    private final KeyPair us = crypto.best().generateKeyPair();
    private final FakeDns dns = new FakeDns().host("node.test", "192.0.2.50").host("direct.test", "192.0.2.61", "192.0.2.62");
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BootstrapMeters meters = new BootstrapMeters(registry);
    private final Map<DialInfo, byte[]> answers = new ConcurrentHashMap<>();

    private BootstrapTask task(List<String> bootstrap) {
        return task(bootstrap, dns);
    }

    private BootstrapTask task(List<String> bootstrap, AddressResolver addresses) {
        BootstrapConfig config = new BootstrapConfig(bootstrap, List.of(), BootstrapConfig.DEFAULT_RPC_TIMEOUT);
        DialInfoConverter converter = new DialInfoConverter(addresses);
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        BootstrapRecords records = new BootstrapRecords(converter, crypto, config.bootstrapKeys(), Set.of(us.key()), Schedulers.immediate());
        DirectBootstrap.Exchange exchange = (dialInfo, request, timeout) -> Optional.ofNullable(answers.get(dialInfo))
                .map(Mono::just).orElseGet(() -> Mono.error(new java.util.concurrent.TimeoutException("silent")));
        DirectBootstrap direct = new DirectBootstrap(exchange, records, crypto, meters, config.rpcTimeout(), Schedulers.immediate(), clock);
        TxtBootstrap txt = new TxtBootstrap(new TxtLookupCache(dns, meters, clock), records, meters, clock);
        return new BootstrapTask(config, converter, txt, direct, meters, Set.of(us.nodeId()));
    }

    private String v0(KeyPair node) {
        return BootstrapRecord.forDialInfos(0, List.of("ENV0"), List.of(node.key()), List.of(DialInfo.parse("udp|192.0.2.50:5150")),
                Optional.of("node.test"), OptionalLong.empty(), List.of()).formatV0();
    }

    private double failures(String meter, String reason) {
        var counter = registry.find(meter).tag(BootstrapMeters.REASON, reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void entriesAreDialInfoUrlsOrDnsNamesAsVeilidSplitsThem() {
        BootstrapConfig config = new BootstrapConfig(List.of("udp://1.2.3.4:5150", "tcp://h.example:5150", "ws://h.example/ws",
                "wss://h.example", "udp://h.example", "bootstrap.example", "http://h.example:80"), List.of(), Duration.ofSeconds(1));
        assertThat(config.directUrls()).containsExactly("udp://1.2.3.4:5150", "tcp://h.example:5150", "ws://h.example/ws", "wss://h.example");
        assertThat(config.txtNames()).as("no port for udp: a DNS name").containsExactly("udp://h.example", "bootstrap.example",
                "http://h.example:80");
        assertThat(BootstrapConfig.defaults().bootstrap()).containsExactly("bootstrap-v1.veilid.net");
        assertThat(BootstrapConfig.defaults().bootstrapKeys()).hasSize(3);
        assertThat(BootstrapConfig.defaults().version()).isEqualTo(BootstrapVersion.V1);
        assertThat(BootstrapConfig.defaults().rpcTimeout()).isEqualTo(Duration.ofMillis(5000));
        assertThatThrownBy(() -> new BootstrapConfig(List.of(), List.of(), Duration.ofMillis(999)))
                .hasMessageContaining("at least 1000 ms");
    }

    @Test
    void everySourceIsAskedAndEachNodeTakenOnceWithoutUs() {
        PeerInfo a = TestPeers.signed(crypto, nodeA, "udp|192.0.2.61:5150");
        PeerInfo ourself = TestPeers.signed(crypto, us, "udp|192.0.2.62:5150");
        answers.put(DialInfo.parse("udp|192.0.2.61:5150"), BootResponseCodec.encodeV0(List.of(a)));
        answers.put(DialInfo.parse("udp|192.0.2.62:5150"), BootResponseCodec.encodeV0(List.of(ourself, a)));
        dns.txt("bootstrap.test", "n1,n2,n3").txt("n1.bootstrap.test", v0(nodeA)).txt("n2.bootstrap.test", v0(nodeB))
                .txt("n3.bootstrap.test", v0(us));
        List<PeerInfo> peers = task(List.of("udp://direct.test:5150", "bootstrap.test")).collectPeers().block();
        assertThat(peers).hasSize(2);
        assertThat(peers.get(0)).as("the first arrival of A: the direct answer").isEqualTo(a);
        assertThat(PeerInfos.publicKeys(peers.get(1))).containsExactly(nodeB.key());
    }

    @Test
    void failingSourcesCostOnlyTheirOwnPeers() {
        answers.put(DialInfo.parse("udp|192.0.2.61:5150"), "not json".getBytes(StandardCharsets.UTF_8));
        dns.txt("good.test", "n1").txt("n1.good.test", v0(nodeA)).txt("junk.test", "1|x|y");
        List<PeerInfo> peers = task(List.of("udp://192.0.2.61:5150", "udp://192.0.2.70:5150", "tcp://nowhere.test:5150",
                "missing.test", "junk.test", "good.test", "udp://no-port.test")).collectPeers().block(Duration.ofSeconds(10));
        assertThat(peers).singleElement().satisfies(p -> assertThat(PeerInfos.publicKeys(p)).containsExactly(nodeA.key()));
        assertThat(failures(BootstrapMeters.DIRECT_FAILURES, "bad_json")).isEqualTo(1);
        assertThat(failures(BootstrapMeters.DIRECT_FAILURES, BootstrapMeters.NO_ANSWER)).isEqualTo(1);
        assertThat(failures(BootstrapMeters.DIRECT_FAILURES, BootstrapMeters.UNRESOLVED_URL)).isEqualTo(1);
        assertThat(failures(BootstrapMeters.TXT_FAILURES, "nxdomain")).as("missing.test and udp://no-port.test").isEqualTo(2);
        assertThat(failures(BootstrapMeters.TXT_FAILURES, BootstrapMeters.MALFORMED)).isEqualTo(1);
    }

    @Test
    void withoutBootstrapsThereIsNothingToDo() {
        assertThat(task(List.of()).collectPeers().block()).isEmpty();
    }

    @Test
    void aBugInOneSourceStopsOnlyThatSource() {
        dns.txt("good.test", "n1").txt("n1.good.test", v0(nodeA)).txt("buggy.test", "n2").txt("n2.buggy.test",
                "0|0|" + nodeB.key().encode() + "|buggy-host.test|T5150");
        AddressResolver buggy = host -> host.equals("buggy-host.test")
                ? Mono.just(java.util.Arrays.asList((io.veilflux.net.Address) null))
                : dns.addressLookup(host);
        List<PeerInfo> peers = task(List.of("buggy.test", "good.test"), buggy).collectPeers().block(Duration.ofSeconds(10));
        assertThat(peers).singleElement().satisfies(p -> assertThat(PeerInfos.publicKeys(p)).containsExactly(nodeA.key()));
    }
}
