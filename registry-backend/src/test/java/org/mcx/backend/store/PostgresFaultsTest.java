package org.mcx.backend.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.testing.RawClient.code;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.RawClient;
import org.mcx.backend.testing.TestPostgres;
import org.mcx.backend.testing.TestStores;

/**
 * PostgreSQL failing under a running backend, for real: its connections killed by the server
 * (admin_shutdown, as on a PostgreSQL restart) and the database turned read-only. Clients get
 * UNAVAILABLE in words, never INTERNAL; reads go on where they can; the backend comes back by
 * itself, and nothing acknowledged is lost.
 */
@EnabledIfSystemProperty(named = TestStores.PROPERTY, matches = "postgres")
class PostgresFaultsTest {
    @TempDir
    Path dir;
    private final AtomicInteger users = new AtomicInteger();

    @Test
    void connectionsKilledByTheServerAreUnavailableThenServedAgainWithNothingLost() throws Exception {
        try (BackendFixture backend = BackendFixture.start(dir); RawClient admin = admin(backend)) {
            assertThat(code(saveUser(admin, "before"))).isEmpty();
            killConnections();

            JsonNode refused = saveUser(admin, "during");
            assertThat(code(refused)).isEqualTo("UNAVAILABLE");
            assertThat(refused.path("body").path("message").asText()).contains("storage unavailable");

            awaitWritable(admin);
            assertThat(admin.call("users.list", "{}").path("body").toString()).contains("\"before\"").doesNotContain("\"during\"");
        }
    }

    @Test
    void aReadOnlyDatabaseRefusesChangesAsUnavailableWhileReadsGoOn() throws Exception {
        try (BackendFixture backend = BackendFixture.start(dir); RawClient admin = admin(backend)) {
            assertThat(code(saveUser(admin, "before"))).isEmpty();
            sql("ALTER DATABASE " + database() + " SET default_transaction_read_only = on");
            killConnections();

            JsonNode refused = null;
            for (int i = 0; i < 100; i++) { // the first answer may still be the lost connection's
                refused = saveUser(admin, "during" + i);
                if (refused.path("body").path("message").asText().contains("read-only")) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(code(refused)).isEqualTo("UNAVAILABLE");
            assertThat(refused.path("body").path("message").asText()).contains("storage read-only");
            JsonNode list = admin.call("users.list", "{}");
            assertThat(code(list)).as("reads go on").isEmpty();
            assertThat(list.path("body").toString()).contains("\"before\"");

            sql("ALTER DATABASE " + database() + " RESET default_transaction_read_only");
            killConnections();
            awaitWritable(admin);
        }
    }

    private void awaitWritable(RawClient admin) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonNode r = saveUser(admin, "after" + users.incrementAndGet());
            if (code(r).isEmpty()) {
                return;
            }
            assertThat(code(r)).isEqualTo("UNAVAILABLE");
            Thread.sleep(100);
        }
        throw new AssertionError("writes did not come back within 10 s");
    }

    private static RawClient admin(BackendFixture backend) throws Exception {
        RawClient c = new RawClient(backend.base(), "/acmc");
        c.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD);
        return c;
    }

    private static JsonNode saveUser(RawClient c, String id) throws Exception {
        return c.call("users.save", "{\"mcServiceId\":\"" + id + "\",\"displayName\":\"" + id + "\",\"roles\":[],"
                + "\"externalAccessAllowed\":true,\"allowedServices\":[],\"password\":\"password-" + id + "\"}");
    }

    private String database() {
        String url = TestStores.postgresFor(dir).url();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private void killConnections() throws Exception {
        sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database() + "'");
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = TestPostgres.server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
