package org.mcx.backend.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.testing.RawClient.code;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.RawClient;
import org.mcx.backend.testing.TestStores;

class IdentityTest {
    @TempDir
    Path dir;
    BackendFixture backend;

    @BeforeEach
    void start() throws Exception {
        backend = BackendFixture.start(dir);
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    private RawClient acmc() throws Exception {
        return new RawClient(backend.base(), "/acmc");
    }

    private static String message(JsonNode reply) {
        return reply.path("body").path("message").asText();
    }

    private void saveUser(RawClient admin, String id, String roles, String password) throws Exception {
        JsonNode r = admin.call("users.save", "{\"mcServiceId\":\"" + id + "\",\"displayName\":\"" + id + "\",\"roles\":" + roles
                + ",\"externalAccessAllowed\":true,\"allowedServices\":[\"GM\"],\"password\":\"" + password + "\"}");
        assertThat(r.path("type").asText()).isEqualTo("users.save");
    }

    @Test
    void loginReturnsASessionThatResumesOnAnotherConnection() throws Exception {
        String token;
        try (RawClient c = acmc()) {
            JsonNode session = c.login("admin", BackendFixture.ADMIN_PASSWORD).path("body");
            assertThat(session.path("user").path("roles").toString()).contains("ADMIN");
            token = session.path("sessionToken").asText();
            assertThat(token).hasSizeGreaterThanOrEqualTo(43);
        }
        try (RawClient c = acmc()) {
            JsonNode resumed = c.call("auth.resume", "{\"sessionToken\":\"" + token + "\"}");
            assertThat(resumed.path("body").path("user").path("mcServiceId").asText()).isEqualTo("admin");
            assertThat(code(c.call("users.list", "{}"))).isEmpty();
        }
        try (RawClient c = acmc()) {
            assertThat(code(c.call("auth.resume", "{\"sessionToken\":\"forged-token\"}"))).isEqualTo("UNAUTHENTICATED");
        }
    }

    @Test
    void unknownUsersAndWrongPasswordsGetTheSameAnswer() throws Exception {
        try (RawClient c = acmc()) {
            JsonNode wrong = c.login("admin", "wrong-password");
            JsonNode unknown = c.login("nobody", "wrong-password");
            assertThat(code(wrong)).isEqualTo("UNAUTHENTICATED");
            assertThat(message(wrong)).isEqualTo(message(unknown));
        }
    }

    @Test
    void fiveFailuresLockTheNameWhetherOrNotItExists() throws Exception {
        try (RawClient admin = acmc()) {
            admin.login("admin", BackendFixture.ADMIN_PASSWORD);
            saveUser(admin, "olga", "[\"OPERATOR\"]", "olga-password");
        }
        for (int i = 0; i < 5; i++) {
            // A connection a few attempts: more, quicker than a person types, would be RATE_LIMITED.
            try (RawClient c = acmc()) {
                assertThat(message(c.login("olga", "bad-password"))).isEqualTo(ConsoleAuth.BAD_CREDENTIALS);
                c.login("ghost", "bad-password");
            }
        }
        try (RawClient c = acmc()) {
            JsonNode locked = c.login("olga", "olga-password");
            assertThat(code(locked)).isEqualTo("UNAUTHENTICATED");
            assertThat(message(locked)).contains("locked").contains("min");
            assertThat(message(c.login("ghost", "bad-password"))).contains("locked");
        }
        try (RawClient admin = acmc()) {
            admin.login("admin", BackendFixture.ADMIN_PASSWORD);
            assertThat(admin.call("users.list", "{}").path("body").toString()).contains("lockedUntil");
            JsonNode audit = admin.call("audit.list", "{\"limit\":100}").path("body").path("entries");
            assertThat(audit.toString()).contains("bad credentials").doesNotContain("bad-password");
            // Saving the user is how an administrator unlocks it.
            saveUser(admin, "olga", "[\"OPERATOR\"]", "olga-password-2");
        }
        try (RawClient c = acmc()) {
            assertThat(code(c.login("olga", "olga-password-2"))).isEmpty();
        }
    }

    @Test
    void passwordsAreNeverReturnedNorStoredInClear() throws Exception {
        try (RawClient admin = acmc()) {
            admin.login("admin", BackendFixture.ADMIN_PASSWORD);
            saveUser(admin, "pia", "[\"VIEWER\"]", "pia-secret-pass");
            String listed = admin.call("users.list", "{}").toString();
            assertThat(listed).contains("pia").doesNotContain("pia-secret-pass").doesNotContain("pbkdf2");
        }
        backend.stop();
        assertThat(storedData()).doesNotContain("pia-secret-pass").contains("pbkdf2-sha256$1000$");
    }

    /** Everything the store holds: H2's file byte for byte; on PostgreSQL every row of every table. */
    private String storedData() throws Exception {
        if (!TestStores.onPostgres()) {
            return new String(java.nio.file.Files.readAllBytes(dir.resolve("mcx.mv.db")), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        StringBuilder all = new StringBuilder();
        var pg = TestStores.postgresFor(dir);
        try (var c = java.sql.DriverManager.getConnection(pg.url(), pg.user(), ""); var s = c.createStatement();
             var tables = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            List<String> names = new java.util.ArrayList<>();
            while (tables.next()) {
                names.add(tables.getString("TABLE_NAME"));
            }
            for (String table : names) {
                try (var rows = s.executeQuery("SELECT * FROM " + table)) {
                    while (rows.next()) {
                        for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                            all.append(rows.getString(i)).append('|');
                        }
                    }
                }
            }
        }
        return all.toString();
    }

    @Test
    void theLastAdministratorKeepsTheAdminRole() throws Exception {
        try (RawClient admin = acmc()) {
            admin.login("admin", BackendFixture.ADMIN_PASSWORD);
            JsonNode r = admin.call("users.save", "{\"mcServiceId\":\"admin\",\"displayName\":\"A\",\"roles\":[\"VIEWER\"],"
                    + "\"externalAccessAllowed\":false,\"allowedServices\":[]}");
            assertThat(code(r)).isEqualTo("CONFLICT");
        }
    }

    @Test
    void aNewUserNeedsAPassword() throws Exception {
        try (RawClient admin = acmc()) {
            admin.login("admin", BackendFixture.ADMIN_PASSWORD);
            JsonNode r = admin.call("users.save", "{\"mcServiceId\":\"nopass\",\"displayName\":\"N\",\"roles\":[],"
                    + "\"externalAccessAllowed\":false,\"allowedServices\":[]}");
            assertThat(code(r)).isEqualTo("BAD_REQUEST");
            assertThat(r.path("body").path("field").asText()).isEqualTo("body.password");
        }
    }

    @Test
    void nodesAuthenticateWithTheirSecretOnTheirOwnPathOnly() throws Exception {
        String secret;
        try (RawClient admin = acmc()) {
            admin.login("admin", BackendFixture.ADMIN_PASSWORD);
            secret = admin.call("nodes.create", "{\"nodeId\":\"gm-1\",\"kind\":\"service\"}").path("body").path("secret").asText();
            assertThat(code(admin.call("nodes.create", "{\"nodeId\":\"gm-1\",\"kind\":\"service\"}"))).isEqualTo("CONFLICT");
            assertThat(admin.call("nodes.list", "{}").toString()).doesNotContain(secret);
        }
        String login = "{\"nodeId\":\"gm-1\",\"secret\":\"" + secret + "\"}";
        try (RawClient node = new RawClient(backend.base(), "/registration")) {
            assertThat(node.call("auth.node", login).path("body").path("nodeId").asText()).isEqualTo("gm-1");
        }
        try (RawClient node = new RawClient(backend.base(), "/csc15")) {
            assertThat(code(node.call("auth.node", login))).isEqualTo("UNAUTHENTICATED");
        }
        try (RawClient node = new RawClient(backend.base(), "/registration")) {
            assertThat(code(node.call("auth.node", "{\"nodeId\":\"gm-1\",\"secret\":\"wrong\"}"))).isEqualTo("UNAUTHENTICATED");
        }
    }

    @Test
    void theAdminPasswordFlagOnlyActsOnAnEmptyDatabase() throws Exception {
        backend.stop();
        backend = BackendFixture.start(dir, "primary", c -> c.withAdminPassword("another-password"));
        try (RawClient c = acmc()) {
            assertThat(code(c.login("admin", "another-password"))).isEqualTo("UNAUTHENTICATED");
            assertThat(code(c.login("admin", BackendFixture.ADMIN_PASSWORD))).isEmpty();
        }
    }

    @Test
    void deletingAUserEndsTheirSessionsAndLogOns() throws Exception {
        try (RawClient admin = acmc()) {
            admin.login("admin", BackendFixture.ADMIN_PASSWORD);
            saveUser(admin, "dora", "[\"VIEWER\"]", "dora-password");
            try (RawClient dora = acmc()) {
                dora.login("dora", "dora-password");
                assertThat(code(admin.call("users.delete", "{\"mcServiceId\":\"dora\"}"))).isEmpty();
                assertThat(dora.awaitClose()).isEqualTo(4403);
            }
            assertThat(code(admin.call("users.delete", "{\"mcServiceId\":\"dora\"}"))).isEqualTo("NOT_FOUND");
            assertThat(code(admin.call("users.delete", "{\"mcServiceId\":\"admin\"}"))).isEqualTo("CONFLICT");
            assertThat(admin.call("users.list", "{}").toString()).doesNotContain("dora");
        }
        try (RawClient c = acmc()) {
            assertThat(code(c.login("dora", "dora-password"))).isEqualTo("UNAUTHENTICATED");
        }
    }

    @Test
    void deletingANodeClosesItAndRefusesItsSecret() throws Exception {
        try (RawClient admin = acmc()) {
            admin.login("admin", BackendFixture.ADMIN_PASSWORD);
            String secret = admin.call("nodes.create", "{\"nodeId\":\"sas-1\",\"kind\":\"sas\"}").at("/body/secret").asText();
            String login = "{\"nodeId\":\"sas-1\",\"secret\":\"" + secret + "\"}";
            try (RawClient node = new RawClient(backend.base(), "/csc15")) {
                node.call("auth.node", login);
                assertThat(admin.call("nodes.list", "{}").at("/body/nodes/0/connected").asBoolean()).isTrue();
                assertThat(code(admin.call("nodes.delete", "{\"nodeId\":\"sas-1\"}"))).isEmpty();
                assertThat(node.awaitClose()).isEqualTo(4403);
            }
            try (RawClient node = new RawClient(backend.base(), "/csc15")) {
                assertThat(code(node.call("auth.node", login))).isEqualTo("UNAUTHENTICATED");
            }
            assertThat(code(admin.call("partners.delete", "{\"systemId\":\"nobody\"}"))).isEqualTo("NOT_FOUND");
        }
    }
}
