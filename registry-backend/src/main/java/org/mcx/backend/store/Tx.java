package org.mcx.backend.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One write transaction. Work that must follow the commit (publishing events, pushing to peers)
 * is registered here and runs on the writer thread right after the commit, in commit order.
 */
public final class Tx {
    private final Connection connection;
    private final Engine engine;
    private boolean holdsEventClock;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Runnable> onRollback = new ArrayList<>();
    private boolean appendsEvents;

    Tx(Connection connection, Engine engine) {
        this.connection = connection;
        this.engine = engine;
    }

    /** The logs numbered by {@code log_clock}; a transaction takes their rows in this order only. */
    public enum Log {
        EVENTS, AUDIT
    }

    /**
     * Waits until no other node's transaction holds the event clock, and holds it until this one
     * ends: for first-start work that must happen once however many nodes start together (check,
     * then create). Statements after it see what those transactions committed (PostgreSQL's read
     * committed takes a new snapshot per statement).
     */
    public void excludeOtherNodes() throws SQLException {
        if (!holdsEventClock) {
            Sql.queryLong(connection, "SELECT seq FROM log_clock WHERE name = 'events' FOR UPDATE");
            holdsEventClock = true;
        }
    }

    /**
     * Inserts a row numbered by {@code log}'s clock into {@code table}, whose first column is
     * {@code seq} and whose other {@code columns} take {@code values}; returns its number. The same
     * as {@link #nextSeq} and an insert, in one round trip where the database allows it.
     */
    public long insertNumbered(Log log, String table, List<String> columns, Object... values) throws SQLException {
        if (log == Log.AUDIT) {
            excludeOtherNodes();
        }
        holdsEventClock = true;
        long seq = engine.insertNumbered(connection, clockName(log), table, columns, values);
        if (seq <= 0) {
            throw new StoreException("log_clock has no row for " + log + ": the schema is damaged", null);
        }
        return seq;
    }

    private static String clockName(Log log) {
        return log.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The next number of {@code log}, in commit order across every node on the database: the
     * clock's row stays locked until this transaction ends. Rows are always locked events first,
     * so two nodes' transactions can never wait for each other's clocks.
     */
    public long nextSeq(Log log) throws SQLException {
        if (log == Log.AUDIT) {
            excludeOtherNodes();
        }
        holdsEventClock = true;
        long seq = engine.advanceClock(connection, clockName(log));
        if (seq <= 0) {
            throw new StoreException("log_clock has no row for " + log + ": the schema is damaged", null);
        }
        return seq;
    }

    public Connection connection() {
        return connection;
    }

    /** Runs after a successful commit; must be quick (enqueue, do not block). */
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    /** Undoes in-memory effects (counters, caches) if the transaction rolls back. */
    public void onRollback(Runnable action) {
        onRollback.add(action);
    }

    /** This transaction appends to the event log: other nodes on the database are told when it commits. */
    public void announceEvents() {
        appendsEvents = true;
    }

    boolean appendsEvents() {
        return appendsEvents;
    }

    List<Runnable> afterCommitActions() {
        return afterCommit;
    }

    List<Runnable> rollbackActions() {
        return onRollback;
    }
}
