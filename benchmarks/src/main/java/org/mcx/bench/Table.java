package org.mcx.bench;

import java.util.ArrayList;
import java.util.List;

/** A markdown table, built row by row. */
final class Table {
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = headers.clone();
    }

    Table row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("expected " + headers.length + " cells, got " + cells.length);
        }
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = String.valueOf(cells[i]).replace("|", "\\|");
        }
        rows.add(row);
        return this;
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        line(sb, headers);
        sb.append('|');
        for (int i = 0; i < headers.length; i++) {
            sb.append("---|");
        }
        sb.append('\n');
        rows.forEach(r -> line(sb, r));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c).append(" |");
        }
        sb.append('\n');
    }
}
