package org.mcx.backend.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.samples.SampleFixture.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceLocation;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;
import org.mcx.example.ExampleEvent;
import org.mcx.example.ExampleConfig;
import org.mcx.example.ExampleApplication;
import org.mcx.samples.SampleServices;

/**
 * 10.X.5 end to end: the example application and the sample servers with the backend's own
 * service access server between them. The proxy itself is tested in its package; this checks
 * that the samples fit it.
 */
class ThroughTheServiceAccessServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    Path dir;
    SampleFixture f;
    ExampleRecorder events = new ExampleRecorder();

    @BeforeEach
    void start() throws Exception {
        f = SampleFixture.startWithServiceAccessServer(dir);
        f.saveUser("alice", ServiceType.GM, ServiceType.MCPTT);
        SampleServices samples = f.own(SampleServices.builder(f.backend().base(), f.serviceNode("samples")).start());
        await(samples.registered());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void theExampleReachesTheSampleServersThroughTheServiceAccessServer() throws Exception {
        Console.ApplicationCreated app = f.call(MessageType.APPLICATIONS_CREATE,
                new Console.CreateApplication("Trusted board", true));
        ExampleConfig config = ExampleConfig.of(f.backend().base(), app.applicationId(), app.secret(), "alice",
                SampleFixture.PASSWORD).withInterval(Duration.ofMillis(200)).withPriority("emergency");
        ExampleApplication example = f.own(new ExampleApplication(config, events));
        await(example.start());
        // The full set: a grant's notification may overtake its answer and configure with part of it first.
        Map<ServiceType, ApplicationProfile> profiles = events.next(ExampleEvent.Configured.class,
                        c -> c.profiles().size() == 2).profiles().stream()
                .collect(Collectors.toMap(p -> p.authorizedService().serviceType(), p -> p));

        // The service access server learns the grants over CSC-15 within 2 s; until then it may refuse.
        for (ApplicationProfile p : profiles.values()) {
            events.next(ExampleEvent.Called.class,
                    c -> c.applicationProfileId().equals(p.applicationProfileId()) && c.status() == 200);
        }

        example.close(); // its calls would interleave with the ones below in the round-robin
        // The same path by hand, to see what reached the sample server.
        ProtocolClient client = f.own(f.connect(ProtocolClient.builder(f.backend().base(), Endpoint.CSC14)
                .authenticator(Authenticator.application(app.applicationId(), app.secret()))
                .reconnect(ReconnectPolicy.disabled()).build()));
        Auth.UserToken token = await(client.request(MessageType.AUTH_USER,
                new Auth.UserLogin("alice", SampleFixture.PASSWORD), Auth.UserToken.class));
        ServiceLocation gm = profiles.get(ServiceType.GM).serviceLocation();
        URI groups = URI.create(gm.scheme() + "://" + gm.host() + ":" + gm.port() + gm.basePath() + "/groups");
        Set<String> instances = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(groups)
                    .header("Authorization", "Bearer " + token.userToken()).header("MC-Priority", "imminent-peril")
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Powered-By")).as("the sample sends it; the SAS must not pass it on")
                    .isEmpty();
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.path("mcServiceId").asText()).as("MC-Service-Id added by the SAS").isEqualTo("alice");
            assertThat(body.path("priority").asText()).as("MC-Priority passed on").isEqualTo("imminent-peril");
            assertThat(body.path("groups").findValuesAsText("groupId")).contains("fire-north");
            instances.add(body.path("instance").asText());
        }
        assertThat(instances).as("spread over both GM instances").containsExactlyInAnyOrder("gm-1", "gm-2");

        URI members = URI.create(groups.toString().replace("/groups", "/groups/ems-dispatch/members"));
        HttpResponse<String> added = HTTP.send(HttpRequest.newBuilder(members)
                .header("Authorization", "Bearer " + token.userToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"mcServiceId\":\"carol\"}"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(added.body()).path("member").path("mcServiceId").asText()).isEqualTo("carol");
    }
}
