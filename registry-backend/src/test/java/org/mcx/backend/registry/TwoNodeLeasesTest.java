package org.mcx.backend.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mcx.backend.registry.RegistryTestKit.aboutLease;
import static org.mcx.backend.registry.RegistryTestKit.call;
import static org.mcx.backend.registry.RegistryTestKit.mcptt;
import static org.mcx.backend.registry.RegistryTestKit.refusal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.store.PostgresConfig;
import org.mcx.backend.store.Sql;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.TestStores;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.message.Registration;
import org.mcx.protocol.model.ServiceCapability;
import org.mcx.protocol.model.ServiceQuery;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/**
 * Several backend nodes in one JVM on one embedded PostgreSQL database, as issue 13 runs them, over
 * real WebSockets: a lease granted on one node is known on every node, its heartbeats may move, and
 * its expiry is published once whichever nodes sweep. The registry's real times apply (the smallest
 * TTL, 5 s, and the 2 s grace): the tests wait for events, and where the point is that nothing
 * happens, they keep the service heartbeating for longer than it would have taken.
 */
class TwoNodeLeasesTest {
    private static final Duration EXPIRY_WAIT = Duration.ofSeconds(30);
    private static final String SERVICE_NODE = "svc-node";

    @TempDir
    Path dir;
    private final List<RegistryTestKit> kits = new ArrayList<>();
    private PostgresConfig shared;
    private String secret;

    @BeforeEach
    void onPostgresOnly() {
        assumeTrue(TestStores.onPostgres(),
                "several backend nodes share a database only on PostgreSQL: an H2 file is held by one process");
        shared = TestStores.postgresFor(dir.resolve("db"));
    }

    @AfterEach
    void stop() {
        kits.forEach(RegistryTestKit::close);
    }

    @Test
    void aServiceRegisteredOnOneNodeIsDiscoveredOnTheOther() throws Exception {
        RegistryTestKit a = node("a");
        RegistryTestKit b = node("b");
        ProtocolClient onA = serviceNode(a);
        Registration.Lease lease = call(onA, MessageType.REGISTER_SERVICE, mcptt("ptt-1", "10.0.0.1", 30));

        // At once on the other node, which may not have heard of the lease yet: it waits for it.
        ProtocolClient onB = serviceNode(b);
        Registration.HeartbeatAck ack = call(onB, MessageType.HEARTBEAT, new Registration.Heartbeat(lease.leaseId()));
        assertThat(ack.ttlSeconds()).isEqualTo(30);

        b.awaitEvent("service.registered", aboutLease(lease.leaseId()), RegistryTestKit.WAIT);
        assertThat(b.services(ServiceQuery.all()).services()).as("listed where the console heard of it")
                .extracting(Console.ServiceInstance::leaseId).containsExactly(lease.leaseId());

        a.saveUser("alice", true, ServiceType.MCPTT);
        Console.ApplicationCreated app = call(a.admin, MessageType.APPLICATIONS_CREATE,
                new Console.CreateApplication("Dispatch", false));
        ProtocolClient appOnB = b.connect(Endpoint.CSC14, Authenticator.application(app.applicationId(), app.secret()));
        Csc14.ServiceInformation info = call(appOnB, MessageType.GET_SERVICE_INFORMATION,
                new Csc14.GetServiceInformation("alice", null));
        assertThat(info.services()).extracting(ServiceCapability::serviceInterface).containsExactly("MCPTT-1");
    }

    @Test
    void heartbeatsMovedToTheOtherNodeKeepTheLeaseAliveAfterTheFirstStops() throws Exception {
        RegistryTestKit a = node("a");
        RegistryTestKit b = node("b");
        Registration.Lease lease = call(serviceNode(a), MessageType.REGISTER_SERVICE, mcptt("ptt-1", "10.0.0.1", 5));
        b.awaitEvent("service.registered", aboutLease(lease.leaseId()), RegistryTestKit.WAIT);
        ProtocolClient onB = serviceNode(b);
        stop(a);

        // Every second, as a service with a 5 s TTL would, for longer than its lease, the grace
        // and a sweep together: had anyone gone by the deadline written at registration, it would
        // have expired meanwhile.
        int beats = 10;
        CountDownLatch renewed = new CountDownLatch(beats);
        CompletableFuture<Void> refused = new CompletableFuture<>();
        ScheduledExecutorService service = Executors.newSingleThreadScheduledExecutor();
        try {
            service.scheduleAtFixedRate(() -> {
                try {
                    call(onB, MessageType.HEARTBEAT, new Registration.Heartbeat(lease.leaseId()));
                    renewed.countDown();
                } catch (Exception e) {
                    refused.completeExceptionally(e);
                }
            }, 0, 1, TimeUnit.SECONDS);
            assertThat(renewed.await(beats * 3L, TimeUnit.SECONDS)).as("ten heartbeats answered").isTrue();
        } finally {
            service.shutdownNow();
        }
        assertThat(refused).isNotDone();
        assertThat(expiredEvents(b, lease.leaseId())).isZero();
        assertThat(b.services(ServiceQuery.all()).services()).extracting(Console.ServiceInstance::leaseId)
                .containsExactly(lease.leaseId());
    }

