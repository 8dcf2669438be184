package io.veilflux.node;

import java.time.Duration;
import java.util.List;

/**
 * Renders a {@link StatusPage} as a self-contained HTML page that reloads itself with a meta
 * refresh, so it needs no script. Every text from the page is escaped: values come from peers
 * (addresses, dial infos) and must never become markup.
 */
final class StatusPageHtml {
    private static final String STYLE = "body{font-family:sans-serif;margin:1.5em}"
            + "table{border-collapse:collapse;margin-bottom:1.5em}"
            + "th,td{border:1px solid #ccc;padding:.2em .6em;text-align:left;font-family:monospace}"
            + "th{background:#f3f3f3}";

    private StatusPageHtml() {
    }

    static String render(StatusPage page, Duration refreshInterval) {
        StringBuilder html = new StringBuilder(4096)
                .append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"").append(refreshInterval.toSeconds()).append("\">")
                .append("<title>").append(escape(page.title())).append("</title>")
                .append("<style>").append(STYLE).append("</style></head>\n<body>")
                .append("<h1>").append(escape(page.title())).append("</h1>\n");
        for (StatusPage.Section section : page.sections()) {
            html.append("<h2>").append(escape(section.heading())).append("</h2>\n<table>");
            if (section instanceof StatusPage.Fields fields) {
                fields.fields().forEach(field -> html.append("<tr><th>").append(escape(field.label()))
                        .append("</th><td>").append(escape(field.value())).append("</td></tr>"));
            } else if (section instanceof StatusPage.Table table) {
                appendRow(html, "th", table.columns());
                table.rows().forEach(row -> appendRow(html, "td", row));
            }
            html.append("</table>\n");
        }
        return html.append("<p>Reloads every ").append(refreshInterval.toSeconds())
                .append(" s. <a href=\"/metrics\">metrics</a> &middot; <a href=\"/status.json\">status.json</a></p>")
                .append("</body></html>\n")
                .toString();
    }

    private static void appendRow(StringBuilder html, String cellTag, List<String> cells) {
        html.append("<tr>");
        cells.forEach(cell -> html.append('<').append(cellTag).append('>').append(escape(cell))
                .append("</").append(cellTag).append('>'));
        html.append("</tr>");
    }

    /** Escapes text for element content and quoted attribute values alike. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
