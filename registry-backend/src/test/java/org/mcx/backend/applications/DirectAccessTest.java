package org.mcx.backend.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.applications.Harness.authorize;
import static org.mcx.backend.applications.Harness.call;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.message.Registration;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceLocation;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/**
 * The NOTE of 10.X.5 with {@code --trusted-direct-access}: a trusted-domain application is told
 * the service's own location; every other application, and the console, see the service access server.
 */
class DirectAccessTest {
    static final ServiceLocation GM_INSTANCE = new ServiceLocation("http", "gm-1.internal", 9080, "/gm");

    @TempDir
    Path dir;
    Harness h;
    ServiceLocation sas;

    @BeforeEach
    void start() throws Exception {
        h = Harness.start(dir, c -> c.withSasPort(8444).withTrustedDirectAccess(true));
        sas = h.fixture().backend().sasLocation("");
        h.saveUser("alice", true, List.of(ServiceType.GM, ServiceType.MCPTT));
        Console.NodeCreated created = call(h.admin(), MessageType.NODES_CREATE,
                new Console.CreateNode("gm-node", Console.NodeKind.SERVICE));
        ProtocolClient node = h.connect(h.builder(Endpoint.REGISTRATION)
                .authenticator(Authenticator.node("gm-node", created.secret())));
        call(node, MessageType.REGISTER_SERVICE, new Registration.RegisterService("gm-1", ServiceType.GM, "CSC-2",
                List.of("HTTP"), "1", GM_INSTANCE.scheme(), GM_INSTANCE.host(), GM_INSTANCE.port(),
                GM_INSTANCE.basePath(), 30, Map.of()));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aTrustedApplicationIsGivenTheServicesOwnLocationAndTheConsoleStillSeesTheAccessServer() throws Exception {
        Console.ApplicationCreated created = h.createApplication("Dispatch board", true);
        ProtocolClient app = h.application(created, Inbox.acking());

        Csc14.AuthorizationResult granted = call(app, MessageType.UPDATE_AUTHORIZATION,
                authorize("alice", Harness.GM, Harness.MCPTT));

        ApplicationProfile gm = profileFor(granted.applicationProfiles(), ServiceType.GM);
        assertThat(gm.serviceLocation()).isEqualTo(GM_INSTANCE);
        assertThat(profileFor(granted.applicationProfiles(), ServiceType.MCPTT).serviceLocation())
                .as("no live MCPTT instance: the access server's address").satisfies(this::isAccessServer);
        Csc14.ApplicationProfileResult fetched = call(app, MessageType.GET_APPLICATION_PROFILE,
                new Csc14.GetApplicationProfile(gm.applicationProfileId(), null));
        assertThat(fetched.applicationProfile().serviceLocation()).isEqualTo(GM_INSTANCE);
        Console.Profiles seenByConsole = call(h.admin(), MessageType.PROFILES_LIST,
                new Console.ListProfiles(created.applicationId()));
        assertThat(seenByConsole.applicationProfiles()).allSatisfy(p -> isAccessServer(p.serviceLocation()));
    }

    @Test
    void anApplicationOutsideTheTrustedDomainGoesThroughTheAccessServer() throws Exception {
        Console.ApplicationCreated created = h.createApplication("Outside board", false);
        ApplicationProfile saved = h.saveProfile(Harness.newProfile(created.applicationId(), Harness.GM), 0);
        ProtocolClient app = h.application(created, Inbox.acking());

        Csc14.ApplicationProfileResult fetched = call(app, MessageType.GET_APPLICATION_PROFILE,
                new Csc14.GetApplicationProfile(saved.applicationProfileId(), null));

        isAccessServer(fetched.applicationProfile().serviceLocation());
    }

    private void isAccessServer(ServiceLocation location) {
        assertThat(location.host()).isEqualTo(sas.host());
        assertThat(location.port()).isEqualTo(8444);
        assertThat(location.basePath()).startsWith("/services/");
    }

    private static ApplicationProfile profileFor(List<ApplicationProfile> profiles, ServiceType type) {
        return profiles.stream().filter(p -> p.authorizedService().serviceType() == type).findFirst().orElseThrow();
    }
}
