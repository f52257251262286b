package org.mcx.backend.registry;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Principal;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code registerService}, {@code heartbeat} and {@code deregisterService} on /registration.
 *
 * <p>Registering and deregistering run as one write transaction that records the event and the
 * audit entry; the table changes right after the commit, on the writer thread, before the event is
 * published, and the reply leaves only then. So a console never sees an event it cannot find in
 * services.list, nor misses one for a lease whose holder already has its reply. Heartbeats touch
 * only memory: thousands a second must not queue behind database writes.
 */
final class Registrar {
    private static final Logger log = LoggerFactory.getLogger(Registrar.class);
    private static final String NO_LEASE = "lease not found; register again";

    private final SystemContext ctx;
    private final LeaseTable table;
    private final RegistryEvents events;
    private final LongSupplier nanoClock;

    Registrar(SystemContext ctx, LeaseTable table, RegistryEvents events, LongSupplier nanoClock) {
        this.ctx = ctx;
        this.table = table;
        this.events = events;
        this.nanoClock = nanoClock;
    }

    CompletableFuture<Registration.Lease> register(Call<Registration.RegisterService> call) {
        return register(nodeId(call), call.body());
    }

    CompletableFuture<Registration.HeartbeatAck> heartbeat(Call<Registration.Heartbeat> call) {
        try {
            return CompletableFuture.completedFuture(heartbeat(nodeId(call), call.body().leaseId()));
        } catch (ProtocolException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    CompletableFuture<Common.Empty> deregister(Call<Registration.DeregisterService> call) {
        return deregister(nodeId(call), call.body().leaseId());
    }

    /** Grants a lease; a lease this node held for the same service id ends (a restarted service must not appear twice). */
    CompletableFuture<Registration.Lease> register(String nodeId, Registration.RegisterService body) {
        String leaseId = "l-" + UUID.randomUUID();
        return ctx.db().write(tx -> {
            // On the writer thread the table only changes in after-commit actions, so this stays true until ours runs.
            Lease replaced = table.findByOwner(nodeId, body.serviceId());
            Lease lease = new Lease(leaseId, nodeId, body, table.nextOrder(), nanoClock.getAsLong(), Instant.now());
            // Registered before the events append theirs, so the table changes before anyone hears of it.
            tx.afterCommit(() -> {
                table.put(lease);
                logRegistered(lease, replaced);
            });
            if (replaced != null) {
                events.deregistered(tx, replaced, RegistryEvents.Reason.REPLACED);
            }
            events.registered(tx, lease, replaced);
            return new Registration.Lease(leaseId, body.ttlSeconds());
        });
    }

    /**
     * Renews a lease held by this node. Unknown, expired and other nodes' leases get the same
     * NOT_FOUND, so a node learns nothing about leases that are not its own.
     */
    Registration.HeartbeatAck heartbeat(String nodeId, String leaseId) {
        Lease lease = table.find(leaseId);
        if (lease == null || !lease.nodeId().equals(nodeId)
                || !lease.renew(nanoClock.getAsLong(), System.currentTimeMillis())) {
            log.debug("node {} sent a heartbeat for lease {}, which it does not hold live", nodeId, leaseId);
            throw new ProtocolException(ErrorCode.NOT_FOUND, NO_LEASE);
        }
        return new Registration.HeartbeatAck(lease.ttlSeconds());
    }

    CompletableFuture<Common.Empty> deregister(String nodeId, String leaseId) {
        if (!holdsLive(nodeId, table.find(leaseId))) {
            // Answered without a transaction: a confused node must not keep the writer busy.
            return CompletableFuture.failedFuture(new ProtocolException(ErrorCode.NOT_FOUND, NO_LEASE));
        }
        return ctx.db().write(tx -> {
            Lease lease = table.find(leaseId);
            if (!holdsLive(nodeId, lease)) {
                throw new ProtocolException(ErrorCode.NOT_FOUND, NO_LEASE);
            }
            tx.afterCommit(() -> {
                table.remove(lease);
                log.info("node {} deregistered {} {}/{} (lease {})", nodeId, lease.serviceId(), lease.serviceType(),
                        lease.serviceInterface(), leaseId);
            });
            events.deregistered(tx, lease, RegistryEvents.Reason.DEREGISTERED);
            return new Common.Empty();
        });
    }

    private static void logRegistered(Lease lease, Lease replaced) {
        if (replaced != null) {
            log.info("node {} re-registered {} {}: lease {} replaces {}", lease.nodeId(), lease.serviceId(),
                    lease.key(), lease.leaseId(), replaced.leaseId());
        } else {
            log.debug("node {} registered {} {}: lease {} ({} s)", lease.nodeId(), lease.serviceId(), lease.key(),
                    lease.leaseId(), lease.ttlSeconds());
        }
    }

    private boolean holdsLive(String nodeId, Lease lease) {
        return lease != null && lease.nodeId().equals(nodeId) && lease.isLive(nanoClock.getAsLong());
    }

    private static String nodeId(Call<?> call) {
        return call.principal(Principal.Node.class).nodeId();
    }
}
