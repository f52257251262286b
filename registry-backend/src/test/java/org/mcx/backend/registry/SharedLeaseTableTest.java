package org.mcx.backend.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.registry.RegistryTestKit.mcptt;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
import org.mcx.protocol.message.Registration;
import org.mcx.protocol.model.ServiceType;

/**
 * The lease table in the database as one node writes and sweeps it, on H2 and on PostgreSQL: the
 * registry's clock is in the test's hand, and other nodes' doings are written to the table as they
 * would write them. Deadlines are compared in the table's epoch milliseconds.
 */
class SharedLeaseTableTest {
    private static final long SECOND = 1_000_000_000L;
    private static final String ELSEWHERE = "another-backend-node";

    @TempDir
    Path dir;
    BackendFixture fixture;
    SystemContext ctx;
    final AtomicLong clock = new AtomicLong(-5 * SECOND);
    RegistryModule registry;

    @BeforeEach
    void start() throws Exception {
        fixture = BackendFixture.start(dir);
        ctx = fixture.backend().context();
        registry = module();
    }

    @AfterEach
    void stop() {
        registry.close();
        fixture.close();
    }

    @Test
    void theRowIsWrittenAndDeletedWithItsEvent() {
        Registration.Lease lease = register("ptt-1", 30);
        assertThat(expiresAt(lease)).isEqualTo(wallNow() + 30_000);
        assertThat(renewedBy(lease)).isEqualTo(ctx.instanceId());

        Registration.Lease again = register("ptt-1", 30);
        assertThat(rowCount()).as("the replaced lease's row went with it").isEqualTo(1);
        registry.registrar().deregister("node-a", again.leaseId()).join();
        assertThat(rowCount()).isZero();
        assertThat(topics()).containsExactly("service.registered", "service.deregistered", "service.registered",
                "service.deregistered");
    }

    @Test
    void renewalsReachTheTableInOneBatchPerFlush() {
        Registration.Lease a = register("ptt-1", 30);
        Registration.Lease b = register("ptt-2", 30);
        Registration.Lease c = register("ptt-3", 30);
        long writtenAtRegistration = expiresAt(c);

        clock.addAndGet(10 * SECOND);
        for (int i = 0; i < 3; i++) {
            registry.registrar().heartbeat("node-a", a.leaseId());
        }
        registry.registrar().heartbeat("node-a", b.leaseId());
        assertThat(expiresAt(a)).as("heartbeats alone write nothing").isEqualTo(writtenAtRegistration);

        assertThat(registry.flushNow().join()).as("a lease renewed three times is one row").isEqualTo(2);
        assertThat(expiresAt(a)).isEqualTo(wallNow() + 30_000);
        assertThat(expiresAt(b)).isEqualTo(wallNow() + 30_000);
        assertThat(expiresAt(c)).isEqualTo(writtenAtRegistration);
        assertThat(registry.flushNow().join()).as("nothing renewed since").isZero();
    }

    @Test
    void aFlushNeverMovesADeadlineBack() {
        Registration.Lease lease = register("ptt-1", 30);
        long later = wallNow() + 300_000;
        setRow(lease, later, ELSEWHERE);

        registry.registrar().heartbeat("node-a", lease.leaseId());
        assertThat(registry.flushNow().join()).isZero();
        assertThat(expiresAt(lease)).isEqualTo(later);
        assertThat(renewedBy(lease)).isEqualTo(ELSEWHERE);
    }

    @Test
    void aLeaseRenewedHereIsNotExpiredBeforeItsDeadlineIsWritten() {
        Registration.Lease lease = register("ptt-1", 5);
        clock.addAndGet(4 * SECOND);
        registry.registrar().heartbeat("node-a", lease.leaseId());
        clock.addAndGet(2 * SECOND);

        assertThat(registry.sweepNow().join()).as("past its deadline in the table, live here").isZero();
        registry.flushNow().join();
        assertThat(expiresAt(lease)).isEqualTo(wallNow() + 3_000);
        clock.addAndGet(3 * SECOND + 1);
        assertThat(registry.sweepNow().join()).isEqualTo(1);
    }

