package org.mcx.backend.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.mcx.backend.system.SystemContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shares heartbeats between backend nodes through {@code service_leases}, without putting a
 * database write on any heartbeat's path.
 *
 * <p><b>Writing</b> ({@link #flush}): a heartbeat renews its lease in memory and marks it; every
 * {@link #INTERVAL} the marked leases' deadlines are written in one batch transaction, so the table
 * holds every lease's deadline to within about a second, whatever node the heartbeats reach. Why a
 * second: the smallest TTL is 5 s, so a service heartbeats about every 1.7 s at the most; a second
 * keeps every renewal written before the next one arrives and leaves the deadline in the table at
 * least 4 s ahead of a live service's, while a node writes at most once a second however many
 * heartbeats it takes (10,000 services at TTL 30 s are about 1,000 row updates a second in all).
 *
 * <p><b>Reading</b> ({@link #catchUp}): a lease renewed on another node would pass its deadline in
 * this node's memory, and routing, services.list and heartbeats here would take it for dead. So,
 * every interval, the leases whose deadline here is less than {@link #LOOKAHEAD} away (or past,
 * but not yet ended) are looked up, and a later deadline found is adopted. Leases renewed here
 * never come near their deadline, so on one node nothing is read; on several, each lease renewed
 * elsewhere is read about once per heartbeat interval. With heartbeats every TTL/3 and a deadline
 * written within a second, {@code LOOKAHEAD} of two intervals sees each renewal before this node's
 * deadline passes.
 */
final class RenewalSync implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RenewalSync.class);
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final Duration LOOKAHEAD = INTERVAL.multipliedBy(2);

    private final SystemContext ctx;
    private final LeaseTable table;
    private final LeaseRows rows;
    private final LeaseClock clock;
    private final Queue<Lease> renewed = new ConcurrentLinkedQueue<>();
    private Periodic writing;
    private Periodic reading;

    RenewalSync(SystemContext ctx, LeaseTable table, LeaseRows rows, LeaseClock clock) {
        this.ctx = ctx;
        this.table = table;
        this.rows = rows;
        this.clock = clock;
    }

    void start(Duration interval) {
        writing = new Periodic("writing renewed lease deadlines", this::flush, log).start(ctx.timers(), interval);
        reading = new Periodic("reading lease deadlines renewed elsewhere", this::catchUp, log)
                .start(ctx.timers(), interval);
    }

    /** A heartbeat renewed {@code lease} here; its deadline goes to the table with the next flush. */
    void renewed(Lease lease) {
        if (lease.markUnwritten()) {
            renewed.add(lease);
        }
    }

    /** Writes the deadlines of the leases renewed here since the last flush; completes with the rows moved. */
    CompletableFuture<Integer> flush() {
        List<Lease> batch = new ArrayList<>();
        Lease lease;
        while ((lease = renewed.poll()) != null) {
            lease.markWritten(); // before reading its deadline: a renewal from here on marks it again
            if (!lease.isEnded()) {
                batch.add(lease);
            }
        }
        if (batch.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        CompletableFuture<Integer> written = ctx.db().write(tx -> {
            List<LeaseRows.Deadline> deadlines = new ArrayList<>(batch.size());
            for (Lease l : batch) {
                deadlines.add(new LeaseRows.Deadline(l.leaseId(), clock.toWallMillis(l.deadline())));
            }
            return rows.writeDeadlines(tx.connection(), deadlines, ctx.instanceId());
        });
        return written.whenComplete((n, failure) -> {
            if (failure != null) {
                batch.forEach(this::renewed); // not written: the next flush takes them again
            }
        });
    }

    /** Adopts later deadlines other nodes wrote for the leases about to pass theirs here; completes with how many. */
    CompletableFuture<Integer> catchUp() {
        long now = clock.nanos();
        long horizon = now + LOOKAHEAD.toNanos();
        List<String> near = new ArrayList<>();
        for (Lease lease : table.all()) {
            if (!lease.isEnded() && lease.deadline() - horizon < 0) {
                near.add(lease.leaseId());
            }
        }
        if (near.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        return ctx.db().read(c -> rows.deadlines(c, near)).thenApply(this::adopt);
    }

    private int adopt(Map<String, Long> deadlines) {
        long now = clock.nanos();
        int moved = 0;
        for (Map.Entry<String, Long> e : deadlines.entrySet()) {
            Lease lease = table.find(e.getKey());
            if (lease == null) {
                continue; // ended since
            }
            boolean wasDue = !lease.isLive(now);
            long renewedAt = e.getValue() - lease.ttlSeconds() * 1000L;
            if (lease.adopt(clock.toNanos(e.getValue()), now, renewedAt)) {
                moved++;
                if (wasDue) {
                    table.revived(lease);
                }
            }
        }
        return moved;
    }

    /** Stops, writing what was renewed here since the last flush: other nodes must not expire it for a clean stop. */
    @Override
    public void close() {
        if (writing != null) {
            writing.close();
            reading.close();
        }
        try {
            flush().join();
        } catch (RuntimeException e) {
            log.warn("the last renewals could not be written at stop; other nodes see them {} s late at most",
                    LOOKAHEAD.toSeconds(), e);
        }
    }
}
