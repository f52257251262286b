package org.mcx.backend.registry;

import org.mcx.backend.system.SystemContext;

/**
 * This backend node's view of every live lease of the system, whichever node granted it: the
 * {@link LeaseTable} that discovery, routing and CSC-15 pools read, loaded from
 * {@code service_leases} and kept up to date from the event log by a {@link LeaseFollower}.
 *
 * <p>Made apart from the rest of the registry so that the backend can make it before any other
 * part subscribes to the event bus: the follower must hear of each {@code service.*} event first.
 */
public final class Leases implements AutoCloseable {
    private final LeaseTable table = new LeaseTable();
    private final LeaseClock clock;
    private final LeaseRows rows;
    private final RegistryEvents events;
    private final LeaseArrivals arrivals;
    private final LeaseFollower follower;

    Leases(SystemContext ctx, LeaseClock clock) {
        this.clock = clock;
        this.rows = new LeaseRows(ctx.codec());
        this.events = new RegistryEvents(ctx);
        this.arrivals = new LeaseArrivals(table, rows, ctx.db(), ctx.timers());
        this.follower = LeaseFollower.start(ctx, table, rows, events, arrivals, clock);
    }

    /** Loads the leases and follows the event log from there; make it before anything else subscribes to the bus. */
    public static Leases follow(SystemContext ctx) {
        return new Leases(ctx, LeaseClock.system());
    }

    LeaseTable table() {
        return table;
    }

    LeaseClock clock() {
        return clock;
    }

    LeaseRows rows() {
        return rows;
    }

    RegistryEvents events() {
        return events;
    }

    LeaseArrivals arrivals() {
        return arrivals;
    }

    @Override
    public void close() {
        follower.close();
    }
}
