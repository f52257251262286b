package org.mcx.backend.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.registry.RegistryTestKit.aboutLease;
import static org.mcx.backend.registry.RegistryTestKit.call;
import static org.mcx.backend.registry.RegistryTestKit.mcptt;
import static org.mcx.backend.registry.RegistryTestKit.refusal;
import static org.mcx.backend.registry.RegistryTestKit.registration;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Registration;
import org.mcx.protocol.model.ServiceQuery;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/** Registration, heartbeats, deregistration, expiry and services.list against a real backend. */
class RegistrationEndToEndTest {
    @TempDir
    Path dir;
    RegistryTestKit kit;
    ProtocolClient nodeA;

    @BeforeEach
    void start() throws Exception {
        kit = RegistryTestKit.start(dir);
        nodeA = kit.serviceNode("node-a");
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    @Test
    void registerHeartbeatAndDeregister() throws Exception {
        Registration.Lease lease = call(nodeA, MessageType.REGISTER_SERVICE, mcptt("ptt-1", "10.0.0.1", 30));
        assertThat(lease.leaseId()).startsWith("l-");
        assertThat(lease.ttlSeconds()).isEqualTo(30);
        Common.Event registered = kit.awaitEvent("service.registered", aboutLease(lease.leaseId()), RegistryTestKit.WAIT);
        assertThat(registered.data().path("serviceId").asText()).isEqualTo("ptt-1");
        assertThat(registered.data().path("serviceType").asText()).isEqualTo("MCPTT");
        assertThat(registered.data().path("interface").asText()).isEqualTo("MCPTT-1");

        Registration.HeartbeatAck ack = call(nodeA, MessageType.HEARTBEAT, new Registration.Heartbeat(lease.leaseId()));
        assertThat(ack.ttlSeconds()).isEqualTo(30);

        Common.Empty gone = call(nodeA, MessageType.DEREGISTER_SERVICE, new Registration.DeregisterService(lease.leaseId()));
        assertThat(gone).isNotNull();
        Common.Event deregistered = kit.awaitEvent("service.deregistered", aboutLease(lease.leaseId()), RegistryTestKit.WAIT);
        assertThat(deregistered.data().path("reason").asText()).isEqualTo("deregistered");
        assertThat(kit.services(ServiceQuery.all()).services()).isEmpty();
        refusal(nodeA, MessageType.HEARTBEAT, new Registration.Heartbeat(lease.leaseId()), ErrorCode.NOT_FOUND);
        refusal(nodeA, MessageType.DEREGISTER_SERVICE, new Registration.DeregisterService(lease.leaseId()),
                ErrorCode.NOT_FOUND);
    }

    @Test
    void anotherNodeCannotRenewOrDeregisterALease() throws Exception {
        ProtocolClient nodeB = kit.serviceNode("node-b");
        Registration.Lease lease = call(nodeA, MessageType.REGISTER_SERVICE, mcptt("ptt-1", "10.0.0.1", 30));

        var heartbeat = refusal(nodeB, MessageType.HEARTBEAT, new Registration.Heartbeat(lease.leaseId()), ErrorCode.NOT_FOUND);
        var unknown = refusal(nodeB, MessageType.HEARTBEAT, new Registration.Heartbeat("l-no-such-lease"), ErrorCode.NOT_FOUND);
        assertThat(heartbeat.getMessage()).as("must not reveal that the lease exists").isEqualTo(unknown.getMessage());
        refusal(nodeB, MessageType.DEREGISTER_SERVICE, new Registration.DeregisterService(lease.leaseId()),
                ErrorCode.NOT_FOUND);

        assertThat(kit.services(ServiceQuery.all()).services()).extracting(Console.ServiceInstance::leaseId)
                .containsExactly(lease.leaseId());
        call(nodeA, MessageType.HEARTBEAT, new Registration.Heartbeat(lease.leaseId()));
    }

    @Test
    void reRegisteringAServiceReplacesItsLease() throws Exception {
        Registration.Lease first = call(nodeA, MessageType.REGISTER_SERVICE, mcptt("ptt-1", "10.0.0.1", 30));
        Registration.Lease second = call(nodeA, MessageType.REGISTER_SERVICE, mcptt("ptt-1", "10.0.0.2", 30));

        assertThat(second.leaseId()).isNotEqualTo(first.leaseId());
        List<Console.ServiceInstance> listed = kit.services(ServiceQuery.all()).services();
        assertThat(listed).extracting(Console.ServiceInstance::leaseId).containsExactly(second.leaseId());
        assertThat(listed.get(0).host()).isEqualTo("10.0.0.2");
        refusal(nodeA, MessageType.HEARTBEAT, new Registration.Heartbeat(first.leaseId()), ErrorCode.NOT_FOUND);

        Common.Event replaced = kit.awaitEvent("service.deregistered", aboutLease(first.leaseId()), RegistryTestKit.WAIT);
        assertThat(replaced.data().path("reason").asText()).isEqualTo("replaced");
        Common.Event registered = kit.awaitEvent("service.registered", aboutLease(second.leaseId()), RegistryTestKit.WAIT);
        assertThat(registered.data().path("replacedLeaseId").asText()).isEqualTo(first.leaseId());
    }

    @Test
    void theSameServiceIdFromAnotherNodeIsAnotherInstance() throws Exception {
        ProtocolClient nodeB = kit.serviceNode("node-b");
        call(nodeA, MessageType.REGISTER_SERVICE, mcptt("ptt-1", "10.0.0.1", 30));
        call(nodeB, MessageType.REGISTER_SERVICE, mcptt("ptt-1", "10.0.0.2", 30));

        assertThat(kit.services(ServiceQuery.all()).services()).extracting(Console.ServiceInstance::nodeId)
                .containsExactly("node-a", "node-b");
    }

    @Test
    void servicesListShowsEverythingAboutEachInstance() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        Registration.RegisterService body = mcptt("ptt-1", "10.0.0.1", 30);
        Registration.Lease lease = call(nodeA, MessageType.REGISTER_SERVICE, body);

        Console.ServiceInstance listed = kit.services(ServiceQuery.all()).services().get(0);
        assertThat(listed.serviceId()).isEqualTo("ptt-1");
        assertThat(listed.leaseId()).isEqualTo(lease.leaseId());
        assertThat(listed.serviceType()).isEqualTo(ServiceType.MCPTT);
        assertThat(listed.serviceInterface()).isEqualTo("MCPTT-1");
        assertThat(listed.protocols()).containsExactly("HTTP", "SIP");
        assertThat(listed.version()).isEqualTo("1.0");
        assertThat(listed.scheme()).isEqualTo("http");
        assertThat(listed.host()).isEqualTo("10.0.0.1");
        assertThat(listed.port()).isEqualTo(8443);
        assertThat(listed.basePath()).isEqualTo("/api");
        assertThat(listed.status()).isEqualTo(Console.InstanceStatus.UP);
        assertThat(listed.registeredAt()).isAfter(before);
        assertThat(listed.lastHeartbeat()).isAfterOrEqualTo(listed.registeredAt());
        assertThat(listed.ttlSeconds()).isEqualTo(30);
        assertThat(listed.nodeId()).isEqualTo("node-a");
        assertThat(listed.metadata()).isEqualTo(body.metadata());
    }

