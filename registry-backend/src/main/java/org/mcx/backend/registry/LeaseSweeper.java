package org.mcx.backend.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.mcx.backend.system.SystemContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes leases not renewed within their TTL and publishes {@code service.expired}.
 *
 * <p>A periodic sweep rather than a timer per lease: with 10,000 instances heartbeating, a timer per
 * lease would mean cancelling and re-arming thousands of scheduled tasks a second on the one shared
 * timer thread, whereas a sweep reads 10,000 volatile deadlines in well under a millisecond. The
 * price is that an instance is removed up to one interval after its deadline; a heartbeat after
 * the deadline already gets NOT_FOUND and routing already skips it, so only the event is late.
 *
 * <p>The scan runs on the timer thread; expiries are written in one transaction per sweep on the
 * writer thread, where each lease is ended only if it is still past its deadline (a heartbeat may
 * have arrived since the scan). At most one sweep is in flight, so a slow disk cannot pile them up.
 */
final class LeaseSweeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaseSweeper.class);
    /** Expiries per transaction; the rest wait for the next sweep. Bounds one transaction's size. */
    static final int MAX_PER_SWEEP = 1000;

    private final SystemContext ctx;
    private final LeaseTable table;
    private final RegistryEvents events;
    private final LongSupplier nanoClock;
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile ScheduledFuture<?> schedule;

    LeaseSweeper(SystemContext ctx, LeaseTable table, RegistryEvents events, LongSupplier nanoClock) {
        this.ctx = ctx;
        this.table = table;
        this.events = events;
        this.nanoClock = nanoClock;
    }

    void start(Duration interval) {
        schedule = ctx.timers().every(this::tick, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            sweep().whenComplete((n, failure) -> {
                sweeping.set(false);
                if (failure != null) {
                    log.error("lease sweep failed; expired leases stay until the next sweep", failure);
                }
            });
        } catch (RuntimeException e) {
            sweeping.set(false);
            log.error("lease sweep could not start", e);
        }
    }

    /** Expires every lease past its deadline now; completes with how many were expired. */
    CompletableFuture<Integer> sweep() {
        long now = nanoClock.getAsLong();
        List<Lease> due = new ArrayList<>();
        for (Lease lease : table.all()) {
            if (lease.isDue(now) && due.size() < MAX_PER_SWEEP) {
                due.add(lease);
            }
        }
        if (due.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        return ctx.db().write(tx -> {
            long at = nanoClock.getAsLong();
            int expired = 0;
            for (Lease lease : due) {
                if (!lease.expireIfDue(at)) {
                    continue; // renewed since the scan, or deregistered or replaced meanwhile
                }
                // If the events cannot be written the lease is left due, so the next sweep retries.
                tx.onRollback(lease::reviveForRetry);
                tx.afterCommit(() -> {
                    table.remove(lease);
                    log.info("lease {} of {} {} on node {} expired ({} s without a heartbeat)", lease.leaseId(),
                            lease.serviceId(), lease.key(), lease.nodeId(), lease.ttlSeconds());
                });
                events.expired(tx, lease);
                expired++;
            }
            return expired;
        });
    }

    @Override
    public void close() {
        ScheduledFuture<?> s = schedule;
        if (s != null) {
            s.cancel(false);
        }
    }
}
