package org.mcx.backend.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.registry.RegistryTestKit.call;
import static org.mcx.backend.registry.RegistryTestKit.mcptt;
import static org.mcx.backend.registry.RegistryTestKit.refusal;
import static org.mcx.backend.registry.RegistryTestKit.registration;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.RawClient;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.RemoteException;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.message.Registration;
import org.mcx.protocol.model.ServiceCapability;
import org.mcx.protocol.model.ServiceQuery;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/** getServiceInformation on /csc14, as an external application sees it. */
class DiscoveryEndToEndTest {
    @TempDir
    Path dir;
    RegistryTestKit kit;
    ProtocolClient node;
    ProtocolClient app;
    Console.ApplicationCreated application;
    Registration.Lease ptt1;
    Registration.Lease ptt2;

    @BeforeEach
    void start() throws Exception {
        kit = RegistryTestKit.start(dir);
        node = kit.serviceNode("node-a");
        ptt1 = call(node, MessageType.REGISTER_SERVICE, mcptt("ptt-1", "10.0.0.1", 30));
        ptt2 = call(node, MessageType.REGISTER_SERVICE, registration("ptt-2", ServiceType.MCPTT, "MCPTT-1", "1.0", 30,
                List.of("HTTP", "WS"), "10.0.0.2", 8444, Map.of("description", "Mission-critical push to talk",
                        "capabilities", "private-call,group-call")));
        call(node, MessageType.REGISTER_SERVICE, registration("gm-1", ServiceType.GM, "CSC-2", "2.1", 30,
                List.of("HTTP"), "10.0.0.3", 9000, Map.of("description", "Group management", "capabilities", "groups")));
        call(node, MessageType.REGISTER_SERVICE, registration("km-1", ServiceType.KM, "CSC-8", "1.0", 30,
                List.of("HTTP"), "10.0.0.4", 9001, Map.of("description", "Key management")));
        kit.saveUser("alice", true, ServiceType.MCPTT, ServiceType.GM);
        kit.saveUser("bob", false, ServiceType.MCPTT);
        application = call(kit.admin, MessageType.APPLICATIONS_CREATE, new Console.CreateApplication("Dispatch", false));
        app = kit.connect(Endpoint.CSC14, Authenticator.application(application.applicationId(), application.secret()));
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    @Test
    void showsEachAllowedCapabilityOnceWithTheUnionOfItsProtocols() throws Exception {
        Csc14.ServiceInformation info = discover("alice", ServiceQuery.all());

        assertThat(info.result()).isEqualTo(Common.Result.SUCCESS);
        assertThat(info.services()).containsExactly(
                new ServiceCapability(ServiceType.MCPTT, "MCPTT-1", List.of("HTTP", "SIP", "WS"), "1.0",
                        "Mission-critical push to talk", List.of("private-call", "group-call")),
                new ServiceCapability(ServiceType.GM, "CSC-2", List.of("HTTP"), "2.1", "Group management",
                        List.of("groups")));
    }

    @Test
    void neverRevealsWhereOrHowManyInstancesRun() throws Exception {
        try (RawClient raw = new RawClient(kit.fixture.base(), "/csc14")) {
            raw.call("auth.application", "{\"applicationId\":\"" + application.applicationId()
                    + "\",\"secret\":\"" + application.secret() + "\"}");

            JsonNode reply = raw.call("getServiceInformation", "{\"mcServiceId\":\"alice\"}");

            assertThat(reply.path("type").asText()).isEqualTo("getServiceInformation");
            String text = reply.path("body").toString();
            assertThat(text).contains("MCPTT-1")
                    .doesNotContain("host", "port", "10.0.0.", "8443", "8444", "lease", "l-", "serviceId",
                            "ptt-1", "ptt-2", "node", "count", "instances", "scheme", "basePath");
            assertThat(reply.path("body").path("services")).hasSize(2);
            assertThat(reply.path("body").path("services").get(0).properties()).extracting(Map.Entry::getKey)
                    .containsExactlyInAnyOrder("serviceType", "interface", "protocols", "version", "description",
                            "capabilities");
        }
    }

    @Test
    void appliesTheQuery() throws Exception {
        assertThat(types(new ServiceQuery(ServiceType.GM, null, null, null, null))).containsExactly(ServiceType.GM);
        assertThat(types(new ServiceQuery(null, "MCPTT-1", null, null, null))).containsExactly(ServiceType.MCPTT);
        assertThat(types(new ServiceQuery(null, null, "WS", null, null))).containsExactly(ServiceType.MCPTT);
        assertThat(types(new ServiceQuery(null, null, "http", null, null)))
                .containsExactly(ServiceType.MCPTT, ServiceType.GM);
        assertThat(types(new ServiceQuery(null, null, null, "2.1", null))).containsExactly(ServiceType.GM);
        assertThat(types(new ServiceQuery(null, null, null, null, "GROUP-CALL"))).containsExactly(ServiceType.MCPTT);
        assertThat(types(new ServiceQuery(null, null, null, null, "csc-2"))).containsExactly(ServiceType.GM);
        assertThat(types(new ServiceQuery(ServiceType.KM, null, null, null, null))).as("KM is not allowed").isEmpty();
        assertThat(types(new ServiceQuery(ServiceType.MCPTT, null, null, "9.9", null))).isEmpty();
    }

    @Test
    void usersWithoutExternalAccessAndUnknownUsersAreRefusedAlike() {
        RemoteException notAllowed = refusal(app, MessageType.GET_SERVICE_INFORMATION,
                new Csc14.GetServiceInformation("bob", null), ErrorCode.FORBIDDEN);
        RemoteException unknown = refusal(app, MessageType.GET_SERVICE_INFORMATION,
                new Csc14.GetServiceInformation("nobody", null), ErrorCode.FORBIDDEN);

        assertThat(unknown.getMessage()).isEqualTo(notAllowed.getMessage());
    }

    @Test
    void aChangedUserIsEnforcedAtOnce() throws Exception {
        assertThat(types(ServiceQuery.all())).containsExactly(ServiceType.MCPTT, ServiceType.GM);

        kit.saveUser("alice", true, ServiceType.GM);
        assertThat(types(ServiceQuery.all())).containsExactly(ServiceType.GM);

        kit.saveUser("alice", false, ServiceType.GM);
        refusal(app, MessageType.GET_SERVICE_INFORMATION, new Csc14.GetServiceInformation("alice", null),
                ErrorCode.FORBIDDEN);

        kit.saveUser("nobody", true, ServiceType.KM);
        assertThat(discover("nobody", ServiceQuery.all()).services()).extracting(ServiceCapability::serviceType)
                .containsExactly(ServiceType.KM);
    }

    @Test
    void aCapabilityStaysWhileOneInstanceIsLeftAndGoesWithTheLast() throws Exception {
        call(node, MessageType.DEREGISTER_SERVICE, new Registration.DeregisterService(ptt2.leaseId()));
        ServiceCapability ptt = discover("alice", new ServiceQuery(ServiceType.MCPTT, null, null, null, null))
                .services().get(0);
        assertThat(ptt.protocols()).as("WS only came with ptt-2").containsExactly("HTTP", "SIP");

        call(node, MessageType.DEREGISTER_SERVICE, new Registration.DeregisterService(ptt1.leaseId()));
        assertThat(types(ServiceQuery.all())).containsExactly(ServiceType.GM);
    }

    @Test
    void registrationMessagesAreNotForApplications() {
        refusal(app, MessageType.REGISTER_SERVICE, mcptt("evil", "10.6.6.6", 30), ErrorCode.FORBIDDEN);
    }

    private Csc14.ServiceInformation discover(String mcServiceId, ServiceQuery query) throws Exception {
        return call(app, MessageType.GET_SERVICE_INFORMATION, new Csc14.GetServiceInformation(mcServiceId, query));
    }

    private List<ServiceType> types(ServiceQuery query) throws Exception {
        return discover("alice", query).services().stream().map(ServiceCapability::serviceType).toList();
    }
}
