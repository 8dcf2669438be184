package io.veilflux.node;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Objects;

/**
 * What the status page at {@code /} of the {@link MetricsServer} shows: a title and ordered
 * sections, each a list of labelled values or a small table. Values are plain text; the server
 * escapes them. The same value is served as JSON at {@code /status.json}.
 */
public record StatusPage(String title, List<Section> sections) {

    public StatusPage {
        Objects.requireNonNull(title, "title");
        sections = List.copyOf(Objects.requireNonNull(sections, "sections"));
    }

    public static StatusPage of(String title, Section... sections) {
        return new StatusPage(title, List.of(sections));
    }

    /** One headed part of the page; {@code kind} tells the variants apart in JSON. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Fields.class, name = "fields"),
        @JsonSubTypes.Type(value = Table.class, name = "table")
    })
    public sealed interface Section permits Fields, Table {
        String heading();
    }

    /** One labelled value, such as {@code node id} and its key. */
    public record Field(String label, String value) {
        public Field {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, () -> "field '" + label + "' has no value (use \"-\" or \"\" for none)");
        }

        /** A field whose value is {@code String.valueOf(value)}. */
        public static Field of(String label, Object value) {
            return new Field(label, String.valueOf(value));
        }
    }

    /** Labelled values in the order given. */
    public record Fields(String heading, List<Field> fields) implements Section {
        public Fields {
            Objects.requireNonNull(heading, "heading");
            fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
        }

        public static Fields of(String heading, Field... fields) {
            return new Fields(heading, List.of(fields));
        }
    }

    /** A small table: named columns and rows of exactly that many cells, in the order given. */
    public record Table(String heading, List<String> columns, List<List<String>> rows) implements Section {
        public Table {
            Objects.requireNonNull(heading, "heading");
            columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
            rows = Objects.requireNonNull(rows, "rows").stream().map(List::copyOf).toList();
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).size() != columns.size()) {
                    throw new IllegalArgumentException("row " + i + " of table '" + heading + "' has "
                            + rows.get(i).size() + " cells but the table has " + columns.size() + " columns");
                }
            }
        }
    }
}