    @Test
    void aLeaseWhoseHolderStoppedIsExpiredOnceByTheSurvivor() throws Exception {
        RegistryTestKit a = node("a");
        RegistryTestKit b = node("b");
        ProtocolClient onA = serviceNode(a);
        Registration.Lease lease = call(onA, MessageType.REGISTER_SERVICE, mcptt("ptt-1", "10.0.0.1", 5));
        call(onA, MessageType.HEARTBEAT, new Registration.Heartbeat(lease.leaseId()));
        b.awaitEvent("service.registered", aboutLease(lease.leaseId()), RegistryTestKit.WAIT);
        stop(a);

        Common.Event expired = b.awaitEvent("service.expired", aboutLease(lease.leaseId()), EXPIRY_WAIT);
        assertThat(expired.data().path("serviceId").asText()).isEqualTo("ptt-1");
        assertThat(expiredEvents(b, lease.leaseId())).isEqualTo(1);
        assertThat(b.services(ServiceQuery.all()).services()).isEmpty();
        refusal(serviceNode(b), MessageType.HEARTBEAT, new Registration.Heartbeat(lease.leaseId()), ErrorCode.NOT_FOUND);
    }

    @Test
    void withTwoNodesSweepingEachExpiryIsPublishedOnce() throws Exception {
        RegistryTestKit a = node("a");
        RegistryTestKit b = node("b");
        RegistryTestKit c = node("c");
        ProtocolClient onC = serviceNode(c);
        int count = 40;
        Set<String> leases = new HashSet<>();
        for (int i = 0; i < count; i++) {
            Registration.Lease lease = call(onC, MessageType.REGISTER_SERVICE, mcptt("ptt-" + i, "10.0.1." + i, 5));
            leases.add(lease.leaseId());
        }
        awaitAll(a, "service.registered", leases, RegistryTestKit.WAIT);
        awaitAll(b, "service.registered", leases, RegistryTestKit.WAIT);
        // The node that took the heartbeats stops: its deadlines are every other node's to sweep, after the grace, at once.
        stop(c);

        awaitAll(a, "service.expired", leases, EXPIRY_WAIT);
        List<String> expired = a.fixture.backend().context().db().read(conn -> Sql.query(conn,
                "SELECT data FROM events WHERE topic = 'service.expired'", rs -> rs.getString(1))).join();
        assertThat(expired).hasSize(count);
        for (String lease : leases) {
            assertThat(expired).as("expiries of %s", lease).filteredOn(data -> data.contains(lease)).hasSize(1);
        }
        assertThat(a.fixture.backend().context().db().read(conn ->
                Sql.queryLong(conn, "SELECT COUNT(*) FROM service_leases")).join()).isZero();
        assertThat(b.services(ServiceQuery.all()).services()).isEmpty();
    }

    /** A backend node of the system on the shared database, with an administrator's console subscribed to service.*. */
    private RegistryTestKit node(String name) throws Exception {
        BackendFixture fixture = BackendFixture.start(dir.resolve(name), "primary",
                config -> config.withStore(config.store().withPostgres(shared)));
        RegistryTestKit kit = new RegistryTestKit(fixture);
        kits.add(kit);
        return kit;
    }

    /** The one MC service node, connected on /registration to {@code kit}'s backend node. */
    private ProtocolClient serviceNode(RegistryTestKit kit) throws Exception {
        if (secret == null) {
            secret = kit.createNode(SERVICE_NODE);
        }
        return kit.connect(Endpoint.REGISTRATION, Authenticator.node(SERVICE_NODE, secret));
    }

    private void stop(RegistryTestKit kit) {
        kits.remove(kit);
        kit.close();
    }

    /** Waits until {@code kit}'s console has heard {@code topic} for every lease, each once. */
    private static void awaitAll(RegistryTestKit kit, String topic, Set<String> leases, Duration within)
            throws InterruptedException {
        Set<String> heard = new HashSet<>();
        while (heard.size() < leases.size()) {
            Common.Event e = kit.awaitEvent(topic, ev -> leases.contains(ev.data().path("leaseId").asText()), within);
            assertThat(heard.add(e.data().path("leaseId").asText())).as("heard once: %s", e).isTrue();
        }
    }

    private static long expiredEvents(RegistryTestKit kit, String leaseId) {
        return kit.fixture.backend().context().db().read(c -> Sql.queryLong(c,
                "SELECT COUNT(*) FROM events WHERE topic = 'service.expired' AND data LIKE ?", "%" + leaseId + "%")).join();
    }
}
