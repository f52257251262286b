package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.Role;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.message.Registration;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/** A real HTTP client through the real proxy to real upstreams, fed by a real registry over CSC-15. */
class AccessServerTest extends SasTestBase {
    @Test
    void anAuthorizedRequestIsForwardedWithTheUserAndPriorityAndNothingInternalComesBack() throws Exception {
        HttpResponse<String> r = get("/services/" + profileId + "/groups?active=true", token, "emergency");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"path\":\"/gm/groups\"").contains("\"mcServiceId\":\"alice\"")
                .contains("\"priority\":\"emergency\"").contains("\"authorization\":\"null\"");
        assertThat(r.headers().firstValue("Server")).isEmpty();
        assertThat(r.headers().firstValue("X-Powered-By")).isEmpty();
        assertThat(r.headers().firstValue("Via")).isEmpty();
    }

    @Test
    void anUpstreamCookieIsNeverReplayedOnSomeoneElsesRequest() throws Exception {
        HttpResponse<String> first = get("/services/" + profileId + "/groups", token, null);
        assertThat(first.headers().firstValue("Set-Cookie")).isPresent();
        for (int i = 0; i < 4; i++) {
            // A client that does not send the cookie must not have one added by the proxy.
            assertThat(get("/services/" + profileId + "/groups", token, null).body()).contains("\"cookie\":\"null\"");
        }
    }

    @Test
    void locationHeadersPointBackThroughTheAccessServer() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sas.port()
                        + "/services/" + profileId + "/groups/7/members")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"member\":\"bob\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("Location")).contains("/services/" + profileId + "/groups/7");
        assertThat(r.headers().toString()).doesNotContain(String.valueOf(upstreamA.port())).doesNotContain(String.valueOf(upstreamB.port()));
    }

    @Test
    void badMissingAndForgedTokensAre401AsProblemDocuments() throws Exception {
        for (String bearer : new String[] {null, "forged", token.substring(0, token.length() - 4) + "AAAA"}) {
            HttpResponse<String> r = get("/services/" + profileId + "/groups", bearer, null);
            assertThat(r.statusCode()).as(String.valueOf(bearer)).isEqualTo(401);
            assertThat(r.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(r.body()).contains("\"status\":401").doesNotContain("127.0.0.1").doesNotContain("Exception");
        }
        assertThat(upstreamA.hits.get() + upstreamB.hits.get()).isZero();
    }

    @Test
    void unknownPathsAndTraversalTricksNeverReachAService() throws Exception {
        assertThat(get("/services/ap-000000000000/groups", token, null).statusCode()).isEqualTo(404);
        assertThat(get("/admin", token, null).statusCode()).isEqualTo(404);
        assertThat(get("/services/" + profileId + "/../ap-000000000000/groups", token, null).statusCode()).isIn(400, 404);
        assertThat(get("/services/" + profileId + "/%2e%2e/%2e%2e/acmc", token, null).statusCode()).isIn(400, 404);
        assertThat(get("/services/" + profileId + "/groups", token, "urgent").statusCode()).isEqualTo(400);
        assertThat(upstreamA.hits.get() + upstreamB.hits.get()).isZero();
    }

    @Test
    void aRevokedProfileIsRefusedSoonAfterTheSave() throws Exception {
        assertThat(get("/services/" + profileId + "/groups", token, null).statusCode()).isEqualTo(200);
        ApplicationProfile p = admin.call(MessageType.PROFILES_LIST, new Console.ListProfiles(null), Console.Profiles.class)
                .applicationProfiles().get(0);
        admin.call(MessageType.PROFILES_DELETE, new Console.DeleteProfile(profileId, p.version()), Common.Empty.class);
        assertThat(statusWithin(Duration.ofSeconds(2), 404)).isEqualTo(404);
    }

    @Test
    void aUserWhoseAccessIsWithdrawnIsRefused() throws Exception {
        admin.call(MessageType.USERS_SAVE, new Console.SaveUser("alice", "Alice", List.of(), false,
                List.of(ServiceType.GM), true, null), Console.User.class);
        int status = statusWithin(Duration.ofSeconds(2), 403);
        assertThat(status).isIn(401, 403);
    }

    @Test
    void aFloodingUserIsRateLimitedWithRetryAfter() throws Exception {
        HttpResponse<String> limited = null;
        // Bursts of requests sent at once, well over the user's 50 per second: sent one after another,
        // a loaded machine can answer them slower than the bucket refills.
        for (int round = 0; round < 5 && limited == null; round++) {
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> burst = new java.util.ArrayList<>();
            for (int i = 0; i < 150; i++) {
                burst.add(http.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                        + sas.port() + "/services/" + profileId + "/groups")).header("Authorization", "Bearer " + token)
                        .GET().build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (var r : burst) {
                HttpResponse<String> answer = r.get(60, TimeUnit.SECONDS);
                if (answer.statusCode() == 429 && limited == null) {
                    limited = answer;
                }
            }
        }
        assertThat(limited).as("a 429 among bursts of 150 requests").isNotNull();
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(sas.counters().snapshot().denied("rate-limited")).isPositive();
    }

    @Test
    void aSlowlorisClientIsDisconnected() throws Exception {
        try (AccessServer strict = AccessServer.start(AccessConfig.defaults("127.0.0.1", 0)
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(15)), registry.base(), "sas-1", sasSecret, null);
             java.net.Socket slow = new java.net.Socket("127.0.0.1", strict.port())) {
            slow.setSoTimeout(10_000);
            // Half a request line, then nothing: the server must not wait for the rest for ever.
            slow.getOutputStream().write(("GET /services/" + profileId + "/groups HTTP/1.1\r\nHost: x\r\n").getBytes());
            slow.getOutputStream().flush();
            // The 10 s read timeout fails the test if the server keeps the connection open.
            int read = slow.getInputStream().read(new byte[4096]);
            while (read > 0) {
                read = slow.getInputStream().read(new byte[4096]);
            }
            assertThat(read).as("connection closed by the server").isEqualTo(-1);
        }
    }

    @Test
    void oneApplicationsFloodDoesNotStarveAnother() throws Exception {
        Console.ApplicationCreated other = admin.call(MessageType.APPLICATIONS_CREATE,
                new Console.CreateApplication("Other board", true), Console.ApplicationCreated.class);
        try (ProtocolClient otherApp = connect(Endpoint.CSC14, Authenticator.application(other.applicationId(), other.secret()))) {
            String otherProfile = otherApp.call(MessageType.UPDATE_AUTHORIZATION, new Csc14.UpdateAuthorization("alice",
                    Csc14.RequestType.AUTHORIZE, List.of(new ServiceRef(ServiceType.GM, "CSC-2")), null),
                    Csc14.AuthorizationResult.class).applicationProfiles().get(0).applicationProfileId();
            String otherToken = otherApp.call(MessageType.AUTH_USER, new Auth.UserLogin("alice", "alice-password"),
                    Auth.UserToken.class).userToken();
            int limited = 0;
            for (int i = 0; i < 300 && limited < 20; i++) {
                if (get("/services/" + profileId + "/groups", token, null).statusCode() == 429) {
                    limited++;
                }
            }
            assertThat(limited).as("the flooding application is limited").isEqualTo(20);
            assertThat(get("/services/" + otherProfile + "/groups", otherToken, null).statusCode())
                    .as("the other application is served").isEqualTo(200);
        }
    }

    @Test
    void trafficSpreadsOverInstancesAndMovesWhenOneDies() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(get("/services/" + profileId + "/groups", token, null).statusCode()).isEqualTo(200);
        }
        assertThat(upstreamA.hits.get()).isPositive();
        assertThat(upstreamB.hits.get()).isPositive();
        upstreamA.close();
        for (int i = 0; i < 10; i++) {
            assertThat(get("/services/" + profileId + "/groups", token, null).statusCode()).as("request " + i).isEqualTo(200);
        }
    }

    @Test
    void oversizedHeadersAndBodiesAreRefused() throws Exception {
        HttpResponse<String> big = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sas.port()
                + "/services/" + profileId + "/groups")).header("Authorization", "Bearer " + token)
                .header("X-Padding", "p".repeat(20_000)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(big.statusCode()).isEqualTo(431);
        HttpResponse<String> body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sas.port()
                + "/services/" + profileId + "/groups")).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(2_000_000))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(body.statusCode()).isEqualTo(413);
        assertThat(body.headers().firstValue("Content-Type")).contains("application/problem+json");
    }

    @Test
    void refusalsAreAuditedInAggregateAndCountersReachTheConsole() throws Exception {
        java.util.concurrent.CompletableFuture<org.mcx.protocol.message.Common.Event> denied = new java.util.concurrent.CompletableFuture<>();
        admin.addEventListener(e -> {
            if (e.topic().equals("access.denied") && e.data().path("reason").asText().equals("bad-token")) {
                denied.complete(e);
            }
        });
        admin.subscribe(List.of("access.")).get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 25; i++) {
            assertThat(get("/services/" + profileId + "/groups", "forged-" + i, null).statusCode()).isEqualTo(401);
        }
        org.mcx.protocol.message.Common.Event event = denied.get(10, TimeUnit.SECONDS);
        assertThat(event.data().path("count").asLong()).isBetween(1L, 25L);
        assertThat(event.data().path("nodeId").asText()).isEqualTo("sas-1");
        assertThat(event.data().toString()).doesNotContain("forged-");
        Console.AccessNodes stats = admin.call(MessageType.ACCESS_STATS, new Common.Empty(), Console.AccessNodes.class);
        assertThat(stats.nodes()).singleElement().satisfies(n -> {
            assertThat(n.nodeId()).isEqualTo("sas-1");
            assertThat(n.connected()).isTrue();
            assertThat(n.stats().denied()).containsKey("bad-token");
        });
    }

    /** Polls until the answer is {@code wanted} or the deadline passes; returns the last status. */
    private int statusWithin(Duration deadline, int wanted) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        int status;
        do {
            status = get("/services/" + profileId + "/groups", token, null).statusCode();
        } while (status == 200 && System.nanoTime() < end);
        return status == 200 ? status : (status == wanted ? wanted : status);
    }
}
