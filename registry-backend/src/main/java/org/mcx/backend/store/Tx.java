package org.mcx.backend.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * One write transaction. Work that must follow the commit (publishing events, pushing to peers)
 * is registered here and runs on the writer thread right after the commit, in commit order.
 *
 * <p>Rows of the event and audit logs are numbered at commit, not when appended: they wait here and
 * are written, numbered by the shared {@code log_clock}, just before the commit, so another node's
 * transaction waits for this one's clock only from that write to the commit.
 */
public final class Tx {
    private final Connection connection;
    private final Engine engine;
    private boolean holdsEventClock;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Runnable> onRollback = new ArrayList<>();
    private final Map<Log, List<PendingRow>> pending = new EnumMap<>(Log.class);

    Tx(Connection connection, Engine engine) {
        this.connection = connection;
        this.engine = engine;
    }

    /**
     * The logs numbered by {@code log_clock}; a transaction takes their clocks in this order only
     * (the rows numbered at commit are written in it too), so two nodes' transactions never wait
     * for each other's clocks.
     */
    public enum Log {
        EVENTS("events", "seq", true), AUDIT("audit_log", "seq", true), OUTBOX("acms_outbox", "outbox_id", false);

        final String table;
        final String numberColumn;
        /** Written just before the commit ({@link #appendAtCommit}) rather than when added. */
        final boolean numberedAtCommit;

        Log(String table, String numberColumn, boolean numberedAtCommit) {
            this.table = table;
            this.numberColumn = numberColumn;
            this.numberedAtCommit = numberedAtCommit;
        }

        String clock() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A row of a log numbered at commit, with what learns its number once it is written. */
    record PendingRow(List<String> columns, Object[] values, LongConsumer numbered) {
    }

    /**
     * Waits until no other node's transaction holds the event clock, and holds it until this one
     * ends: for work that checks, then writes, and must not interleave with the same work on
     * another node. Statements after it see what those transactions committed (PostgreSQL's read
     * committed takes a new snapshot per statement).
     */
    public void excludeOtherNodes() throws SQLException {
        if (!holdsEventClock) {
            Sql.queryLong(connection, "SELECT seq FROM log_clock WHERE name = 'events' FOR UPDATE");
            holdsEventClock = true;
        }
    }

    /**
     * Adds a row to {@code log} (one numbered at commit), with {@code values} in its other
     * {@code columns}; just before the commit it is written with the next number, in the order
     * rows were added, and {@code numbered} is told that number (on the writer thread, before the
     * commit; a rollback after that runs this transaction's {@link #onRollback} actions).
     */
    public void appendAtCommit(Log log, List<String> columns, LongConsumer numbered, Object... values) {
        if (!log.numberedAtCommit) {
            throw new IllegalArgumentException(log + " is numbered when inserted: use insertNumbered");
        }
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns of " + log);
        }
        pending.computeIfAbsent(log, l -> new ArrayList<>()).add(new PendingRow(columns, values, numbered));
    }

    /**
     * Inserts a row into {@code log}'s table (one numbered when inserted), numbered by its clock,
     * with {@code values} in its other {@code columns}; returns its number. Takes the event clock
     * first, as the clocks' order asks.
     */
    public long insertNumbered(Log log, List<String> columns, Object... values) throws SQLException {
        if (log.numberedAtCommit) {
            throw new IllegalArgumentException(log + " is numbered at commit: use appendAtCommit");
        }
        excludeOtherNodes();
        long seq = engine.insertNumbered(connection, log.clock(), log.table, log.numberColumn, columns, values);
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

    /** The rows of {@code log} waiting for their numbers, in the order they were added. */
    List<PendingRow> pending(Log log) {
        return pending.getOrDefault(log, List.of());
    }

    List<Runnable> afterCommitActions() {
        return afterCommit;
    }

    List<Runnable> rollbackActions() {
        return onRollback;
    }
}
