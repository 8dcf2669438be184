package io.veilflux.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusPageTest {

    @Test
    void aTableRowMustHaveACellPerColumn() {
        assertThatThrownBy(() -> new StatusPage.Table("Connections", List.of("flow", "age"),
                List.of(List.of("a", "1"), List.of("b"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row 1 of table 'Connections' has 1 cells but the table has 2 columns");
    }

    @Test
    void aFieldNeedsAValue() {
        assertThatThrownBy(() -> new StatusPage.Field("relay", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("field 'relay' has no value");
        assertThat(StatusPage.Field.of("relays", 2).value()).isEqualTo("2");
    }

    @Test
    void thePageIsImmutable() {
        List<StatusPage.Field> fields = new ArrayList<>(List.of(StatusPage.Field.of("a", 1)));
        StatusPage.Fields section = new StatusPage.Fields("Node", fields);
        fields.clear();
        assertThat(section.fields()).hasSize(1);
    }

    @Test
    void escapingCoversTextAndAttributes() {
        assertThat(StatusPageHtml.escape("<a href=\"x\" title='y'>&amp;</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
        assertThat(StatusPageHtml.escape("VLD0:abc|udp 1.2.3.4:5150")).isEqualTo("VLD0:abc|udp 1.2.3.4:5150");
    }

    @Test
    void sectionsAppearInTheOrderGiven() {
        String html = StatusPageHtml.render(StatusPage.of("t",
                StatusPage.Fields.of("Relay"),
                new StatusPage.Table("Routing table", List.of("bucket"), List.of()),
                StatusPage.Fields.of("Connections")), Duration.ofSeconds(5));
        assertThat(html.indexOf("<h2>Relay</h2>")).isPositive()
                .isLessThan(html.indexOf("<h2>Routing table</h2>"));
        assertThat(html.indexOf("<h2>Routing table</h2>")).isLessThan(html.indexOf("<h2>Connections</h2>"));
    }
}