    @Test
    void servicesListAppliesTheQuery() throws Exception {
        call(nodeA, MessageType.REGISTER_SERVICE, mcptt("ptt-1", "10.0.0.1", 30));
        call(nodeA, MessageType.REGISTER_SERVICE, registration("gm-1", ServiceType.GM, "CSC-2", "2.1", 30,
                List.of("HTTP"), "10.0.0.3", 9000, Map.of("description", "Group management")));

        assertThat(ids(new ServiceQuery(ServiceType.GM, null, null, null, null))).containsExactly("gm-1");
        assertThat(ids(new ServiceQuery(null, "MCPTT-1", null, null, null))).containsExactly("ptt-1");
        assertThat(ids(new ServiceQuery(null, null, "SIP", null, null))).containsExactly("ptt-1");
        assertThat(ids(new ServiceQuery(null, null, null, "2.1", null))).containsExactly("gm-1");
        assertThat(ids(new ServiceQuery(null, null, null, null, "GROUP-CALL"))).containsExactly("ptt-1");
        assertThat(ids(new ServiceQuery(null, null, null, null, "management"))).containsExactly("gm-1");
        assertThat(ids(new ServiceQuery(ServiceType.KM, null, null, null, null))).isEmpty();
    }

    @Test
    void aLeaseNotRenewedExpiresAndConsolesAreTold() throws Exception {
        Registration.Lease lease = call(nodeA, MessageType.REGISTER_SERVICE, mcptt("ptt-1", "10.0.0.1", 5));

        Common.Event expired = kit.awaitEvent("service.expired", aboutLease(lease.leaseId()), Duration.ofSeconds(15));

        assertThat(expired.data().path("serviceId").asText()).isEqualTo("ptt-1");
        assertThat(expired.data().path("interface").asText()).isEqualTo("MCPTT-1");
        assertThat(kit.services(ServiceQuery.all()).services()).isEmpty();
        refusal(nodeA, MessageType.HEARTBEAT, new Registration.Heartbeat(lease.leaseId()), ErrorCode.NOT_FOUND);
    }

    @Test
    void heartbeatsKeepALeaseAlive() throws Exception {
        Registration.Lease kept = call(nodeA, MessageType.REGISTER_SERVICE, mcptt("ptt-kept", "10.0.0.1", 5));
        Registration.Lease left = call(nodeA, MessageType.REGISTER_SERVICE, mcptt("ptt-left", "10.0.0.2", 5));
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        // The unrenewed lease's expiry is the clock: until it arrives the renewed one is kept alive.
        Common.Event expired = null;
        while (expired == null && System.nanoTime() < deadline) {
            call(nodeA, MessageType.HEARTBEAT, new Registration.Heartbeat(kept.leaseId()));
            expired = kit.pollEvent("service.expired", aboutLease(left.leaseId()), Duration.ofSeconds(1));
        }
        assertThat(expired).as("the unrenewed lease expired").isNotNull();
        call(nodeA, MessageType.HEARTBEAT, new Registration.Heartbeat(kept.leaseId()));
        assertThat(kit.services(ServiceQuery.all()).services()).extracting(Console.ServiceInstance::leaseId)
                .containsExactly(kept.leaseId());
    }

    private List<String> ids(ServiceQuery query) throws Exception {
        return kit.services(query).services().stream().map(Console.ServiceInstance::serviceId).toList();
    }
}
