package org.mcx.backend.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mcx.backend.registry.RegistryTestKit.mcptt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.store.Sql;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Registration;

/**
 * Leases against the real database and event log, with the registry's clock in the test's hand:
 * expiry is driven by moving the clock and sweeping, never by waiting for a TTL.
 */
class LeaseExpiryTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;
    BackendFixture fixture;
    SystemContext ctx;
    final AtomicLong clock = new AtomicLong(-5 * SECOND); // negative on purpose: so may nanoTime be
    RegistryModule registry;
    final List<Common.Event> events = new CopyOnWriteArrayList<>();
    /** Whether the lease named by each event was in the table when the event was published. */
    final List<Boolean> inTableAtPublish = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fixture = BackendFixture.start(dir);
        ctx = fixture.backend().context();
        registry = new RegistryModule(ctx, fixture.backend().identity().directory(), clock::get, null);
        ctx.events().bus().subscribe(e -> {
            if (e.event().topic().startsWith("service.")) {
                inTableAtPublish.add(registry.table().find(e.event().data().path("leaseId").asText()) != null);
                events.add(e.event());
            }
        });
    }

    @AfterEach
    void stop() {
        registry.close();
        fixture.close();
    }

    @Test
    void aLeaseExpiresOnlyAfterItsTtlWithoutHeartbeat() {
        Registration.Lease lease = register("ptt-1", 5);

        clock.addAndGet(5 * SECOND);
        assertThat(registry.sweepNow().join()).as("exactly at the deadline it still lives").isZero();
        clock.addAndGet(1);
        assertThat(registry.sweepNow().join()).isEqualTo(1);

        assertThat(events).extracting(Common.Event::topic).containsExactly("service.registered", "service.expired");
        Common.Event expired = events.get(1);
        assertThat(expired.data().path("leaseId").asText()).isEqualTo(lease.leaseId());
        assertThat(expired.data().path("serviceId").asText()).isEqualTo("ptt-1");
        assertThat(expired.data().path("serviceType").asText()).isEqualTo("MCPTT");
        assertThat(expired.data().path("interface").asText()).isEqualTo("MCPTT-1");
        assertThat(persistedTopics()).containsExactly("service.registered", "service.expired");
        assertThat(registry.capabilities()).isEmpty();
        assertThat(registry.liveInstances(org.mcx.protocol.model.ServiceType.MCPTT, "MCPTT-1")).isEmpty();
        assertNotFound(() -> registry.registrar().heartbeat("node-a", lease.leaseId()));
    }

    @Test
    void heartbeatsPushTheDeadlineForward() {
        Registration.Lease lease = register("ptt-1", 5);
        for (int i = 0; i < 10; i++) {
            clock.addAndGet(4 * SECOND);
            assertThat(registry.registrar().heartbeat("node-a", lease.leaseId()).ttlSeconds()).isEqualTo(5);
            assertThat(registry.sweepNow().join()).isZero();
        }
        clock.addAndGet(5 * SECOND + 1);
        assertThat(registry.sweepNow().join()).isEqualTo(1);
    }

    @Test
    void aHeartbeatAfterTheDeadlineIsTooLateEvenBeforeTheSweep() {
        Registration.Lease lease = register("ptt-1", 5);
        clock.addAndGet(6 * SECOND);

        assertNotFound(() -> registry.registrar().heartbeat("node-a", lease.leaseId()));
        assertThat(registry.liveInstances(org.mcx.protocol.model.ServiceType.MCPTT, "MCPTT-1"))
                .as("routing skips it before the sweep").isEmpty();
        assertThat(registry.sweepNow().join()).isEqualTo(1);
        assertThat(registry.sweepNow().join()).isZero();
    }

    @Test
    void onlyTheOwnerMayRenew() {
        Registration.Lease lease = register("ptt-1", 5);

        assertNotFound(() -> registry.registrar().heartbeat("node-b", lease.leaseId()));
        clock.addAndGet(4 * SECOND);
        registry.registrar().heartbeat("node-a", lease.leaseId());
        clock.addAndGet(4 * SECOND);
        assertThat(registry.sweepNow().join()).as("node-b's heartbeat renewed nothing, node-a's did").isZero();
    }

    @Test
    void theEventIsCommittedAndTheTableChangedBeforeTheReply() {
        Registration.Lease lease = register("ptt-1", 30);
        assertThat(persistedTopics()).containsExactly("service.registered");
        assertThat(inTableAtPublish).containsExactly(true);

        registry.registrar().deregister("node-a", lease.leaseId()).join();

        assertThat(persistedTopics()).containsExactly("service.registered", "service.deregistered");
        assertThat(inTableAtPublish).as("gone from the table before consoles hear of it").containsExactly(true, false);
    }

    @Test
    void registrationsAreAudited() {
        Registration.Lease lease = register("ptt-1", 5);
        clock.addAndGet(6 * SECOND);
        registry.sweepNow().join();

        List<String> audit = ctx.db().read(c -> Sql.query(c,
                "SELECT action || ' ' || actor || ' ' || target FROM audit_log WHERE action LIKE 'service.%' ORDER BY seq",
                rs -> rs.getString(1))).join();
        assertThat(audit).containsExactly("service.register node:node-a ptt-1", "service.expire system ptt-1");
        assertThat(ctx.db().read(c -> Sql.queryLong(c, "SELECT COUNT(*) FROM audit_log WHERE detail LIKE ?",
                "%" + lease.leaseId() + "%")).join()).isEqualTo(2);
    }

    @Test
    void theSweeperRunsByItselfOnTheTimers() throws Exception {
        RegistryModule swept = new RegistryModule(ctx, fixture.backend().identity().directory(), clock::get, Duration.ofMillis(20));
        try {
            Registration.Lease lease = swept.registrar().register("node-a", mcptt("ptt-9", "10.0.0.9", 5)).join();
            java.util.concurrent.CompletableFuture<Common.Event> expired = new java.util.concurrent.CompletableFuture<>();
            ctx.events().bus().subscribe(e -> {
                if (e.event().topic().equals("service.expired")
                        && e.event().data().path("leaseId").asText().equals(lease.leaseId())) {
                    expired.complete(e.event());
                }
            });
            clock.addAndGet(6 * SECOND);
            assertThat(expired.get(10, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
        } finally {
            swept.close();
        }
    }

    private Registration.Lease register(String serviceId, int ttl) {
        return registry.registrar().register("node-a", mcptt(serviceId, "10.0.0.1", ttl)).join();
    }

    private List<String> persistedTopics() {
        return ctx.db().read(c -> Sql.query(c, "SELECT topic FROM events WHERE topic LIKE 'service.%' ORDER BY seq",
                rs -> rs.getString(1))).join();
    }

    private static void assertNotFound(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
