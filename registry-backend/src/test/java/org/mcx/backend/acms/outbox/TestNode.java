package org.mcx.backend.acms.outbox;

import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.events.EventBus;
import org.mcx.backend.events.EventLog;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.Sql;
import org.mcx.backend.store.StoreConfig;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Timers;
import org.mcx.protocol.wire.Codec;

/**
 * What one backend node of system {@code mcx-a} gives its features, without a listener: its own
 * connections to the store, its own instance id. Several on one PostgreSQL database are several
 * nodes of one system.
 */
final class TestNode implements AutoCloseable {
    static final String SYSTEM = "mcx-a";

    final SystemContext ctx;
    private final Timers timers;
    private final ExecutorService cpu;

    private TestNode(SystemContext ctx, Timers timers, ExecutorService cpu) {
        this.ctx = ctx;
        this.timers = timers;
        this.cpu = cpu;
    }

    static TestNode open(StoreConfig store, String instanceId) {
        Database db = Database.open(store);
        Codec codec = new Codec();
        Timers timers = new Timers();
        ExecutorService cpu = Executors.newSingleThreadExecutor();
        SystemContext ctx = new SystemContext(SYSTEM, instanceId, db, codec, EventLog.open(db, codec, new EventBus()),
                AuditLog.open(db, codec), timers, cpu);
        return new TestNode(ctx, timers, cpu);
    }

    /** Configures a partner, as partners.save would. */
    void addPartner(String systemId, String endpoint, String secret) {
        Instant now = Instant.now();
        ctx.db().write(tx -> Sql.update(tx.connection(), "INSERT INTO partners (system_id, name, endpoint, secret,"
                + " auto_approve, max_users, created_at, updated_at) VALUES (?, ?, ?, ?, FALSE, 100, ?, ?)",
                systemId, "System " + systemId, endpoint, secret, now, now)).join();
    }

    /** The partner's ownership row as {owner, fence, lease_until, connected}, or null. */
    Object[] ownerRow(String systemId) {
        return ctx.db().read(c -> Sql.queryOne(c, "SELECT owner_instance, fence, lease_until, connected"
                + " FROM partner_link_owner WHERE partner_system_id = ?", rs -> new Object[] {rs.getString(1),
                rs.getLong(2), rs.getLong(3), rs.getBoolean(4)}, systemId)).join().orElse(null);
    }

    @Override
    public void close() {
        ctx.events().close();
        timers.close();
        cpu.shutdownNow();
        ctx.db().close();
    }
}
