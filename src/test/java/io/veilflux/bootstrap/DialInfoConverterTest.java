package io.veilflux.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.veilflux.net.Address;
import io.veilflux.net.DialInfo;
import io.veilflux.routing.DialInfoDetail;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class DialInfoConverterTest {
    private final FakeDns dns = new FakeDns().host("h.test", "2001:db8::1", "192.0.2.1");
    private final DialInfoConverter converter = new DialInfoConverter(dns);

    private List<String> fromUrl(String url) {
        return converter.tryVecFromUrl(url).block().stream().map(DialInfo::toString).toList();
    }

    @Test
    void aUrlBecomesOneDialInfoPerAddressOfItsHost() {
        assertThat(fromUrl("udp://h.test:5150")).containsExactly("udp|[2001:db8::1]:5150", "udp|192.0.2.1:5150");
        assertThat(fromUrl("tcp://192.0.2.9:5150")).containsExactly("tcp|192.0.2.9:5150");
        assertThat(fromUrl("ws://h.test/ws")).as("ws defaults to port 80 and keeps the host name")
                .containsExactly("ws|2001:db8::1|h.test/ws", "ws|192.0.2.1|h.test/ws");
        assertThat(fromUrl("wss://h.test")).containsExactly("wss|2001:db8::1|h.test", "wss|192.0.2.1|h.test");
        assertThat(converter.tryVecFromUrl("wss://h.test").block().get(1).socketAddress().port()).isEqualTo(443);
        assertThat(fromUrl("ws://[2001:db8::2]:8080/x")).containsExactly("ws|[2001:db8::2]:8080/x");
    }

    @Test
    void whatIsNotADialInfoUrlOrHasNoAddressFails() {
        for (String url : List.of("udp://h.test", "tcp://h.test", "http://h.test:80", "bootstrap.test", "udp://unknown.test:5150")) {
            StepVerifier.create(converter.tryVecFromUrl(url)).as(url)
                    .expectError(IllegalArgumentException.class).verify(Duration.ofSeconds(5));
        }
        assertThat(DialInfoConverter.isDialInfoUrl("udp://h.test")).isFalse();
        assertThat(DialInfoConverter.isDialInfoUrl("ws://h.test")).isTrue();
    }

    @Test
    void shortDialInfosAreCompletedWithTheRecordHost() {
        List<ShortDialInfo> shorts = List.of(ShortDialInfo.parse("U5150"), ShortDialInfo.parse("W5150/ws"), ShortDialInfo.parse("S443"));
        List<DialInfoDetail> details = DialInfoConverter.fromShorts("h.test", shorts,
                host -> Map.of("h.test", List.of(Address.parse("192.0.2.1"))).getOrDefault(host, List.of()));
        assertThat(details).extracting(d -> d.dialInfo().toString())
                .containsExactly("udp|192.0.2.1:5150", "ws|192.0.2.1|h.test:5150/ws", "wss|192.0.2.1|h.test:443");
        assertThat(DialInfoConverter.fromShorts("other.test", shorts, host -> List.of())).isEmpty();
        assertThat(DialInfoConverter.fromShorts("192.0.2.7", List.of(ShortDialInfo.parse("T1")), host -> {
            throw new AssertionError("an IP literal is not looked up");
        })).extracting(d -> d.dialInfo().toString()).containsExactly("tcp|192.0.2.7:1");
    }

    @Test
    void hostsAreResolvedTogetherAndFailuresAreEmpty() {
        AddressResolver flaky = host -> host.equals("bad.test")
                ? reactor.core.publisher.Mono.error(new IllegalStateException("down"))
                : dns.addressLookup(host);
        Map<String, List<Address>> hosts = new DialInfoConverter(flaky).resolveHosts(List.of("h.test", "bad.test")).block();
        assertThat(hosts).containsEntry("bad.test", List.of()).containsKey("h.test");
        assertThat(hosts.get("h.test")).hasSize(2);
    }
}
