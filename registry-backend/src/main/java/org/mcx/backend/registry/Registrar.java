package org.mcx.backend.registry;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Principal;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code registerService}, {@code heartbeat} and {@code deregisterService} on /registration, on
 * any backend node.
 *
 * <p>Registering and deregistering are one write transaction each: the row in
 * {@code service_leases}, the event and the audit entry. The table in memory changes when the
 * event is applied ({@link LeaseFollower}) — on this node right after the commit, before the reply
 * leaves — so a console never sees an event it cannot find in services.list, and the service's
 * first heartbeat finds its lease. Whether a lease is replaced, or may be deregistered, is decided
 * by its row, locked: a lease another node expires at the same moment is ended once.
 *
 * <p>Heartbeats touch only memory (thousands a second must not queue behind database writes);
 * {@link RenewalSync} writes their deadlines in batches. A lease is renewed on whichever node the
 * heartbeat reaches, so a service may move between nodes; one this node has not heard of yet is
 * waited for ({@link LeaseArrivals}).
 */
final class Registrar {
    private static final Logger log = LoggerFactory.getLogger(Registrar.class);

    private final SystemContext ctx;
    private final LeaseTable table;
    private final LeaseRows rows;
    private final RegistryEvents events;
    private final LeaseClock clock;
    private final RenewalSync renewals;
    private final LeaseArrivals arrivals;
    private final AtomicLong lastOrder = new AtomicLong();

    Registrar(SystemContext ctx, Leases leases, RegistryEvents events, RenewalSync renewals) {
        this.ctx = ctx;
        this.table = leases.table();
        this.rows = leases.rows();
        this.events = events;
        this.clock = leases.clock();
        this.renewals = renewals;
        this.arrivals = leases.arrivals();
    }

    CompletableFuture<Registration.Lease> register(Call<Registration.RegisterService> call) {
        return register(nodeId(call), call.body());
    }

    CompletableFuture<Registration.HeartbeatAck> heartbeat(Call<Registration.Heartbeat> call) {
        return heartbeatWhenKnown(nodeId(call), call.body().leaseId());
    }

    CompletableFuture<Common.Empty> deregister(Call<Registration.DeregisterService> call) {
        String nodeId = nodeId(call);
        String leaseId = call.body().leaseId();
        return arrivals.await(nodeId, leaseId).thenCompose(lease -> deregister(nodeId, leaseId));
    }

    /** Grants a lease; a lease this node held for the same service id ends (a restarted service must not appear twice). */
    CompletableFuture<Registration.Lease> register(String nodeId, Registration.RegisterService body) {
        long now = clock.wallMillis();
        LeaseGrant grant = new LeaseGrant("l-" + UUID.randomUUID(), nodeId, body, Instant.ofEpochMilli(now), nextOrder(now));
        return ctx.db().write(tx -> {
            Optional<LeaseRows.Row> replaced = rows.lockHeldFor(tx.connection(), nodeId, body.serviceId());
            if (replaced.isPresent()) {
                rows.delete(tx.connection(), replaced.get().grant().leaseId());
                events.deregistered(tx, replaced.get().grant(), RegistryEvents.Reason.REPLACED);
            }
            rows.insert(tx.connection(), grant, clock.wallMillis() + body.ttlSeconds() * 1000L, ctx.instanceId());
            LeaseGrant old = replaced.map(LeaseRows.Row::grant).orElse(null);
            events.registered(tx, grant, old);
            tx.afterCommit(() -> logRegistered(grant, old));
            return new Registration.Lease(grant.leaseId(), body.ttlSeconds());
        });
    }

    /**
     * Renews a lease held by this MC node. Unknown, expired and other nodes' leases get the same
     * NOT_FOUND, so a node learns nothing about leases that are not its own.
     */
    Registration.HeartbeatAck heartbeat(String nodeId, String leaseId) {
        Lease lease = table.find(leaseId);
        if (lease == null || !lease.nodeId().equals(nodeId) || !lease.renew(clock.nanos(), clock.wallMillis())) {
            log.debug("node {} sent a heartbeat for lease {}, which it does not hold live", nodeId, leaseId);
            throw LeaseArrivals.notFound();
        }
        renewals.renewed(lease);
        return new Registration.HeartbeatAck(lease.ttlSeconds());
    }

    /** As {@link #heartbeat(String, String)}, once this node knows the lease (granted elsewhere a moment ago). */
    CompletableFuture<Registration.HeartbeatAck> heartbeatWhenKnown(String nodeId, String leaseId) {
        if (table.find(leaseId) == null) {
            return arrivals.await(nodeId, leaseId).thenApply(lease -> heartbeat(nodeId, leaseId));
        }
        try {
            return CompletableFuture.completedFuture(heartbeat(nodeId, leaseId));
        } catch (ProtocolException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    CompletableFuture<Common.Empty> deregister(String nodeId, String leaseId) {
        if (!holdsLive(nodeId, table.find(leaseId))) {
            // Answered without a transaction: a confused node must not keep the writer busy.
            return CompletableFuture.failedFuture(LeaseArrivals.notFound());
        }
        return ctx.db().write(tx -> {
            LeaseRows.Row row = rows.lock(tx.connection(), leaseId)
                    .filter(r -> r.grant().nodeId().equals(nodeId))
                    .orElseThrow(LeaseArrivals::notFound); // expired by a sweep meanwhile, here or elsewhere
            rows.delete(tx.connection(), leaseId);
            events.deregistered(tx, row.grant(), RegistryEvents.Reason.DEREGISTERED);
            tx.afterCommit(() -> log.info("node {} deregistered {} {} (lease {})", nodeId, row.grant().serviceId(),
                    row.grant().key(), leaseId));
            return new Common.Empty();
        });
    }

    /**
     * This node's next registration order: its clock in microseconds, and never the same number
     * twice, so its own registrations keep their order even within one microsecond.
     */
    private long nextOrder(long wallMillis) {
        return lastOrder.updateAndGet(last -> Math.max(last + 1, wallMillis * 1000));
    }

    private static void logRegistered(LeaseGrant lease, LeaseGrant replaced) {
        if (replaced != null) {
            log.info("node {} re-registered {} {}: lease {} replaces {}", lease.nodeId(), lease.serviceId(),
                    lease.key(), lease.leaseId(), replaced.leaseId());
        } else {
            log.debug("node {} registered {} {}: lease {} ({} s)", lease.nodeId(), lease.serviceId(), lease.key(),
                    lease.leaseId(), lease.ttlSeconds());
        }
    }

    private boolean holdsLive(String nodeId, Lease lease) {
        return lease != null && lease.nodeId().equals(nodeId) && lease.isLive(clock.nanos());
    }

    private static String nodeId(Call<?> call) {
        return call.principal(Principal.Node.class).nodeId();
    }
}