    @Test
    void aDeadlineAnotherNodeWroteIsDueOnlyAfterTheGrace() {
        Registration.Lease lease = register("ptt-1", 5);
        setRow(lease, expiresAt(lease), ELSEWHERE);

        clock.addAndGet(5 * SECOND + 1);
        assertThat(registry.sweepNow().join()).as("that node may hold a renewal it has not written").isZero();
        clock.addAndGet(LeaseSweeper.GRACE.toNanos() - SECOND / 2);
        assertThat(registry.sweepNow().join()).isZero();
        clock.addAndGet(SECOND);
        assertThat(registry.sweepNow().join()).isEqualTo(1);
        assertThat(expiredEvents(lease)).isEqualTo(1);
        assertThat(registry.table().find(lease.leaseId())).isNull();
    }

    @Test
    void twoSweepsAtOncePublishOneExpiry() {
        RegistryModule other = module();
        try {
            Registration.Lease lease = register("ptt-1", 5);
            clock.addAndGet(6 * SECOND);

            CompletableFuture<Integer> first = registry.sweepNow();
            CompletableFuture<Integer> second = other.sweepNow();
            assertThat(first.join() + second.join()).isEqualTo(1);
            assertThat(expiredEvents(lease)).isEqualTo(1);
            assertThat(rowCount()).isZero();
            assertThat(other.table().find(lease.leaseId())).as("both tables follow the one event").isNull();
        } finally {
            other.close();
        }
    }

    @Test
    void aDeadlineWrittenElsewhereKeepsTheLeaseLiveHere() {
        Registration.Lease lease = register("ptt-1", 5);
        clock.addAndGet(4 * SECOND);
        setRow(lease, wallNow() + 5_000, ELSEWHERE); // the service heartbeats on another node now

        assertThat(registry.catchUpNow().join()).as("near its deadline here: looked up and adopted").isEqualTo(1);
        clock.addAndGet(3 * SECOND);
        assertThat(registry.liveInstances(ServiceType.MCPTT, "MCPTT-1")).hasSize(1);
        assertThat(registry.listing().list(new org.mcx.protocol.model.ServiceQuery(null, null, null, null, null))
                .services()).extracting(s -> s.leaseId()).containsExactly(lease.leaseId());
        assertThat(registry.sweepNow().join()).isZero();
        assertThat(registry.registrar().heartbeat("node-a", lease.leaseId()).ttlSeconds())
                .as("the service may come back here").isEqualTo(5);
    }

    @Test
    void aLeaseDeadHereComesBackWhenAnotherNodeRenewedIt() {
        Registration.Lease lease = register("ptt-1", 5);
        clock.addAndGet(6 * SECOND);
        assertThat(registry.liveInstances(ServiceType.MCPTT, "MCPTT-1")).as("past its deadline here").isEmpty();
        setRow(lease, wallNow() + 4_000, ELSEWHERE);

        assertThat(registry.catchUpNow().join()).isEqualTo(1);
        assertThat(registry.liveInstances(ServiceType.MCPTT, "MCPTT-1")).hasSize(1);
    }

    @Test
    void aRestartedNodeFindsTheLeasesWithTheirDeadlines() {
        Registration.Lease lease = register("ptt-1", 30);
        clock.addAndGet(10 * SECOND);
        registry.registrar().heartbeat("node-a", lease.leaseId());
        registry.close(); // writes the renewal

        registry = module();
        Lease loaded = registry.table().find(lease.leaseId());
        assertThat(loaded).isNotNull();
        assertThat(loaded.grant().registration()).isEqualTo(mcptt("ptt-1", "10.0.0.1", 30));
        assertThat(registry.capabilities()).hasSize(1);
        clock.addAndGet(25 * SECOND);
        assertThat(registry.registrar().heartbeat("node-a", lease.leaseId()).ttlSeconds())
                .as("alive 35 s after it was granted: the deadline came from the table").isEqualTo(30);
    }

