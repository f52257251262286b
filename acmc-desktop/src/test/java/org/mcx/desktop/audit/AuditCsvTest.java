package org.mcx.desktop.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mcx.protocol.message.Console;

/** CSV export: quoting, doubled quotes, and no formula injection into a spreadsheet. */
class AuditCsvTest {
    @Test
    void valuesAreQuotedWhereNeededAndFormulasNeutralised() throws Exception {
        var detail = new ObjectMapper().createObjectNode().put("reason", "FORBIDDEN: \"users.save\", needs ADMIN");
        List<Console.AuditEntry> entries = List.of(
                new Console.AuditEntry(57, Instant.parse("2026-11-22T10:02:11Z"), "vera", "users.save", "/acmc", "denied", detail),
                new Console.AuditEntry(58, Instant.parse("2026-11-22T10:02:40Z"), "=cmd()", "profiles.save", "ap-3k9", "ok", null));
        StringWriter out = new StringWriter();
        AuditCsv.write(entries, out);
        assertThat(out.toString().split("\r\n")).containsExactly(
                "seq,at,actor,action,target,outcome,detail",
                "57,2026-11-22T10:02:11Z,vera,users.save,/acmc,denied,\"{\"\"reason\"\":\"\"FORBIDDEN: \\\"\"users.save\\\"\", needs ADMIN\"\"}\"",
                "58,2026-11-22T10:02:40Z,'=cmd(),profiles.save,ap-3k9,ok,");
    }
}
