package org.mcx.backend.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.RawClient;
import org.mcx.protocol.Envelope;
import org.mcx.protocol.EnvelopeException;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;

/**
 * Seeded fuzzing of every WebSocket path, before and after authentication: thousands of valid
 * frames made hostile by {@link FrameMutator}. After each one a sentinel request follows; the
 * properties are that every hostile frame gets at most one answer (exactly one unless it no longer
 * reads as a request), addressed to its id or to none, with a documented code and never
 * {@code INTERNAL} (an exception nobody handled), within the deadline, and the connection goes on.
 *
 * <p>The seed is printed and named in every failure; rerun one with {@code -Dfuzz.seed=N}, and
 * more with {@code -Dfuzz.mutations=N} (per path).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSocketFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int MUTATIONS = Integer.getInteger("fuzz.mutations", 500);
    private static final Set<String> CODES = EnumSet.allOf(ErrorCode.class).stream()
            .filter(c -> c != ErrorCode.INTERNAL).map(Enum::name).collect(Collectors.toSet());
    private static final List<String> TYPES = Arrays.stream(MessageType.values()).map(MessageType::wireName).toList();

    @TempDir
    static Path dataDir;
    private BackendFixture backend;
    private String applicationId;
    private String applicationSecret;
    private String sasSecret;
    private String serviceSecret;

    @BeforeAll
    void start() throws Exception {
        System.out.println("WebSocketFuzzTest seed=" + SEED + " mutations per path=" + MUTATIONS);
        backend = BackendFixture.start(dataDir);
        try (RawClient admin = new RawClient(backend.base(), "/acmc")) {
            admin.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD);
            admin.call("users.save", "{\"mcServiceId\":\"alice\",\"displayName\":\"Alice\",\"roles\":[],"
                    + "\"externalAccessAllowed\":true,\"allowedServices\":[\"GM\"],\"password\":\"alice-password\"}");
            admin.call("users.save", "{\"mcServiceId\":\"fuzz-login\",\"displayName\":\"F\",\"roles\":[\"VIEWER\"],"
                    + "\"externalAccessAllowed\":false,\"allowedServices\":[],\"password\":\"fuzz-password\"}");
            JsonNode app = admin.call("applications.create", "{\"name\":\"Fuzzed\",\"trustedDomain\":true}").path("body");
            applicationId = app.path("applicationId").asText();
            applicationSecret = app.path("secret").asText();
            sasSecret = admin.call("nodes.create", "{\"nodeId\":\"fuzz-sas\",\"kind\":\"sas\"}").path("body").path("secret").asText();
            serviceSecret = admin.call("nodes.create", "{\"nodeId\":\"fuzz-gm\",\"kind\":\"service\"}").path("body").path("secret").asText();
            admin.call("partners.save", "{\"systemId\":\"mcx-f\",\"name\":\"F\",\"endpoint\":\"ws://127.0.0.1:9/acms\","
                    + "\"secret\":\"fuzz-partner-secret\",\"autoApprove\":{\"enabled\":false,\"maxUsers\":10}}");
        }
    }

    @AfterAll
    void stop() {
        backend.close();
    }

    @Test
    void theConsolePath() throws Exception {
        fuzz("/acmc", "{\"username\":\"admin\",\"password\":\"" + BackendFixture.ADMIN_PASSWORD + "\"}", "auth.login", List.of(
                "services.list|{}", "services.list|{\"query\":{\"serviceType\":\"GM\",\"interface\":\"CSC-2\"},\"limit\":10,\"offset\":0}",
                "applications.list|{}", "applications.create|{\"name\":\"Fuzz board\",\"trustedDomain\":false}",
                "applications.decide|{\"authorizationId\":\"auth-1\",\"decision\":\"approve\",\"reason\":\"fine\"}",
                "profiles.list|{\"applicationId\":\"" + applicationId + "\"}",
                "profiles.save|{\"expectedVersion\":0,\"applicationProfile\":{\"applicationId\":\"" + applicationId + "\","
                        + "\"authorizedService\":{\"serviceType\":\"GM\",\"interface\":\"CSC-2\"},"
                        + "\"serviceInterfaceDescription\":{\"protocols\":[\"HTTP\"],\"capabilities\":[\"groups\"],\"messages\":[\"GET /groups\"]},"
                        + "\"rateLimit\":{\"requestsPerSecond\":5.0,\"perUserRequestsPerSecond\":1.0}}}",
                "profiles.history|{\"applicationProfileId\":\"ap-1\"}", "profiles.delete|{\"applicationProfileId\":\"ap-1\",\"expectedVersion\":1}",
                "users.list|{}", "users.save|{\"mcServiceId\":\"fuzz-user\",\"displayName\":\"Fuzz\",\"roles\":[\"VIEWER\"],"
                        + "\"externalAccessAllowed\":true,\"allowedServices\":[\"GM\"],\"maxPriority\":\"emergency\",\"password\":\"fuzz-password\"}",
                "users.delete|{\"mcServiceId\":\"nobody-here\"}", "nodes.list|{}", "nodes.create|{\"nodeId\":\"fuzz-node\",\"kind\":\"service\"}",
                "nodes.delete|{\"nodeId\":\"nobody\"}", "partners.list|{}",
                "partners.save|{\"systemId\":\"mcx-z\",\"name\":\"Z\",\"endpoint\":\"ws://127.0.0.1:9/acms\",\"secret\":\"zzzzzzzzzzzzzzzz\","
                        + "\"autoApprove\":{\"enabled\":false,\"maxUsers\":10}}",
                "serverIdentity.create|{\"partnerSystemId\":\"mcx-z\",\"users\":[\"alice\"]}", "serverIdentity.pending|{}",
                "serverIdentity.decide|{\"requestId\":\"" + UUID.randomUUID() + "\",\"decision\":\"approve\",\"comment\":\"c\"}", "serverIdentity.responses|{}",
                "serverIdentity.cancel|{\"requestId\":\"" + UUID.randomUUID() + "\"}", "serverIdentity.list|{\"direction\":\"outgoing\",\"status\":\"forwarded\"}",
                "serverIdentities.get|{}", "serverIdentities.save|{\"defaults\":[{\"serverType\":\"MCPTT\",\"identity\":\"sip:m@x\"}],"
                        + "\"overrides\":[],\"groupOverrides\":[]}",
                "access.stats|{}", "events.subscribe|{\"topics\":[\"profile.\"],\"sinceSeq\":0}", "audit.list|{\"limit\":5}"));
    }

    @Test
    void theApplicationPath() throws Exception {
        fuzz("/csc14", "{\"applicationId\":\"" + applicationId + "\",\"secret\":\"" + applicationSecret + "\"}", "auth.application", List.of(
                "getServiceInformation|{\"mcServiceId\":\"alice\",\"query\":{\"serviceType\":\"GM\",\"interface\":\"CSC-2\"}}",
                "updateExternalApplicationAuthorization|{\"mcServiceId\":\"alice\",\"requestType\":\"authorize\","
                        + "\"serviceCapabilities\":[{\"serviceType\":\"GM\",\"interface\":\"CSC-2\"}]}",
                "getApplicationProfile|{\"applicationProfileId\":\"ap-1\"}",
                "auth.user|{\"mcServiceId\":\"alice\",\"password\":\"alice-password\"}"));
    }

    @Test
    void theRegistrationPath() throws Exception {
        fuzz("/registration", "{\"nodeId\":\"fuzz-gm\",\"secret\":\"" + serviceSecret + "\"}", "auth.node", List.of(
                "registerService|{\"serviceId\":\"gms-1\",\"serviceType\":\"GM\",\"interface\":\"CSC-2\",\"protocols\":[\"HTTP\"],"
                        + "\"version\":\"1.2\",\"scheme\":\"http\",\"host\":\"10.0.4.17\",\"port\":9080,\"basePath\":\"/gm\","
                        + "\"ttlSeconds\":30,\"metadata\":{\"description\":\"Group management\"}}",
                "heartbeat|{\"leaseId\":\"l-1\"}", "deregisterService|{\"leaseId\":\"l-1\"}"));
    }

    @Test
    void theAccessServerPath() throws Exception {
        fuzz("/csc15", "{\"nodeId\":\"fuzz-sas\",\"secret\":\"" + sasSecret + "\"}", "auth.node", List.of(
                "csc15.snapshot|{\"page\":0}",
                "csc15.report|{\"denials\":[{\"reason\":\"profile\",\"applicationId\":\"" + applicationId + "\",\"mcServiceId\":\"alice\","
                        + "\"applicationProfileId\":\"ap-1\",\"count\":3,\"firstAt\":\"2026-11-22T10:00:00Z\",\"lastAt\":\"2026-11-22T10:00:01Z\"}],"
                        + "\"stats\":{\"received\":10,\"forwarded\":7,\"retried\":0,\"denied\":{\"profile\":3},\"shed\":{},"
                        + "\"downgraded\":0,\"meanForwardMicros\":120}}"));
    }

    @Test
    void thePartnerPath() throws Exception {
        fuzz("/acms", "{\"systemId\":\"mcx-f\",\"secret\":\"fuzz-partner-secret\"}", "auth.partner", List.of(
                "acms.serverIdentityRequest|{\"requestId\":\"" + UUID.randomUUID() + "\",\"fromSystemId\":\"mcx-f\",\"requestedBy\":\"admin\","
                        + "\"users\":[\"alice\"],\"createdAt\":\"2026-11-22T10:01:00.120Z\"}",
                "acms.serverIdentityResponse|{\"requestId\":\"" + UUID.randomUUID() + "\",\"decision\":\"rejected\","
                        + "\"serverIdentities\":[],\"decidedBy\":\"policy\",\"comment\":\"no\"}"));
    }

    @Test
    void everyPathBeforeAuthentication() throws Exception {
        Map<String, String> firstMessages = Map.of(
                "/acmc", frame("auth.login", "{\"username\":\"fuzz-login\",\"password\":\"fuzz-password\"}", "0"),
                "/csc14", frame("auth.application", "{\"applicationId\":\"" + applicationId + "\",\"secret\":\"wrong\"}", "0"),
                "/csc15", frame("auth.node", "{\"nodeId\":\"fuzz-sas\",\"secret\":\"wrong\"}", "0"),
                "/registration", frame("auth.node", "{\"nodeId\":\"fuzz-gm\",\"secret\":\"wrong\"}", "0"),
                "/acms", frame("auth.partner", "{\"systemId\":\"mcx-f\",\"secret\":\"wrong\"}", "0"));
        Random random = new Random(SEED ^ 0x5EED);
        FrameMutator mutator = new FrameMutator(random, TYPES);
        List<String> paths = new ArrayList<>(firstMessages.keySet());
        int done = 0;
        while (done < MUTATIONS) {
            String path = paths.get(random.nextInt(paths.size()));
            // A few per connection: an honest peer sends one authentication, and more are rate-limited.
            try (Peer peer = new Peer(backend, path)) {
                for (int i = 0; i < 4 && done < MUTATIONS; i++, done++) {
                    peer.exchange(mutator.mutate(firstMessages.get(path).replace("\"id\":\"0\"", "\"id\":\"m-" + done + "\"")),
                            "m-" + done, "s-" + done, path);
                }
            }
        }
    }

    /** Authenticates on {@code path}, checks the corpus is valid there, then sends its mutations. */
    private void fuzz(String path, String authBody, String authType, List<String> corpus) throws Exception {
        Random random = new Random(SEED ^ path.hashCode());
        FrameMutator mutator = new FrameMutator(random, TYPES);
        Peer peer = new Peer(backend, path);
        try {
            peer.authenticate(authType, authBody);
            for (String entry : corpus) {
                String[] parts = entry.split("\\|", 2);
                JsonNode answer = peer.call(frame(parts[0], parts[1], "valid"), "valid");
                assertThat(answer.path("body").path("code").asText()).as("corpus entry %s on %s", parts[0], path)
                        .isNotIn("BAD_REQUEST", "FORBIDDEN", "UNKNOWN_TYPE", "INTERNAL");
            }
            for (int n = 0; n < MUTATIONS; n++) {
                String[] parts = corpus.get(random.nextInt(corpus.size())).split("\\|", 2);
                String hostile = mutator.mutate(frame(parts[0], parts[1], "m-" + n));
                if (!peer.isOpen()) {
                    peer.close(); // a mutation logged this peer out or changed its rights: a new connection
                    peer = new Peer(backend, path);
                    peer.authenticate(authType, authBody);
                }
                peer.exchange(hostile, "m-" + n, "s-" + n, path);
            }
        } finally {
            peer.close();
        }
    }

    private static String frame(String type, String body, String id) {
        return "{\"v\":1,\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"body\":" + body + "}";
    }

    /** One connection, reading everything the server sends into a queue. */
    private static final class Peer implements AutoCloseable {
        private final RawClient ws;

        Peer(BackendFixture backend, String path) throws InterruptedException {
            ws = new RawClient(backend.base(), path);
        }

        boolean isOpen() {
            return ws.isOpen();
        }

        void authenticate(String type, String body) throws Exception {
            JsonNode answer = call(frame(type, body, "auth"), "auth");
            assertThat(answer.path("type").asText()).as("authenticated as %s", type).isEqualTo(type);
        }

        JsonNode call(String frame, String id) throws Exception {
            ws.sendText(frame);
            JsonNode answer = nextAnswer();
            assertThat(answer).as("an answer to %s (seed %d)", id, SEED).isNotNull();
            assertThat(answer.path("re").asText()).as("seed %d", SEED).isEqualTo(id);
            return answer;
        }

        /**
         * Sends a hostile frame and then a sentinel, and collects answers until both are in (or the
         * hostile frame is one that is never answered). The protocol's own codec says which id the
         * answer must carry; the server may answer the two in either order.
         */
        void exchange(String hostile, String id, String sentinelId, String path) throws Exception {
            String context = "seed " + SEED + ", " + path + ", frame " + abbreviate(hostile);
            Expected expected = Expected.of(hostile);
            try {
                ws.sendText(hostile);
            } catch (org.java_websocket.exceptions.WebsocketNotConnectedException closedMeanwhile) {
                // The previous frame (a log-out, say) had the server close after its answer: nothing was
                // sent; the close must have been a proper one, and the next mutation gets a new connection.
                assertThat(ws.awaitClose()).as("closed after the previous frame; " + context).isIn(1000, 1009, 4403);
                return;
            }
            if (!ws.isOpen()) {
                return;
            }
            try {
                ws.sendText("{\"v\":1,\"id\":\"" + sentinelId + "\",\"type\":\"no.such.type\"}");
            } catch (org.java_websocket.exceptions.WebsocketNotConnectedException closedMeanwhile) {
                // The server closed between the two sends (the hostile frame logged this peer out, say).
                assertThat(ws.awaitClose()).as("closed instead of answering; " + context).isIn(1000, 1009, 4403);
                return;
            }
            List<JsonNode> answers = new ArrayList<>();
            boolean sentinelAnswered = false;
            while (!sentinelAnswered || expected.answered() && answers.isEmpty()) {
                JsonNode answer = nextAnswer(context);
                if (answer == null) {
                    assertThat(ws.closeCode()).as("closed instead of answering; " + context).isIn(1000, 1009, 4403);
                    return;
                }
                if (sentinelId.equals(answer.path("re").asText(null))) {
                    sentinelAnswered = true;
                } else {
                    answers.add(answer);
                }
            }
            assertThat(answers).as("answers to one frame; " + context).hasSize(expected.answered() ? 1 : 0);
            if (answers.isEmpty()) {
                return;
            }
            JsonNode answer = answers.get(0);
            JsonNode re = answer.get("re");
            assertThat(re.isNull() ? null : re.asText()).as("addressed to; " + context).isEqualTo(expected.re());
            if ("error".equals(answer.path("type").asText())) {
                assertThat(answer.path("body").path("code").asText()).as("error code; " + context).isIn(CODES);
            }
        }

        /** The next frame that answers something (skipping events and the server's own requests), or null. */
        private JsonNode nextAnswer() throws Exception {
            return nextAnswer("seed " + SEED);
        }

        private JsonNode nextAnswer(String context) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                String frame = ws.poll(100);
                if (frame == null) {
                    if (!ws.isOpen()) {
                        return null;
                    }
                    continue;
                }
                JsonNode node = JSON.readTree(frame);
                if (node.has("re")) {
                    return node;
                }
                if (node.hasNonNull("id") && node.hasNonNull("type") && ws.isOpen()) {
                    // The server's own request (a CSC-15 push, a notification): acknowledged as a real
                    // peer does, or a long run ends with the server closing a peer that never answers.
                    try {
                        ws.sendText("{\"v\":1,\"re\":" + node.get("id") + ",\"type\":" + node.get("type")
                                + ",\"body\":{\"result\":\"success\"}}");
                    } catch (org.java_websocket.exceptions.WebsocketNotConnectedException closedMeanwhile) {
                        continue; // the next poll finds the connection closed and returns null
                    }
                }
            }
            throw new AssertionError("no answer within 10 s; " + context);
        }

        @Override
        public void close() throws InterruptedException {
            ws.close();
        }
    }

    /** What the contract says of a frame: answered or not, and to which id (null: "re": null). */
    private record Expected(boolean answered, String re) {
        private static final Codec CODEC = new Codec();

        static Expected of(String sent) {
            // What arrives is the UTF-8 of what was sent: a lone surrogate travels as '?'.
            String frame = new String(sent.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            try {
                Envelope envelope = CODEC.parse(frame);
                if (envelope.isResponse() || envelope.isError()) {
                    return new Expected(false, null); // never answered: two peers would bounce errors for ever
                }
                return new Expected(true, envelope.isRequest() ? envelope.id() : null);
            } catch (EnvelopeException refused) {
                return new Expected(true, refused.replyTo());
            }
        }
    }

    /** The frame as printable ASCII (failure reports must survive any character), cut at 400. */
    private static String abbreviate(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 400; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return s.length() > 400 ? out + "... (" + s.length() + " chars)" : out.toString();
    }
}
