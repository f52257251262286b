package org.mcx.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sample servers answered directly over real HTTP, as the service access server will call them. */
class SampleServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static SampleData data;
    static SampleServer gm;
    static SampleServer cm;
    static SampleServer mcptt;
    static SampleServer idm;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        data = new SampleData();
        gm = SampleServer.start(SampleKind.GM, "gm-1", data);
        cm = SampleServer.start(SampleKind.CM, "cm-1", data);
        mcptt = SampleServer.start(SampleKind.MCPTT, "mcptt-1", data);
        idm = SampleServer.start(SampleKind.IDM, "idm-1", data);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        for (SampleServer s : new SampleServer[] {gm, cm, mcptt, idm}) {
            if (s != null) {
                s.close();
            }
        }
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder get(SampleServer server, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + path)).GET();
        return headers.length == 0 ? b : b.headers(headers);
    }

    static HttpRequest.Builder post(SampleServer server, String path, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        return headers.length == 0 ? b : b.headers(headers);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(response.body());
    }

    @Test
    void groupsAreListedWithTheHeadersTheServiceAccessServerAdds() throws Exception {
        HttpResponse<String> r = send(get(gm, "/groups", "MC-Service-Id", "alice", "MC-Priority", "emergency"));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.path("instance").asText()).isEqualTo("gm-1");
        assertThat(body.path("mcServiceId").asText()).isEqualTo("alice");
        assertThat(body.path("priority").asText()).isEqualTo("emergency");
        assertThat(body.path("groups").findValuesAsText("groupId")).contains("fire-north", "ems-dispatch");
        // What the service access server must strip before answering an application.
        assertThat(r.headers().firstValue("X-Powered-By")).hasValue(SampleHandler.POWERED_BY);
        assertThat(r.headers().firstValue("Server")).isPresent();
    }

    @Test
    void withoutTheHeadersTheEchoIsNull() throws Exception {
        JsonNode body = json(send(get(gm, "/groups")));

        assertThat(body.path("mcServiceId").isNull()).isTrue();
        assertThat(body.path("priority").isNull()).isTrue();
    }

    @Test
    void aGroupAndItsMembers() throws Exception {
        JsonNode group = json(send(get(gm, "/groups/fire-north"))).path("group");
        assertThat(group.path("displayName").asText()).isEqualTo("Fire brigade, north district");
        assertThat(group.path("memberCount").asInt()).isPositive();

        JsonNode members = json(send(get(gm, "/groups/fire-north/members")));
        assertThat(members.path("members").findValuesAsText("mcServiceId")).contains("alice");

        HttpResponse<String> missing = send(get(gm, "/groups/no-such-group"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).path("error").asText()).isEqualTo("not-found");
    }

    @Test
    void addingAMemberAnswers201ThenConflict() throws Exception {
        HttpResponse<String> added = send(post(gm, "/groups/sar-coastal/members",
                "{\"mcServiceId\":\"zoe\",\"role\":\"dispatcher\"}", "MC-Service-Id", "alice"));
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(json(added).path("member").path("mcServiceId").asText()).isEqualTo("zoe");
        assertThat(json(added).path("member").path("role").asText()).isEqualTo("dispatcher");

        assertThat(send(post(gm, "/groups/sar-coastal/members", "{\"mcServiceId\":\"zoe\"}")).statusCode()).isEqualTo(409);
        assertThat(json(send(get(gm, "/groups/sar-coastal/members"))).path("members").findValuesAsText("mcServiceId"))
                .contains("zoe");
    }

    @Test
    void badMemberBodiesAreRefused() throws Exception {
        assertThat(send(post(gm, "/groups/sar-coastal/members", "{not json")).statusCode()).isEqualTo(400);
        assertThat(send(post(gm, "/groups/sar-coastal/members", "[]")).statusCode()).isEqualTo(400);
        assertThat(send(post(gm, "/groups/sar-coastal/members", "{\"role\":\"member\"}")).statusCode()).isEqualTo(400);
        assertThat(send(post(gm, "/groups/sar-coastal/members", "{\"mcServiceId\":\"x\",\"role\":\"king\"}")).statusCode())
                .isEqualTo(400);
        assertThat(send(post(gm, "/groups/no-such-group/members", "{\"mcServiceId\":\"x\"}")).statusCode()).isEqualTo(404);
        HttpResponse<String> text = send(HttpRequest.newBuilder(URI.create(gm.uri() + "/groups/sar-coastal/members"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("zoe")));
        assertThat(text.statusCode()).isEqualTo(415);
    }

    @Test
    void configurationOfOneselfAndOfTheService() throws Exception {
        HttpResponse<String> own = send(get(cm, "/configuration/users/alice", "MC-Service-Id", "alice"));
        assertThat(own.statusCode()).isEqualTo(200);
        JsonNode config = json(own).path("userConfiguration");
        assertThat(config.path("mcServiceId").asText()).isEqualTo("alice");
        assertThat(config.path("groups").toString()).contains("fire-north", "ems-dispatch");

        assertThat(send(get(cm, "/configuration/users/alice", "MC-Service-Id", "bob")).statusCode()).isEqualTo(403);
        JsonNode service = json(send(get(cm, "/configuration/service")));
        assertThat(service.path("serviceConfiguration").path("floorControl").path("queueing").asBoolean()).isTrue();
        assertThat(service.path("instance").asText()).isEqualTo("cm-1");
    }

    @Test
    void aCallIsSetUpWithItsPriorityAndReadBackFromAnotherInstance() throws Exception {
        assertThat(json(send(get(mcptt, "/capabilities"))).path("capabilities").toString()).contains("group-call");
        HttpResponse<String> created = send(post(mcptt, "/calls", "{\"type\":\"group\",\"groupId\":\"fire-north\"}",
                "MC-Service-Id", "alice", "MC-Priority", "emergency"));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode call = json(created).path("call");
        assertThat(call.path("callId").asText()).startsWith("call-");
        assertThat(call.path("emergency").asBoolean()).isTrue();
        assertThat(call.path("caller").asText()).isEqualTo("alice");

        try (SampleServer second = SampleServer.start(SampleKind.MCPTT, "mcptt-2", data)) {
            JsonNode read = json(send(get(second, "/calls/" + call.path("callId").asText())));
            assertThat(read.path("instance").asText()).isEqualTo("mcptt-2");
            assertThat(read.path("call").path("setUpBy").asText()).isEqualTo("mcptt-1");
            assertThat(read.path("call").path("target").asText()).isEqualTo("fire-north");
        }
        assertThat(send(get(mcptt, "/calls/call-000000000000")).statusCode()).isEqualTo(404);
        assertThat(send(post(mcptt, "/calls", "{\"type\":\"group\",\"groupId\":\"nowhere\"}")).statusCode()).isEqualTo(422);
        assertThat(send(post(mcptt, "/calls", "{\"type\":\"broadcast\"}")).statusCode()).isEqualTo(400);
        assertThat(send(post(mcptt, "/calls", "{\"type\":\"private\",\"calledId\":\"bob\"}")).statusCode()).isEqualTo(201);
    }

    @Test
    void userInfoIsTheCallersOwn() throws Exception {
        JsonNode info = json(send(get(idm, "/identity/userinfo", "MC-Service-Id", "alice")));
        assertThat(info.path("sub").asText()).isEqualTo("alice");
        assertThat(info.path("mcptt_id").asText()).isEqualTo("sip:alice@mcptt.mcx.example");

        HttpResponse<String> anonymous = send(get(idm, "/identity/userinfo"));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(json(anonymous).path("error").asText()).isEqualTo("unauthenticated");
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() throws Exception {
        HttpResponse<String> unknown = send(get(gm, "/nothing-here"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("instance").asText()).isEqualTo("gm-1");

        HttpResponse<String> outside = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gm.port() + "/groups")));
        assertThat(outside.statusCode()).as("paths live below the base path").isEqualTo(404);
        assertThat(send(get(gm, "")).statusCode()).isEqualTo(404);

        HttpResponse<String> delete = send(HttpRequest.newBuilder(URI.create(gm.uri() + "/groups")).DELETE());
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).hasValue("GET");
        assertThat(json(delete).path("error").asText()).isEqualTo("method-not-allowed");

        HttpResponse<String> getCalls = send(get(mcptt, "/calls"));
        assertThat(getCalls.statusCode()).isEqualTo(405);
        assertThat(getCalls.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void answersNeverNameTheHostOrPort() throws Exception {
        for (SampleServer s : new SampleServer[] {gm, cm, mcptt, idm}) {
            for (String path : s.kind().messages()) {
                String p = path.substring(path.indexOf(' ') + 1).replace("{id}", "fire-north")
                        .replace("{mcServiceId}", "alice");
                String body = send(get(s, p, "MC-Service-Id", "alice")).body();
                assertThat(body).doesNotContain(String.valueOf(s.port())).doesNotContain("127.0.0.1");
            }
        }
    }
}
