package io.veilflux.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import reactor.test.StepVerifier;

class DnsResolverTest {
    private static TXTRecord txt(String... masterFileStrings) throws Exception {
        return new TXTRecord(Name.fromString("x.test."), DClass.IN, 60, List.of(masterFileStrings));
    }

    @Test
    void aRecordsStringsAreJoinedWithoutSeparatorAndMustBeUtf8() throws Exception {
        assertThat(DnsResolver.joinedUtf8(txt("1|0|ab", "c|d"))).hasValue("1|0|abc|d");
        assertThat(DnsResolver.joinedUtf8(txt("caf\\195\\169"))).hasValue("caf\u00e9");
        assertThat(DnsResolver.joinedUtf8(txt("\\195", "\\169"))).as("a character split across strings").hasValue("\u00e9");
        assertThat(DnsResolver.joinedUtf8(txt("\\255\\254abc"))).isEmpty();
    }

    @Test
    void theConfigurationIsChecked() {
        assertThat(DnsConfig.system().servers()).isEmpty();
        assertThat(DnsConfig.system().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> DnsConfig.server(new InetSocketAddress("127.0.0.1", 53), Duration.ZERO))
                .hasMessageContaining("must be positive");
    }

    @Test
    void aNameThatIsNoDnsNameIsADnsError() {
        DnsResolver resolver = new DnsResolver(DnsConfig.server(new InetSocketAddress("127.0.0.1", 9), Duration.ofMillis(100)));
        StepVerifier.create(resolver.txtLookup("a..b"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(TxtLookupException.class,
                        t -> assertThat(t.reason()).isEqualTo(TxtLookupException.Reason.DNS_ERROR)))
                .verify(Duration.ofSeconds(5));
    }
}
