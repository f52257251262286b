package org.mcx.backend.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.samples.SampleFixture.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.ReconnectPolicy;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.message.Registration;
import org.mcx.protocol.model.ServiceCapability;
import org.mcx.protocol.model.ServiceQuery;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;
import org.mcx.samples.SampleKind;
import org.mcx.samples.RegistrationListener;
import org.mcx.samples.SampleServices;
import org.mcx.samples.SampleServer;
import org.mcx.samples.NodeCredentials;

/** Sample servers register, stay registered, come back after a restart and leave cleanly: against a real backend. */
class SampleRegistrationTest {
    @TempDir
    Path dir;
    SampleFixture f;
    NodeCredentials node;

    @BeforeEach
    void start() throws Exception {
        f = SampleFixture.start(dir);
        node = f.serviceNode("samples");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** Leases as the servers report them: (serviceId, leaseId). */
    record Granted(String serviceId, String leaseId) {
    }

    static RegistrationListener into(BlockingQueue<Granted> leases) {
        return new RegistrationListener() {
            @Override
            public void registered(String serviceId, String leaseId) {
                leases.add(new Granted(serviceId, leaseId));
            }
        };
    }

    @Test
    void theServersAppearInServicesListAndInDiscovery() throws Exception {
        SampleServices samples = f.own(SampleServices.builder(f.backend().base(), node).start());
        await(samples.registered());

        List<Console.ServiceInstance> listed = f.services();
        assertThat(listed).extracting(Console.ServiceInstance::serviceId)
                .containsExactlyInAnyOrder("gm-1", "gm-2", "cm-1", "mcptt-1", "mcptt-2", "idm-1");
        for (SampleServer server : samples.servers()) {
            Console.ServiceInstance i = listed.stream().filter(s -> s.serviceId().equals(server.instance())).findFirst()
                    .orElseThrow();
            assertThat(i.serviceType()).isEqualTo(server.kind().serviceType());
            assertThat(i.serviceInterface()).isEqualTo(server.kind().serviceInterface());
            assertThat(i.scheme()).isEqualTo("http");
            assertThat(i.host()).isEqualTo("127.0.0.1");
            assertThat(i.port()).isEqualTo(server.port());
            assertThat(i.basePath()).isEqualTo(server.basePath());
            assertThat(i.protocols()).containsExactly("HTTP");
            assertThat(i.ttlSeconds()).isEqualTo(15);
            assertThat(i.nodeId()).isEqualTo("samples");
            assertThat(i.status()).isEqualTo(Console.InstanceStatus.UP);
            assertThat(i.metadata()).containsEntry("description", server.kind().description());
        }

        f.saveUser("alice", ServiceType.GM, ServiceType.CM, ServiceType.MCPTT, ServiceType.IDM);
        Console.ApplicationCreated app = f.call(MessageType.APPLICATIONS_CREATE, new Console.CreateApplication("Board", false));
        ProtocolClient client = f.own(f.connect(ProtocolClient.builder(f.backend().base(), Endpoint.CSC14)
                .authenticator(Authenticator.application(app.applicationId(), app.secret()))
                .reconnect(ReconnectPolicy.disabled()).build()));
        Csc14.ServiceInformation info = await(client.request(MessageType.GET_SERVICE_INFORMATION,
                new Csc14.GetServiceInformation("alice", ServiceQuery.all()), Csc14.ServiceInformation.class));
        assertThat(info.services()).extracting(ServiceCapability::serviceType, ServiceCapability::serviceInterface)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(ServiceType.GM, "CSC-2"),
                        org.assertj.core.groups.Tuple.tuple(ServiceType.CM, "CSC-4"),
                        org.assertj.core.groups.Tuple.tuple(ServiceType.MCPTT, "MCPTT-1"),
                        org.assertj.core.groups.Tuple.tuple(ServiceType.IDM, "CSC-1"));
        ServiceCapability gm = info.services().stream().filter(c -> c.serviceType() == ServiceType.GM).findFirst().orElseThrow();
        assertThat(gm.description()).isEqualTo("Group management");
        assertThat(gm.capabilities()).containsExactly("groups", "members");
        assertThat(gm.version()).isEqualTo(SampleKind.VERSION);
    }

