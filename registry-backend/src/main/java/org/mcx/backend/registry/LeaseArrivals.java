package org.mcx.backend.registry;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.mcx.backend.store.Database;
import org.mcx.backend.transport.Timers;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;

/**
 * Requests for a lease this node has not heard of yet: granted on another node a moment ago, its
 * {@code service.registered} still on its way here through the event log (which catches up at
 * least every second). Such a request waits until the {@link LeaseFollower} adds the lease, then
 * goes on as if it had been known.
 *
 * <p>Only a lease that has a row, held by the asking MC node, is waited for, and at most
 * {@link #WAIT}: a made-up or expired lease id costs one read on the reader pool and gets
 * NOT_FOUND at once, so confused or hostile nodes cannot park requests here.
 */
final class LeaseArrivals {
    /** Several times the event log's catch-up period; a lease not heard of by then is not coming. */
    static final Duration WAIT = Duration.ofSeconds(5);
    static final String NO_LEASE = "lease not found; register again";

    private final LeaseTable table;
    private final LeaseRows rows;
    private final Database db;
    private final Timers timers;
    private final Map<String, CompletableFuture<Lease>> waiting = new ConcurrentHashMap<>();

    LeaseArrivals(LeaseTable table, LeaseRows rows, Database db, Timers timers) {
        this.table = table;
        this.rows = rows;
        this.db = db;
        this.timers = timers;
    }

    /** The lease, once this node knows it; NOT_FOUND if it has no row held by {@code nodeId}, or never arrives. */
    CompletableFuture<Lease> await(String nodeId, String leaseId) {
        Lease known = table.find(leaseId);
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        return db.read(c -> rows.find(c, leaseId)).thenCompose(row -> {
            if (row.isEmpty() || !row.get().grant().nodeId().equals(nodeId)) {
                throw notFound();
            }
            return arrival(leaseId);
        });
    }

    /** Called by the follower right after it added {@code lease} to the table. */
    void arrived(Lease lease) {
        CompletableFuture<Lease> waiter = waiting.remove(lease.leaseId());
        if (waiter != null) {
            waiter.complete(lease);
        }
    }

    private CompletableFuture<Lease> arrival(String leaseId) {
        CompletableFuture<Lease> waiter = waiting.computeIfAbsent(leaseId, id -> {
            CompletableFuture<Lease> f = new CompletableFuture<>();
            ScheduledFuture<?> timeout = timers.schedule(() -> {
                waiting.remove(id, f);
                f.completeExceptionally(notFound());
            }, WAIT.toMillis(), TimeUnit.MILLISECONDS);
            f.whenComplete((lease, failure) -> timeout.cancel(false));
            return f;
        });
        // It may have been added between the first look and the waiter's registration.
        Lease known = table.find(leaseId);
        if (known != null) {
            arrived(known);
        }
        return waiter;
    }

    static ProtocolException notFound() {
        return new ProtocolException(ErrorCode.NOT_FOUND, NO_LEASE);
    }
}
