package org.mcx.backend.registry;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.mcx.backend.system.SystemContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires the leases past their deadline in {@code service_leases} and publishes
 * {@code service.expired}, exactly once whichever backend nodes are alive: every node sweeps, and
 * the node whose transaction deletes a row is the one that appends its event, in that same
 * transaction. Due rows are taken {@code FOR UPDATE SKIP LOCKED}, so two nodes sweeping at once
 * split the rows between them instead of waiting for each other; a row already deleted by another
 * node's sweep (or by a deregistration) is not there to delete, and a delete that counts no row
 * publishes nothing.
 *
 * <p>When a row is due: a deadline this node wrote itself is due as it stands, because anything this
 * node renewed since is still in its memory, and a lease live in memory here is never expired (its
 * deadline is written with the next flush). A deadline another node wrote is due {@link #GRACE}
 * later, because that node may hold a renewal it has not written yet: up to one
 * {@link RenewalSync#INTERVAL}, and as much again for its commit, a pause, and two nodes' clocks
 * disagreeing. So a service whose heartbeats stop is expired at its deadline by the node that took
 * them, or 2 s later by any other if that node has gone too. On one node every deadline is its own:
 * leases expire at their deadline, as they always did.
 *
 * <p>One sweep every {@link RegistryModule#SWEEP_INTERVAL}; at most {@link #MAX_PER_SWEEP} expiries
 * per transaction, the rest in the next.
 */
final class LeaseSweeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaseSweeper.class);
    /** Expiries per transaction; the rest wait for the next sweep. Bounds one transaction's size. */
    static final int MAX_PER_SWEEP = 1000;
    static final Duration GRACE = RenewalSync.INTERVAL.multipliedBy(2);

    private final SystemContext ctx;
    private final LeaseTable table;
    private final LeaseRows rows;
    private final RegistryEvents events;
    private final LeaseClock clock;
    private Periodic schedule;
    private long lastSwept; // only touched by the one scheduled round in flight

    LeaseSweeper(SystemContext ctx, LeaseTable table, LeaseRows rows, RegistryEvents events, LeaseClock clock) {
        this.ctx = ctx;
        this.table = table;
        this.rows = rows;
        this.events = events;
        this.clock = clock;
    }

    void start(Duration interval) {
        lastSwept = clock.nanos() - RenewalSync.INTERVAL.toNanos(); // the first round sweeps
        schedule = new Periodic("lease sweep (expired leases stay until the next one)", this::sweepIfDue, log)
                .start(ctx.timers(), interval);
    }

    /**
     * Sweeps when a lease in memory is past its deadline here, and anyway once every
     * {@link RenewalSync#INTERVAL}: every lease is in every node's memory with a deadline no earlier
     * than the table's (give or take the grace), so an idle node need not ask the database four
     * times a second; the round a second catches what memory cannot show (a row whose event this
     * node could not apply).
     */
    private CompletableFuture<Integer> sweepIfDue() {
        long now = clock.nanos();
        if (now - lastSwept < RenewalSync.INTERVAL.toNanos() && !anyDueHere(now)) {
            return CompletableFuture.completedFuture(0);
        }
        lastSwept = now;
        return sweep();
    }

    private boolean anyDueHere(long now) {
        for (Lease lease : table.all()) {
            if (lease.isDue(now)) {
                return true;
            }
        }
        return false;
    }

    /** Expires every lease due now; completes, once committed and applied here, with how many this node expired. */
    CompletableFuture<Integer> sweep() {
        return ctx.db().write(tx -> {
            long nowNanos = clock.nanos();
            int expired = 0;
            for (LeaseRows.Row row : rows.lockDue(tx.connection(), clock.wallMillis(), GRACE.toMillis(),
                    ctx.instanceId(), MAX_PER_SWEEP)) {
                LeaseGrant grant = row.grant();
                Lease here = table.find(grant.leaseId());
                if (here != null && here.isLive(nowNanos)) {
                    continue; // renewed here since its deadline was written; the next flush writes it
                }
                if (!rows.delete(tx.connection(), grant.leaseId())) {
                    continue;
                }
                events.expired(tx, grant);
                tx.afterCommit(() -> log.info("lease {} of {} {} on node {} expired ({} s without a heartbeat; swept by {})",
                        grant.leaseId(), grant.serviceId(), grant.key(), grant.nodeId(), grant.ttlSeconds(),
                        ctx.instanceId()));
                expired++;
            }
            return expired;
        });
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.close();
        }
    }
}
