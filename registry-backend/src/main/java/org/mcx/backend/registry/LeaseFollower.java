package org.mcx.backend.registry;

import java.util.ArrayList;
import java.util.List;
import org.mcx.backend.events.EventLog;
import org.mcx.backend.events.PublishedEvent;
import org.mcx.backend.system.SystemContext;
import org.mcx.protocol.message.Common;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's {@link LeaseTable} what the event log says it is: it loads
 * {@code service_leases} at one point of the log, then applies every later
 * {@code service.registered}, {@code service.deregistered} and {@code service.expired} — this
 * node's own (on the writer thread, right after their commit) and other nodes' (as the event log
 * delivers them) alike, in the log's order. It must be the event bus's first subscriber, so that
 * whoever else hears of a change (a console's feed, a CSC-15 pool push) finds the table already
 * changed: a console never sees an event it cannot find in services.list.
 *
 * <p>The load reads the rows and the log's last {@code seq} in one repeatable-read transaction, so
 * the rows are exactly the state after that event; events up to it are then skipped, later ones
 * applied. It subscribes before it loads and holds back what arrives meanwhile, so that nothing
 * falls between the two.
 */
final class LeaseFollower implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaseFollower.class);

    private final SystemContext ctx;
    private final LeaseTable table;
    private final LeaseRows rows;
    private final RegistryEvents events;
    private final LeaseArrivals arrivals;
    private final LeaseClock clock;
    private final Runnable unsubscribe;
    private List<Common.Event> heldBack = new ArrayList<>(); // guarded by this; null once loaded
    private long loadedAt; // guarded by this: the seq the load stands at

    private record Snapshot(List<LeaseRows.Row> rows, long seq) {
    }

    private LeaseFollower(SystemContext ctx, LeaseTable table, LeaseRows rows, RegistryEvents events,
                          LeaseArrivals arrivals, LeaseClock clock) {
        this.ctx = ctx;
        this.table = table;
        this.rows = rows;
        this.events = events;
        this.arrivals = arrivals;
        this.clock = clock;
        this.unsubscribe = ctx.events().bus().subscribe(this::onEvent);
    }

    /** Subscribes, then loads the table; returns once it is loaded. */
    static LeaseFollower start(SystemContext ctx, LeaseTable table, LeaseRows rows, RegistryEvents events,
                               LeaseArrivals arrivals, LeaseClock clock) {
        LeaseFollower follower = new LeaseFollower(ctx, table, rows, events, arrivals, clock);
        try {
            follower.load();
        } catch (RuntimeException e) {
            follower.close();
            throw e;
        }
        return follower;
    }

    private void load() {
        Snapshot snapshot = ctx.db().readConsistent(c -> new Snapshot(rows.all(c), EventLog.committedSeq(c))).join();
        synchronized (this) {
            for (LeaseRows.Row row : snapshot.rows()) {
                add(loaded(row));
            }
            loadedAt = snapshot.seq();
            for (Common.Event e : heldBack) {
                applyIfNew(e);
            }
            heldBack = null;
        }
        log.info("registry loaded {} live lease(s) as of event {}", snapshot.rows().size(), snapshot.seq());
    }

    private void onEvent(PublishedEvent published) {
        Common.Event e = published.event();
        if (!e.topic().startsWith("service.")) {
            return;
        }
        synchronized (this) {
            if (heldBack != null) {
                heldBack.add(e);
            } else {
                applyIfNew(e);
            }
        }
    }

    private void applyIfNew(Common.Event e) {
        if (e.seq() <= loadedAt) {
            return; // already in the rows loaded
        }
        String leaseId = e.data().path("leaseId").asText();
        switch (e.topic()) {
            case RegistryEvents.REGISTERED -> {
                LeaseGrant grant;
                try {
                    grant = events.grant(e.data());
                } catch (IllegalArgumentException bad) {
                    log.error("event {} ({}) cannot be applied to the registry; lease {} stays unknown here",
                            e.seq(), e.topic(), leaseId, bad);
                    return;
                }
                add(new Lease(grant, clock.nanos() + grant.ttlSeconds() * 1_000_000_000L,
                        grant.registeredAt().toEpochMilli()));
            }
            case RegistryEvents.DEREGISTERED, RegistryEvents.EXPIRED -> table.remove(leaseId);
            default -> {
                // Another service.* topic: nothing of the table's.
            }
        }
    }

    private void add(Lease lease) {
        table.put(lease);
        arrivals.arrived(lease);
    }

    /** A lease from its row: its deadline as the table holds it, never more than one TTL ahead. */
    private Lease loaded(LeaseRows.Row row) {
        long now = clock.nanos();
        long ttlNanos = row.grant().ttlSeconds() * 1_000_000_000L;
        long deadline = clock.toNanos(row.expiresAt());
        if (deadline - (now + ttlNanos) > 0) {
            deadline = now + ttlNanos;
        }
        return new Lease(row.grant(), deadline, row.expiresAt() - row.grant().ttlSeconds() * 1000L);
    }

    @Override
    public void close() {
        unsubscribe.run();
    }
}
