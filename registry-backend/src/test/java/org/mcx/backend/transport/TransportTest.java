package org.mcx.backend.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.testing.RawClient.code;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.RawClient;

/** The envelope contract of PROTOCOL.md, over a real WebSocket, frame by frame. */
class TransportTest {
    @TempDir
    Path dir;
    BackendFixture backend;

    @BeforeEach
    void start() throws Exception {
        backend = BackendFixture.start(dir, "primary", c -> c.withAuthTimeout(Duration.ofSeconds(2)));
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    private RawClient acmc() throws Exception {
        return new RawClient(backend.base(), "/acmc");
    }

    @Test
    void malformedJsonIsAnsweredWithNullReAndTheConnectionSurvives() throws Exception {
        try (RawClient c = acmc()) {
            c.sendText("{\"v\":1,\"id\":\"x\",");
            JsonNode reply = c.next();
            assertThat(reply.get("type").asText()).isEqualTo("error");
            assertThat(reply.has("re")).isTrue();
            assertThat(reply.get("re").isNull()).isTrue();
            assertThat(code(reply)).isEqualTo("BAD_REQUEST");
            assertThat(c.login("admin", BackendFixture.ADMIN_PASSWORD).path("body").has("sessionToken")).isTrue();
        }
    }

    @Test
    void anythingButAuthenticationBeforeLoginIsUnauthenticated() throws Exception {
        try (RawClient c = acmc()) {
            assertThat(code(c.call("services.list", "{}"))).isEqualTo("UNAUTHENTICATED");
            assertThat(code(c.call("no.such.type", "{}"))).isEqualTo("UNAUTHENTICATED");
            c.login("admin", BackendFixture.ADMIN_PASSWORD);
            assertThat(code(c.call("no.such.type", "{}"))).isEqualTo("UNKNOWN_TYPE");
        }
    }

    @Test
    void theWrongVersionIsNamed() throws Exception {
        try (RawClient c = acmc()) {
            c.sendText("{\"v\":7,\"id\":\"q\",\"type\":\"auth.login\",\"body\":{}}");
            JsonNode reply = c.awaitReply("q");
            assertThat(code(reply)).isEqualTo("UNSUPPORTED_VERSION");
        }
    }

    @Test
    void bodyRulesAreCheckedOnlyAfterTypeAndRole() throws Exception {
        try (RawClient c = acmc()) {
            c.login("admin", BackendFixture.ADMIN_PASSWORD);
            JsonNode bad = c.call("users.save", "{\"mcServiceId\":\"bob\",\"displayName\":\"\\u202Eevil\","
                    + "\"roles\":[],\"externalAccessAllowed\":true,\"allowedServices\":[]}");
            assertThat(code(bad)).isEqualTo("BAD_REQUEST");
            assertThat(bad.path("body").path("field").asText()).isEqualTo("body.displayName");
            c.call("users.save", "{\"mcServiceId\":\"vera\",\"displayName\":\"Vera\",\"roles\":[\"VIEWER\"],"
                    + "\"externalAccessAllowed\":false,\"allowedServices\":[],\"password\":\"vera-password\"}");
        }
        try (RawClient viewer = acmc()) {
            viewer.login("vera", "vera-password");
            // A VIEWER learns nothing about the body rules of a message it may not send.
            assertThat(code(viewer.call("users.save", "{}"))).isEqualTo("FORBIDDEN");
            assertThat(code(viewer.call("services.list", "{}"))).isNotEqualTo("FORBIDDEN");
        }
        try (RawClient admin = acmc()) {
            admin.login("admin", BackendFixture.ADMIN_PASSWORD);
            JsonNode audit = admin.call("audit.list", "{}");
            assertThat(audit.path("body").path("entries").toString()).contains("vera").contains("users.save").contains("denied");
        }
    }

    @Test
    void messagesOnTheWrongPathAreForbidden() throws Exception {
        try (RawClient c = new RawClient(backend.base(), "/csc14")) {
            assertThat(code(c.login("admin", BackendFixture.ADMIN_PASSWORD))).isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void aPeerThatNeverAuthenticatesIsClosedWith4401() throws Exception {
        try (RawClient c = acmc()) {
            assertThat(c.awaitClose()).isEqualTo(4401);
        }
    }

    @Test
    void overTheLimitIsTooLargeAndFarOverItClosesWith1009() throws Exception {
        try (RawClient c = acmc()) {
            c.login("admin", BackendFixture.ADMIN_PASSWORD);
            String big = "x".repeat(1_200_000);
            JsonNode tooLarge = c.call("users.list", "{\"pad\":\"" + big + "\"}");
            assertThat(code(tooLarge)).isEqualTo("TOO_LARGE");
            c.sendText("{\"v\":1,\"id\":\"huge\",\"type\":\"services.list\",\"body\":{\"pad\":\"" + "y".repeat(5_000_000) + "\"}}");
            // The server closes with 1009; when it drops the socket while we are still writing the
            // rest of those 5 MB, the reset can reach us before its close frame does (1006).
            assertThat(c.awaitClose()).isIn(1009, 1006);
        }
        try (RawClient after = acmc()) {
            assertThat(code(after.login("admin", BackendFixture.ADMIN_PASSWORD))).isEmpty();
        }
    }

    @Test
    void deeplyNestedJsonIsABadRequest() throws Exception {
        try (RawClient c = acmc()) {
            c.login("admin", BackendFixture.ADMIN_PASSWORD);
            String deep = "[".repeat(5000) + "]".repeat(5000);
            c.sendText("{\"v\":1,\"id\":\"d\",\"type\":\"services.list\",\"body\":{\"a\":" + deep + "}}");
            JsonNode reply = c.next();
            assertThat(code(reply)).isEqualTo("BAD_REQUEST");
            assertThat(reply.path("re").asText()).as("the id was readable, so the refusal answers it").isEqualTo("d");
            c.sendText("{\"v\":1,\"type\":\"services.list\",\"body\":{\"a\":" + deep + "},\"id\":\"after\"}");
            assertThat(c.next().path("re").asText()).isEqualTo("after");
            assertThat(code(c.call("users.list", "{}"))).isEmpty();
        }
    }

    @Test
    void anIdThatWouldComeBackAlteredIsTreatedAsUnreadable() throws Exception {
        try (RawClient c = acmc()) {
            c.login("admin", BackendFixture.ADMIN_PASSWORD);
            c.sendText("{\"v\":1,\"id\":\"x\\ud800\",\"type\":\"services.list\",\"body\":{}}");
            JsonNode reply = c.next();
            assertThat(code(reply)).isEqualTo("BAD_REQUEST");
            assertThat(reply.get("re").isNull()).isTrue();
            assertThat(reply.path("body").path("field").asText()).isEqualTo("id");
            c.sendText("{\"v\":1,\"id\":\"\\ud83d\\ude00\",\"type\":\"services.list\",\"body\":{}}");
            assertThat(c.next().path("re").asText()).as("a surrogate pair travels back unchanged").isEqualTo("\ud83d\ude00");
        }
    }

    @Test
    void aDuplicateIdWhileTheFirstIsUnansweredIsAConflict() throws Exception {
        backend.close();
        // Slow password hashing keeps the first request busy while the second arrives.
        backend = BackendFixture.start(dir.resolve("slow"), "primary",
                c -> c.withIdentity(c.identity().withIterations(400_000)));
        try (RawClient c = acmc()) {
            c.login("admin", BackendFixture.ADMIN_PASSWORD);
            String save = "{\"v\":1,\"id\":\"dup\",\"type\":\"users.save\",\"body\":{\"mcServiceId\":\"u1\","
                    + "\"displayName\":\"U\",\"roles\":[],\"externalAccessAllowed\":false,\"allowedServices\":[],"
                    + "\"password\":\"a-long-password\"}}";
            c.sendText(save + "\n");
            c.sendText(save);
            JsonNode first = c.next();
            JsonNode second = c.next();
            assertThat(java.util.List.of(code(first), code(second))).contains("CONFLICT");
        }
    }

    @Test
    void aPeerVanishingMidRequestLeavesTheServerServingOthers() throws Exception {
        RawClient quitter = acmc();
        quitter.login("admin", BackendFixture.ADMIN_PASSWORD);
        quitter.sendText("{\"v\":1,\"id\":\"gone\",\"type\":\"users.save\",\"body\":{\"mcServiceId\":\"ghost\","
                + "\"displayName\":\"Ghost\",\"roles\":[],\"externalAccessAllowed\":false,\"allowedServices\":[],"
                + "\"password\":\"ghost-password\"}}");
        quitter.close();
        try (RawClient c = acmc()) {
            c.login("admin", BackendFixture.ADMIN_PASSWORD);
            JsonNode users = c.call("users.list", "{}");
            // Whole or not at all: the write either committed completely or not at all.
            String listed = users.path("body").path("users").toString();
            if (listed.contains("ghost")) {
                assertThat(listed).contains("Ghost");
            }
        }
    }
}
