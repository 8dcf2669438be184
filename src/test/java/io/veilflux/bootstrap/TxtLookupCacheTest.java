package io.veilflux.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

class TxtLookupCacheTest {
    private final FakeDns dns = new FakeDns().txt("bootstrap.test", "1|a", "1|b");
    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TxtLookupCache cache = new TxtLookupCache(dns, new BootstrapMeters(registry), clock);

    private double failures(String reason) {
        var counter = registry.find(BootstrapMeters.TXT_FAILURES).tag(BootstrapMeters.REASON, reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void anAnswerIsReusedForFiveMinutesFromItsLookup() {
        assertThat(TxtLookupCache.TXT_LOOKUP_CACHE_SIZE).isEqualTo(256);
        assertThat(TxtLookupCache.TXT_LOOKUP_EXPIRATION).isEqualTo(Duration.ofSeconds(300));
        assertThat(cache.resolveBootstrapTxtStrings("bootstrap.test").block()).containsExactly("1|a", "1|b");
        clock.advanceTimeBy(Duration.ofSeconds(299));
        assertThat(cache.resolveBootstrapTxtStrings("bootstrap.test").block()).containsExactly("1|a", "1|b");
        assertThat(dns.queries("bootstrap.test")).isEqualTo(1);
        clock.advanceTimeBy(Duration.ofSeconds(1));
        dns.txt("bootstrap.test", "1|c");
        assertThat(cache.resolveBootstrapTxtStrings("bootstrap.test").block()).as("expired at exactly 300 s").containsExactly("1|c");
        assertThat(dns.queries("bootstrap.test")).isEqualTo(2);
    }

    @Test
    void namesAreKeyedExactly() {
        cache.resolveBootstrapTxtStrings("bootstrap.test").block();
        dns.txt("bootstrap.test.", "1|dot");
        assertThat(cache.resolveBootstrapTxtStrings("bootstrap.test.").block()).containsExactly("1|dot");
    }

    @Test
    void aFailedLookupIsAnEmptyListCountedByReasonAndNotKept() {
        dns.failing("down.test", TxtLookupException.Reason.TIMEOUT);
        assertThat(cache.resolveBootstrapTxtStrings("down.test").block()).isEmpty();
        assertThat(cache.resolveBootstrapTxtStrings("missing.test").block()).isEmpty();
        assertThat(failures("timeout")).isEqualTo(1);
        assertThat(failures("nxdomain")).isEqualTo(1);
        dns.failing.clear();
        dns.txt("down.test", "1|up");
        assertThat(cache.resolveBootstrapTxtStrings("down.test").block()).containsExactly("1|up");
    }

    @Test
    void anEmptyAnswerIsNotKept() {
        dns.txt("empty.test");
        cache.resolveBootstrapTxtStrings("empty.test").block();
        cache.resolveBootstrapTxtStrings("empty.test").block();
        assertThat(dns.queries("empty.test")).isEqualTo(2);
    }

    @Test
    void aResolverThatThrowsIsAFailureToo() {
        TxtLookupCache broken = new TxtLookupCache(name -> {
            throw new IllegalStateException("broken resolver");
        }, new BootstrapMeters(registry), clock);
        assertThat(broken.resolveBootstrapTxtStrings("x.test").block()).isEmpty();
        assertThat(failures("dns_error")).isEqualTo(1);
    }

    @Test
    void theCacheHoldsAtMost256Names() {
        List<String> names = IntStream.range(0, 400).mapToObj(i -> "n" + i + ".test").toList();
        names.forEach(n -> dns.txt(n, "1|" + n));
        names.forEach(n -> cache.resolveBootstrapTxtStrings(n).block());
        names.forEach(n -> cache.resolveBootstrapTxtStrings(n).block());
        int queries = names.stream().mapToInt(dns::queries).sum();
        assertThat(queries).as("at least 400 - 256 names were evicted and asked again").isGreaterThanOrEqualTo(400 + 144);
    }
}
