package org.mcx.desktop.audit;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.mcx.protocol.message.Console;

/** Audit entries as CSV (RFC 4180: quoted when needed, doubled quotes), for export. */
public final class AuditCsv {
    private AuditCsv() {
    }

    public static void write(List<Console.AuditEntry> entries, Writer out) throws IOException {
        out.write("seq,at,actor,action,target,outcome,detail\r\n");
        for (Console.AuditEntry e : entries) {
            out.write(String.join(",", String.valueOf(e.seq()), quote(String.valueOf(e.at())), quote(e.actor()),
                    quote(e.action()), quote(e.target()), quote(e.outcome()),
                    quote(e.detail() == null ? "" : e.detail().toString())));
            out.write("\r\n");
        }
    }

    static String quote(String value) {
        if (value == null) {
            return "";
        }
        // A leading =, +, - or @ would be run as a formula by a spreadsheet: neutralise it.
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
