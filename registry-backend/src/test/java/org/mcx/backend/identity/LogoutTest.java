package org.mcx.backend.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.testing.RawClient.code;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.MainAccess;
import org.mcx.backend.store.Sql;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.RawClient;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.LinkState;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import picocli.CommandLine;

/** {@code auth.logout}: the token is revoked at once, everywhere it is in use. */
class LogoutTest {
    @TempDir
    Path dataDir;
    private BackendFixture backend;

    @BeforeEach
    void start() throws Exception {
        backend = BackendFixture.start(dataDir);
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    private long sessions() {
        return backend.backend().context().db().read(c -> Sql.queryLong(c, "SELECT COUNT(*) FROM sessions")).join();
    }

    @Test
    void theTokenResumesNowhereAndEveryConnectionUsingItIsClosed() throws Exception {
        try (RawClient first = new RawClient(backend.base(), "/acmc");
             RawClient second = new RawClient(backend.base(), "/acmc");
             RawClient otherSession = new RawClient(backend.base(), "/acmc")) {
            String token = first.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD)
                    .path("body").path("sessionToken").asText();
            assertThat(code(second.call("auth.resume", "{\"sessionToken\":\"" + token + "\"}"))).isEmpty();
            assertThat(code(otherSession.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD))).isEmpty();

            JsonNode out = first.call("auth.logout", "{}");
            assertThat(out.path("type").asText()).isEqualTo("auth.logout");
            assertThat(code(out)).isEmpty();
            assertThat(first.awaitClose()).isEqualTo(1000);
            assertThat(second.awaitClose()).as("the same session on another connection").isEqualTo(4403);
            assertThat(code(otherSession.call("users.list", "{}"))).as("another session of the same user").isEmpty();

            try (RawClient later = new RawClient(backend.base(), "/acmc")) {
                assertThat(code(later.call("auth.resume", "{\"sessionToken\":\"" + token + "\"}")))
                        .isEqualTo("UNAUTHENTICATED");
            }
            JsonNode audit = otherSession.call("audit.list", "{\"limit\":20}").path("body").path("entries");
            assertThat(audit.toString()).contains("auth.logout").doesNotContain(token);
        }
    }

    @Test
    void onlyAConsoleSessionCanLogOut() throws Exception {
        try (RawClient anonymous = new RawClient(backend.base(), "/acmc");
             RawClient application = new RawClient(backend.base(), "/csc14")) {
            assertThat(code(anonymous.call("auth.logout", "{}"))).isEqualTo("UNAUTHENTICATED");
            assertThat(code(application.call("auth.logout", "{}"))).isEqualTo("UNAUTHENTICATED");
        }
    }

    @Test
    void theClientLibraryLogsOutAndCloses() throws Exception {
        ProtocolClient console = ProtocolClient.builder(backend.base(), Endpoint.ACMC)
                .authenticator(Authenticator.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD))
                .reconnect(ReconnectPolicy.disabled())
                .build();
        console.connect().get(10, TimeUnit.SECONDS);
        assertThat(sessions()).isEqualTo(1);
        console.logout().get(10, TimeUnit.SECONDS);
        assertThat(sessions()).isZero();
        assertThat(console.state()).isEqualTo(LinkState.CLOSED);
    }

    @Test
    void checkLoginLeavesNoSessionBehind() throws Exception {
        Path passwordFile = Files.writeString(dataDir.resolve("password"), BackendFixture.ADMIN_PASSWORD);
        String[] args = {"check-login", "--url", backend.base().toString(), "--password-file", passwordFile.toString()};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter out = new PrintWriter(bytes, true);
        CommandLine cl = MainAccess.commandLine(args, Map.of());
        cl.setOut(out).setErr(out);
        assertThat(cl.execute(args)).as(bytes.toString()).isZero();
        assertThat(bytes.toString()).contains("logged in to").contains("logged out");
        assertThat(sessions()).isZero();
    }
}
