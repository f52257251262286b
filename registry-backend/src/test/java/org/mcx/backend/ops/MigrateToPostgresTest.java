package org.mcx.backend.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.applications.Harness;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.PostgresConfig;
import org.mcx.backend.store.StoreConfig;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.RawClient;
import org.mcx.backend.testing.TestPostgres;
import org.mcx.protocol.Role;
import org.mcx.protocol.model.ServiceType;
import picocli.CommandLine;

/**
 * A system that ran on H2 moves to PostgreSQL with one command and serves the same users,
 * applications, profiles, partners, audit and events there; the command refuses a database that
 * holds anything, and leaves it empty when it refuses.
 */
class MigrateToPostgresTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final List<String> LISTS = List.of("users.list", "applications.list", "profiles.list", "partners.list",
            "nodes.list");

    @TempDir
    Path dir;

    @Test
    void anH2SystemsDataIsServedTheSameFromPostgres() throws Exception {
        Path dataDir = dir.resolve("data");
        Map<String, JsonNode> before;
        List<String> eventsBefore;
        List<String> auditBefore;
        try (Harness h2 = Harness.start(dataDir, c -> c.withStore(new StoreConfig(dataDir, Database.Durability.PROCESS_CRASH)))) {
            h2.saveUser("alice", true, List.of(ServiceType.MCPTT));
            h2.saveUser("vera", false, List.of(), Role.ADMIN);
            var app = h2.createApplication("Dispatch board", false);
            h2.saveProfile(Harness.newProfile(app.applicationId(), Harness.MCPTT), 0);
            try (RawClient admin = admin(h2.fixture())) {
                admin.call("partners.save", "{\"systemId\":\"mcx-b\",\"name\":\"B\",\"endpoint\":\"ws://127.0.0.1:9/acms\","
                        + "\"secret\":\"partner-secret-1\",\"autoApprove\":{\"enabled\":true,\"maxUsers\":10}}");
                before = lists(admin);
                eventsBefore = events(admin);
                auditBefore = audit(admin);
            }
        }
        assertThat(eventsBefore).hasSizeGreaterThanOrEqualTo(4);
        assertThat(before.get("partners.list").toString()).contains("mcx-b");
        assertThat(before.get("profiles.list").toString()).contains("MCPTT");
        assertThat(before.get("users.list").toString()).contains("alice", "vera");

        PostgresConfig pg = TestPostgres.newDatabase();
        Path passwordFile = Files.writeString(dir.resolve("db-password"), "not-needed-by-trust-auth\n");
        Result first = run("--data-dir", dataDir.toString(), "--database", pg.url(), "--database-user", pg.user(),
                "--database-password-file", passwordFile.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("users ", "events ", "audit_log ", "copied ", "start the backend with database = " + pg.url())
                .doesNotContain("not-needed-by-trust-auth");

        try (BackendFixture onPostgres = BackendFixture.start(dataDir, "primary", c -> c.withDatabase(pg).withAdminPassword(null));
             RawClient admin = admin(onPostgres)) {
            Map<String, JsonNode> after = lists(admin);
            assertThat(after).isEqualTo(before);
            assertThat(audit(admin)).containsAll(auditBefore).hasSizeGreaterThan(auditBefore.size()); // plus this log-in
            List<String> eventsAfter = events(admin);
            assertThat(eventsAfter.subList(0, eventsBefore.size())).isEqualTo(eventsBefore);
            // And it goes on from there: the next change gets the next sequence number.
            admin.call("users.save", "{\"mcServiceId\":\"after\",\"displayName\":\"after\",\"roles\":[],"
                    + "\"externalAccessAllowed\":true,\"allowedServices\":[],\"password\":\"password-after\"}");
            assertThat(admin.call("users.list", "{}").path("body").toString()).contains("\"after\"");
        }

        Result again = run("--data-dir", dataDir.toString(), "--database", pg.url(), "--database-user", pg.user());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("is not empty").contains("the data is copied into an empty database only");
    }

    @Test
    void refusesADataDirectoryWithoutADatabaseAndAUrlWithAPassword() throws Exception {
        PostgresConfig pg = TestPostgres.newDatabase();
        Result none = run("--data-dir", dir.resolve("nothing").toString(), "--database", pg.url());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("there is no database in");

        Result inline = run("--data-dir", dir.toString(), "--database", pg.url() + "?user=postgres&password=secret");
        assertThat(inline.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(inline.err()).contains("--database: put the user in database-user").doesNotContain("secret");
    }

    private static RawClient admin(BackendFixture fixture) throws Exception {
        RawClient c = new RawClient(fixture.base(), "/acmc");
        c.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD);
        return c;
    }

    private static Map<String, JsonNode> lists(RawClient admin) throws Exception {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String list : LISTS) {
            out.put(list, admin.call(list, "{}").path("body"));
        }
        return out;
    }

    private static List<String> audit(RawClient admin) throws Exception {
        List<String> entries = new ArrayList<>();
        admin.call("audit.list", "{\"limit\":1000}").path("body").path("entries").forEach(e -> entries.add(e.toString()));
        return entries;
    }

    private static List<String> events(RawClient admin) throws Exception {
        JsonNode subscribed = admin.call("events.subscribe", "{\"topics\":[\"\"],\"sinceSeq\":0}");
        long last = subscribed.path("body").path("lastSeq").asLong();
        List<String> seen = new ArrayList<>();
        // Numbers up to lastSeq, less the internal.* events nodes exchange (never sent to consoles):
        // the replay is over when nothing more comes.
        for (String frame = admin.poll(2000); frame != null; frame = admin.poll(1000)) {
            JsonNode e = JSON.readTree(frame).path("body");
            assertThat(e.path("seq").asLong()).isLessThanOrEqualTo(last);
            seen.add(e.path("seq").asLong() + " " + e.path("topic").asText() + " " + e.path("data"));
        }
        assertThat(seen).isNotEmpty();
        return seen;
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "migrate-to-postgres";
        System.arraycopy(args, 0, full, 1, args.length);
        CommandLine cl = org.mcx.backend.MainAccess.commandLine(full, Map.of());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.getSubcommands().get("migrate-to-postgres").setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        int exit = cl.execute(full);
        return new Result(exit, out.toString(), err.toString());
    }
}
