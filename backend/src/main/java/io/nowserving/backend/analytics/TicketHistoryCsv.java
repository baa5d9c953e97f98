package io.nowserving.backend.analytics;

import java.io.IOException;
import java.io.Writer;

/**
 * RFC 4180 rows (CRLF, quotes doubled, a field quoted when it holds a comma, quote or line break), guarded
 * against formula injection: a cell starting with {@code = + - @}, a tab or a carriage return is prefixed with
 * an apostrophe, so a spreadsheet shows it as text instead of running it.
 */
final class TicketHistoryCsv {
    private TicketHistoryCsv() {
    }

    static void row(Writer out, String... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells[i]));
        }
        out.write("\r\n");
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
