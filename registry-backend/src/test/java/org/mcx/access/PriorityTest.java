package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.Priority;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/**
 * R-5.18.2-003 through the real proxy: under overload emergency is served while normal is shed,
 * and a user cannot claim more than his access allows.
 */
class PriorityTest extends SasTestBase {
    /** Room for 10 requests in flight: normal may take 8, imminent-peril 9, emergency all 10. */
    @Override
    AccessConfig config(AccessConfig defaults) {
        return defaults.withLimits(10, 1000, 1000);
    }

    @Test
    void underOverloadEmergencyIsServedWhileNormalIsShed() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            slow.add(http.sendAsync(request("/hold", "normal"), HttpResponse.BodyHandlers.ofString()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (upstreamA.held.size() + upstreamB.held.size() < 8 && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // the eight are on their way to the upstreams, which hold them until release()
        }
        assertThat(upstreamA.held.size() + upstreamB.held.size()).as("requests held upstream").isEqualTo(8);
        HttpResponse<String> normal = http.send(request("/groups", "normal"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> peril = http.send(request("/groups", "imminent-peril"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> emergency = http.send(request("/groups", "emergency"), HttpResponse.BodyHandlers.ofString());

        assertThat(normal.statusCode()).as("normal is shed first").isEqualTo(503);
        assertThat(normal.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(peril.statusCode()).as("imminent-peril still finds room").isEqualTo(200);
        assertThat(emergency.statusCode()).as("emergency is served").isEqualTo(200);
        assertThat(sas.counters().snapshot().shed()).containsEntry("normal", 1L).containsEntry("emergency", 0L);

        upstreamA.release();
        upstreamB.release();
        for (CompletableFuture<HttpResponse<String>> r : slow) {
            assertThat(r.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(http.send(request("/groups", "normal"), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("normal is served again once the load is gone").isEqualTo(200);
    }

    @Test
    void aForgedEmergencyIsServedAtTheUsersOwnPriorityAndAudited() throws Exception {
        admin.call(MessageType.USERS_SAVE, new Console.SaveUser("bob", "Bob", List.of(), true,
                List.of(ServiceType.GM), true, "bob-password-1"), Console.User.class);
        String bobToken = app.call(MessageType.AUTH_USER, new Auth.UserLogin("bob", "bob-password-1"),
                Auth.UserToken.class).userToken();
        CompletableFuture<Common.Event> audited = new CompletableFuture<>();
        admin.addEventListener(e -> {
            if (e.topic().equals("access.denied") && e.data().path("reason").asText().equals("priority-downgraded")) {
                audited.complete(e);
            }
        });
        admin.subscribe(List.of("access.")).get(10, TimeUnit.SECONDS);

        HttpResponse<String> forged = get("/services/" + profileId + "/groups", bobToken, "emergency");
        HttpResponse<String> own = get("/services/" + profileId + "/groups", token, "emergency");

        assertThat(forged.statusCode()).as("served, not refused").isEqualTo(200);
        assertThat(forged.body()).contains("\"mcServiceId\":\"bob\"").contains("\"priority\":\"normal\"");
        assertThat(own.body()).as("alice may claim emergency").contains("\"priority\":\"emergency\"");
        assertThat(admin.call(MessageType.USERS_LIST, new Common.Empty(), Console.Users.class).users())
                .extracting(Console.User::mcServiceId, Console.User::maxPriority)
                .contains(org.assertj.core.groups.Tuple.tuple("alice", Priority.EMERGENCY),
                        org.assertj.core.groups.Tuple.tuple("bob", Priority.NORMAL));
        assertThat(sas.counters().snapshot().downgraded()).isEqualTo(1);
        Common.Event event = audited.get(10, TimeUnit.SECONDS);
        assertThat(event.data().path("mcServiceId").asText()).isEqualTo("bob");
        assertThat(event.data().toString()).doesNotContain(bobToken);
    }

    private HttpRequest request(String rest, String priority) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sas.port() + "/services/" + profileId + rest))
                .header("Authorization", "Bearer " + token).header("MC-Priority", priority).GET().build();
    }
}
