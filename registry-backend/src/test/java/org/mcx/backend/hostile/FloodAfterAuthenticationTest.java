package org.mcx.backend.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.testing.RawClient.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.RawClient;
import org.mcx.backend.testing.RawWebSocket;

/**
 * Floods from peers that did authenticate: an application far past its path's rate is told
 * RATE_LIMITED and then closed with 4429 while another application is served as usual; a console
 * that pipelines past the in-flight cap is refused the excess but not taken for a flood.
 */
class FloodAfterAuthenticationTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;
    private BackendFixture backend;
    private String appId;
    private String appSecret;

    @BeforeEach
    void start() throws Exception {
        backend = BackendFixture.start(dataDir, "primary", c -> c.withCsc14Rate(50));
        try (RawClient admin = new RawClient(backend.base(), "/acmc")) {
            admin.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD);
            JsonNode app = admin.call("applications.create", "{\"name\":\"Flooder\",\"trustedDomain\":false}").path("body");
            appId = app.path("applicationId").asText();
            appSecret = app.path("secret").asText();
        }
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    private String authApplication() {
        return "{\"v\":1,\"id\":\"auth\",\"type\":\"auth.application\",\"body\":{\"applicationId\":\"" + appId
                + "\",\"secret\":\"" + appSecret + "\"}}";
    }

    @Test
    void anApplicationFarPastItsRateIsClosedWith4429AndAnotherIsServedMeanwhile() throws Exception {
        try (RawWebSocket flooder = RawWebSocket.open(backend.base(), "/csc14", 0);
             RawClient neighbour = new RawClient(backend.base(), "/csc14")) {
            flooder.sendText(authApplication());
            assertThat(flooder.readText()).contains("\"re\":\"auth\"").doesNotContain("error");
            assertThat(code(neighbour.call("auth.application", "{\"applicationId\":\"" + appId + "\",\"secret\":\""
                    + appSecret + "\"}"))).isEmpty();

            Map<String, Integer> answers = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    for (RawWebSocket.Frame f = flooder.read(); f != null; f = flooder.read()) {
                        if (f.opcode() == RawWebSocket.CLOSE) {
                            closed.complete(f.closeCode());
                            return;
                        }
                        answers.merge(JSON.readTree(f.text()).path("body").path("code").asText(), 1, Integer::sum);
                    }
                    closed.complete(1006);
                } catch (java.io.IOException e) {
                    closed.complete(1006);
                }
            }, "flooder-reader");
            reader.start();
            int sent = 0;
            try {
                for (; sent < 20_000 && !closed.isDone(); sent++) {
                    flooder.sendText("{\"v\":1,\"id\":\"f-" + sent + "\",\"type\":\"getApplicationProfile\","
                            + "\"body\":{\"applicationProfileId\":\"ap-none\"}}");
                    if (sent == 500) {
                        long start = System.nanoTime();
                        assertThat(code(neighbour.call("getApplicationProfile", "{\"applicationProfileId\":\"ap-none\"}")))
                                .as("the neighbour, during the flood").isEqualTo("NOT_FOUND");
                        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
                    }
                }
            } catch (java.io.IOException closedWhileSending) {
                // expected: the server closed the flooder
            }
            int closeCode = closed.get(15, TimeUnit.SECONDS);
            assertThat(answers).as("after %d requests", sent).containsKey("RATE_LIMITED");
            assertThat(closeCode).as("answers %s", answers).isEqualTo(4429);
            assertThat(backend.backend().listenerStats().floodersClosed()).isEqualTo(1);
            assertThat(code(neighbour.call("getApplicationProfile", "{\"applicationProfileId\":\"ap-none\"}")))
                    .isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void aConsolePipeliningPastTheInFlightCapIsRefusedTheExcessButNotClosed() throws Exception {
        try (RawClient console = new RawClient(backend.base(), "/acmc")) {
            console.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD);
            for (int i = 0; i < 1_000; i++) {
                console.sendText("{\"v\":1,\"id\":\"p-" + i + "\",\"type\":\"users.list\",\"body\":{}}");
            }
            Map<String, Integer> outcomes = new HashMap<>();
            for (int i = 0; i < 1_000; i++) {
                outcomes.merge(code(console.awaitReply("p-" + i)), 1, Integer::sum);
            }
            assertThat(outcomes.getOrDefault("", 0)).as("%s", outcomes).isGreaterThanOrEqualTo(256);
            assertThat(outcomes.keySet()).isSubsetOf("", "RATE_LIMITED");
            assertThat(console.isOpen()).isTrue();
            assertThat(code(console.call("users.list", "{}"))).isEmpty();
        }
    }
}