    @Test
    void theRegisteredEventCarriesTheWholeGrant() {
        Registration.Lease lease = register("ptt-1", 30);
        Lease here = registry.table().find(lease.leaseId());
        var event = ctx.db().read(c -> ctx.events().read(c, 0, Long.MAX_VALUE, 10)).join().stream()
                .filter(e -> e.topic().equals("service.registered")).findFirst().orElseThrow();

        assertThat(registry.leases().events().grant(event.data())).isEqualTo(here.grant());
        assertThat(event.data().path("metadata").path("description").asText()).isEqualTo("Mission-critical push to talk");
        assertThat(event.data().path("protocols").toString()).isEqualTo("[\"HTTP\",\"SIP\"]");
    }

    @Test
    void aHeartbeatForALeaseNotHeardOfYetWaitsForItsEvent() {
        LeaseGrant grant = new LeaseGrant("l-from-elsewhere", "node-a", mcptt("ptt-7", "10.0.0.7", 30),
                Instant.ofEpochMilli(wallNow()), 1);
        // Committed on another node: the row is here, its event not yet.
        ctx.db().write(tx -> {
            registry.leases().rows().insert(tx.connection(), grant, wallNow() + 30_000, ELSEWHERE);
            return null;
        }).join();

        // Another node's, a row without a lease here yet: waited for (at most LeaseArrivals.WAIT).
        CompletableFuture<Registration.HeartbeatAck> waiting = registry.registrar().heartbeatWhenKnown("node-a",
                grant.leaseId());
        assertNotFound(registry.registrar().heartbeatWhenKnown("node-b", grant.leaseId()));
        assertNotFound(registry.registrar().heartbeatWhenKnown("node-a", "l-made-up"));

        ctx.db().write(tx -> {
            registry.leases().events().registered(tx, grant, null);
            return null;
        }).join();
        assertThat(waiting.join().ttlSeconds()).isEqualTo(30);
    }

    private RegistryModule module() {
        return new RegistryModule(ctx, fixture.backend().identity().directory(), clock::get, null);
    }

    private Registration.Lease register(String serviceId, int ttl) {
        return registry.registrar().register("node-a", mcptt(serviceId, "10.0.0.1", ttl)).join();
    }

    private long wallNow() {
        return registry.leases().clock().wallMillis();
    }

    private long expiresAt(Registration.Lease lease) {
        return ctx.db().read(c -> Sql.queryLong(c, "SELECT expires_at FROM service_leases WHERE lease_id = ?",
                lease.leaseId())).join();
    }

    private String renewedBy(Registration.Lease lease) {
        return ctx.db().read(c -> Sql.queryOne(c, "SELECT renewed_by FROM service_leases WHERE lease_id = ?",
                rs -> rs.getString(1), lease.leaseId()).orElseThrow()).join();
    }

    private void setRow(Registration.Lease lease, long expiresAt, String renewedBy) {
        ctx.db().write(tx -> Sql.update(tx.connection(),
                "UPDATE service_leases SET expires_at = ?, renewed_by = ? WHERE lease_id = ?",
                expiresAt, renewedBy, lease.leaseId())).join();
    }

    private long rowCount() {
        return ctx.db().read(c -> Sql.queryLong(c, "SELECT COUNT(*) FROM service_leases")).join();
    }

    private List<String> topics() {
        return ctx.db().read(c -> Sql.query(c, "SELECT topic FROM events WHERE topic LIKE 'service.%' ORDER BY seq",
                rs -> rs.getString(1))).join();
    }

    private long expiredEvents(Registration.Lease lease) {
        return ctx.db().read(c -> Sql.queryLong(c, "SELECT COUNT(*) FROM events WHERE topic = 'service.expired'"
                + " AND data LIKE ?", "%" + lease.leaseId() + "%")).join();
    }

    private static void assertNotFound(CompletableFuture<?> call) {
        assertThat(call).failsWithin(java.time.Duration.ofSeconds(10))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