    @Test
    void heartbeatsKeepTheLeaseAlivePastItsTtl() throws Exception {
        // Four renewals at ttl/3 span more than the 5 s TTL: without them the lease would have expired.
        CountDownLatch renewals = new CountDownLatch(4);
        BlockingQueue<Granted> leases = new LinkedBlockingQueue<>();
        f.own(SampleServices.builder(f.backend().base(), node).specs(List.of(new SampleServices.Spec(SampleKind.GM, "gm-1")))
                .ttlSeconds(5).listener(new RegistrationListener() {
                    @Override
                    public void registered(String serviceId, String leaseId) {
                        leases.add(new Granted(serviceId, leaseId));
                    }

                    @Override
                    public void renewed(String serviceId, String leaseId) {
                        renewals.countDown();
                    }
                }).start());
        Granted first = leases.poll(10, TimeUnit.SECONDS);
        assertThat(first).isNotNull();

        assertThat(renewals.await(20, TimeUnit.SECONDS)).as("four heartbeats answered").isTrue();

        assertThat(f.services()).extracting(Console.ServiceInstance::leaseId).containsExactly(first.leaseId());
        assertThat(f.drainEvents()).extracting(Common.Event::topic).doesNotContain("service.expired");
        assertThat(leases).as("never had to register again").isEmpty();
    }

    @Test
    void aLeaseTheRegistryForgotIsRegisteredAgainOnTheNextHeartbeat() throws Exception {
        BlockingQueue<Granted> leases = new LinkedBlockingQueue<>();
        f.own(SampleServices.builder(f.backend().base(), node).specs(List.of(new SampleServices.Spec(SampleKind.CM, "cm-1")))
                .ttlSeconds(5).listener(into(leases)).start());
        Granted first = leases.poll(10, TimeUnit.SECONDS);
        assertThat(first).isNotNull();

        // The same node, on another connection, gives the lease back behind the server's back.
        ProtocolClient other = f.own(f.connect(ProtocolClient.builder(f.backend().base(), Endpoint.REGISTRATION)
                .authenticator(Authenticator.node(node.nodeId(), node.secret())).reconnect(ReconnectPolicy.disabled())
                .build()));
        await(other.request(MessageType.DEREGISTER_SERVICE, new Registration.DeregisterService(first.leaseId()),
                Common.Empty.class));

        Granted again = leases.poll(10, TimeUnit.SECONDS);
        assertThat(again).as("registered again after a heartbeat answered NOT_FOUND").isNotNull();
        assertThat(again.serviceId()).isEqualTo("cm-1");
        assertThat(again.leaseId()).isNotEqualTo(first.leaseId());
        assertThat(f.services()).extracting(Console.ServiceInstance::leaseId).containsExactly(again.leaseId());
    }

    @Test
    void afterABackendRestartTheyRegisterAgainByThemselves() throws Exception {
        BlockingQueue<Granted> leases = new LinkedBlockingQueue<>();
        SampleServices samples = f.own(SampleServices.builder(f.backend().base(), node).listener(into(leases)).start());
        await(samples.registered());
        Map<String, String> before = new HashMap<>();
        leases.drainTo(new java.util.ArrayList<>()); // the first leases, already known from registered()
        f.services().forEach(s -> before.put(s.serviceId(), s.leaseId()));
        assertThat(before).hasSize(6);

        f.backend().restart();
        f.connectAdmin();

        // Leases are soft state: the restarted registry knows none until each server registers again.
        Map<String, String> after = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (after.size() < before.size() && System.nanoTime() < deadline) {
            Granted g = leases.poll(1, TimeUnit.SECONDS);
            if (g != null) {
                after.put(g.serviceId(), g.leaseId());
            }
        }
        assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
        List<Console.ServiceInstance> listed = f.services();
        assertThat(listed).extracting(Console.ServiceInstance::serviceId)
                .containsExactlyInAnyOrderElementsOf(before.keySet());
        for (Console.ServiceInstance s : listed) {
            assertThat(s.leaseId()).isNotEqualTo(before.get(s.serviceId()));
        }
    }

    @Test
    void closingDeregistersEveryServer() throws Exception {
        SampleServices samples = SampleServices.builder(f.backend().base(), node).start();
        await(samples.registered());
        assertThat(f.services()).hasSize(6);

        samples.close();

        for (int i = 0; i < 6; i++) {
            Common.Event gone = f.nextEvent("service.deregistered", e -> true, SampleFixture.WAIT);
            assertThat(gone).as("deregistration %d of 6", i + 1).isNotNull();
            assertThat(gone.data().path("reason").asText()).isEqualTo("deregistered");
        }
        assertThat(f.services()).isEmpty();
    }
}
