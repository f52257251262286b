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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
import org.mcx.protocol.model.Priority;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/**
 * A real registry fed to a real service access server over CSC-15, two real upstreams of one GM
 * service, and an application authorized for it on behalf of alice, who may claim any priority.
 */
abstract class SasTestBase {
    @TempDir
    Path dir;
    BackendFixture registry;
    ProtocolClient admin;
    ProtocolClient gmNode;
    ProtocolClient app;
    EchoUpstream upstreamA;
    EchoUpstream upstreamB;
    /** What both instances received (a request goes to either). */
    final EchoUpstream.Received received = new EchoUpstream.Received();
    AccessServer sas;
    String applicationId;
    String profileId;
    String token;
    String sasSecret;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void trackEveryBuffer() {
        LeakWatch.start();
    }

    @AfterAll
    static void stopTracking() {
        LeakWatch.stop();
    }

    @BeforeEach
    void start() throws Exception {
        registry = BackendFixture.start(dir);
        admin = connect(Endpoint.ACMC, Authenticator.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD));
        sasSecret = admin.call(MessageType.NODES_CREATE, new Console.CreateNode("sas-1", Console.NodeKind.SAS),
                Console.NodeCreated.class).secret();
        String gmSecret = admin.call(MessageType.NODES_CREATE, new Console.CreateNode("gm-node", Console.NodeKind.SERVICE),
                Console.NodeCreated.class).secret();
        admin.call(MessageType.USERS_SAVE, new Console.SaveUser("alice", "Alice", List.of(), true,
                List.of(ServiceType.GM), true, "alice-password", Priority.EMERGENCY), Console.User.class);
        Console.ApplicationCreated created = admin.call(MessageType.APPLICATIONS_CREATE,
                new Console.CreateApplication("Board", true), Console.ApplicationCreated.class);

        upstreamA = new EchoUpstream("a", received);
        upstreamB = new EchoUpstream("b", received);
        gmNode = connect(Endpoint.REGISTRATION, Authenticator.node("gm-node", gmSecret));
        registerInstances();

        applicationId = created.applicationId();
        app = connect(Endpoint.CSC14, Authenticator.application(created.applicationId(), created.secret()));
        Csc14.AuthorizationResult granted = app.call(MessageType.UPDATE_AUTHORIZATION, new Csc14.UpdateAuthorization("alice",
                Csc14.RequestType.AUTHORIZE, List.of(new ServiceRef(ServiceType.GM, "CSC-2")), null),
                Csc14.AuthorizationResult.class);
        assertThat(granted.result()).isEqualTo(Common.Result.SUCCESS);
        profileId = granted.applicationProfiles().get(0).applicationProfileId();
        token = app.call(MessageType.AUTH_USER, new Auth.UserLogin("alice", "alice-password"), Auth.UserToken.class).userToken();

        sas = AccessServer.start(config(AccessConfig.defaults("127.0.0.1", 0).withLimits(4096, 1000, 50)),
                registry.base(), "sas-1", sasSecret, null);
    }

    /** The service access server's settings; a test class may tighten them. */
    AccessConfig config(AccessConfig defaults) {
        return defaults;
    }

    /** Registers the GM service's instances; a test class may put its own upstreams there instead. */
    void registerInstances() throws Exception {
        register("gm-a", upstreamA.port());
        register("gm-b", upstreamB.port());
    }

    void register(String serviceId, int port) throws Exception {
        register(serviceId, port, 30);
    }

    /** @param ttlSeconds how long the instance stays registered without a heartbeat (at most 300) */
    void register(String serviceId, int port, int ttlSeconds) throws Exception {
        gmNode.call(MessageType.REGISTER_SERVICE, new Registration.RegisterService(serviceId, ServiceType.GM, "CSC-2",
                List.of("HTTP"), "1", "http", "127.0.0.1", port, "/gm", ttlSeconds, Map.of()), Registration.Lease.class);
    }

    ProtocolClient connect(Endpoint endpoint, Authenticator auth) throws Exception {
        ProtocolClient c = ProtocolClient.builder(registry.base(), endpoint).authenticator(auth).build();
        c.connect().get(10, TimeUnit.SECONDS);
        return c;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {sas, app, gmNode, admin, upstreamA, upstreamB, registry}) {
            if (c != null) {
                c.close();
            }
        }
        LeakWatch.assertNoLeaks();
    }

    HttpResponse<String> get(String path, String bearer, String priority) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sas.port() + path)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (priority != null) {
            b.header("MC-Priority", priority);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
