package org.mcx.backend.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs transactional work on the writer connection with group commit: the work items waiting
 * together run one after another, each inside a savepoint of one transaction, and are committed
 * (and made durable) once for all. A failing item is rolled back to its savepoint alone. No reply is
 * given, and no after-commit action runs, before the commit that holds the item.
 */
final class TransactionRunner {
    private static final Logger log = LoggerFactory.getLogger(TransactionRunner.class);

    private Connection connection;
    private static final long REFUSAL_LOG_EVERY_NANOS = 10_000_000_000L;
    private final Engine engine;
    private long lastRefusalLogged = System.nanoTime() - REFUSAL_LOG_EVERY_NANOS - 1;
    private final Database.Durability durability;
    private final StoreAvailability availability;

    TransactionRunner(Connection connection, Engine engine, Database.Durability durability, StoreAvailability availability) {
        this.connection = connection;
        this.engine = engine;
        this.durability = durability;
        this.availability = availability;
    }

    /** After the database was reopened: the new writer connection. Writer thread only. */
    void use(Connection reopened) {
        this.connection = reopened;
    }

    /** One queued unit of work and the future its caller waits on. */
    record Item<T>(TransactionalWork<T> work, CompletableFuture<T> result) {
    }

    private record Done(Item<?> item, Tx tx, Object value, Throwable failure) {
    }

    void runBatch(List<Item<?>> batch) {
        runBatch(batch, 1);
    }

    private void runBatch(List<Item<?>> batch, int attempt) {
        List<Done> done = new ArrayList<>(batch.size());
        // A savepoint costs two round trips on PostgreSQL; alone in its transaction, an item needs none.
        boolean alone = batch.size() == 1;
        for (Item<?> item : batch) {
            done.add(runInSavepoint(item, alone));
        }
        try {
            numberPendingRows(done);
            connection.commit();
            engine.afterCommit(connection, durability);
        } catch (SQLException e) {
            rollbackAll(done);
            if (attempt < MAX_ATTEMPTS && engine.sharedWithOtherNodes() && StorageFailure.isConflictWithAnotherNode(e)) {
                // Taking the clocks at the end met another node's transaction: the whole group runs again.
                log.info("a commit met another node's transaction (SQLState {}); running its group again", e.getSQLState());
                runBatch(batch, attempt + 1);
                return;
            }
            RuntimeException failure = storageFault(e);
            if (failure == null) {
                failure = new StoreException("commit failed", e);
            }
            RuntimeException cause = failure;
            done.forEach(d -> d.item().result().completeExceptionally(d.failure() != null ? d.failure() : cause));
            return;
        } catch (RuntimeException e) {
            // A fault of ours while writing the logs (a row's listener, mixed columns): nothing commits.
            log.error("a group's log rows could not be written; its transaction is rolled back", e);
            rollbackAll(done);
            done.forEach(d -> d.item().result().completeExceptionally(d.failure() != null ? d.failure() : e));
            return;
        }
        for (Done d : done) {
            if (d.failure() == null) {
                runAll(d.tx().afterCommitActions(), "after-commit");
                complete(d.item(), d.value());
            } else {
                d.item().result().completeExceptionally(d.failure());
            }
        }
    }

    /** Rows per statement when the log rows of a group are written; well under PostgreSQL's 65,535 parameters. */
    private static final int ROWS_PER_STATEMENT = 1000;

    /**
     * Just before the commit: writes the rows the group's items added to the logs numbered at
     * commit, one statement per log (events first, as the clocks' order asks), and tells each row
     * its number. Items that failed were rolled back to their savepoints: their rows are not written.
     */
    private void numberPendingRows(List<Done> done) throws SQLException {
        for (Tx.Log log : Tx.Log.values()) {
            if (!log.numberedAtCommit) {
                continue;
            }
            List<Tx.PendingRow> rows = new ArrayList<>();
            for (Done d : done) {
                if (d.failure() == null) {
                    rows.addAll(d.tx().pending(log));
                }
            }
            for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
                List<Tx.PendingRow> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
                List<String> columns = chunk.get(0).columns();
                List<Object[]> values = new ArrayList<>(chunk.size());
                for (Tx.PendingRow row : chunk) {
                    if (!row.columns().equals(columns)) {
                        throw new IllegalStateException("rows of " + log + " with different columns: " + columns
                                + " and " + row.columns());
                    }
                    values.add(row.values());
                }
                long first = engine.appendNumbered(connection, log.clock(), log.table, log.numberColumn, columns, values,
                        log == Tx.Log.EVENTS);
                if (first <= 0) {
                    throw new StoreException("log_clock has no row for " + log + ": the schema is damaged", null);
                }
                for (int i = 0; i < chunk.size(); i++) {
                    chunk.get(i).numbered().accept(first + i);
                }
            }
        }
    }

    /** Runs of one item when another node's transaction made the database give up on it. */
    static final int MAX_ATTEMPTS = 3;

    private Done runInSavepoint(Item<?> item, boolean alone) {
        for (int attempt = 1; ; attempt++) {
            Tx tx = new Tx(connection, engine);
            Savepoint savepoint = null;
            try {
                if (!alone) {
                    savepoint = connection.setSavepoint();
                }
                Object value = item.work().apply(tx);
                if (savepoint != null) {
                    connection.releaseSavepoint(savepoint);
                }
                return new Done(item, tx, value, null);
            } catch (SQLException e) {
                undo(savepoint, tx);
                if (attempt < MAX_ATTEMPTS && engine.sharedWithOtherNodes() && StorageFailure.isConflictWithAnotherNode(e)) {
                    log.info("a transaction met another node's (SQLState {}); running it again", e.getSQLState());
                    continue;
                }
                RuntimeException fault = storageFault(e);
                return new Done(item, tx, null, fault != null ? fault : new StoreException("transaction failed", e));
            } catch (RuntimeException | Error e) {
                undo(savepoint, tx);
                if (attempt < MAX_ATTEMPTS && engine.sharedWithOtherNodes() && StorageFailure.isConflictWithAnotherNode(e)) {
                    log.info("a transaction met another node's; running it again: {}", e.toString());
                    continue;
                }
                return new Done(item, tx, null, e);
            }
        }
    }

    /**
     * The refusal to answer if {@code e} is the storage failing (H2 then closes the database; a
     * connection to PostgreSQL is gone) or refusing changes for now (PostgreSQL's disk full or
     * read-only), else null.
     */
    private RuntimeException storageFault(SQLException e) {
        if (!StorageFailure.isStoreLost(e)) {
            String refused = StorageFailure.writesRefused(e);
            if (refused == null) {
                return null;
            }
            long now = System.nanoTime();
            if (now - lastRefusalLogged > REFUSAL_LOG_EVERY_NANOS) { // a full disk refuses every write: say it now and then
                lastRefusalLogged = now;
                log.error("the database at {} refuses changes (SQLState {}: {}); they are answered UNAVAILABLE",
                        engine.where(), e.getSQLState(), e.getMessage());
            }
            return new StoreUnavailableException(refused);
        }
        availability.lost(e);
        return availability.readRefusal();
    }

    private void undo(Savepoint savepoint, Tx tx) {
        try {
            if (savepoint != null) {
                connection.rollback(savepoint);
            } else {
                connection.rollback();
            }
        } catch (SQLException e) {
            logRollbackFailure("rollback to savepoint", e);
        }
        runAll(tx.rollbackActions(), "rollback");
    }

    /** The commit failed: everything of the batch is gone, so undo its in-memory effects, newest first. */
    private void rollbackAll(List<Done> done) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            logRollbackFailure("rollback", e);
        }
        for (int i = done.size() - 1; i >= 0; i--) {
            if (done.get(i).failure() == null) {
                runAll(done.get(i).tx().rollbackActions(), "rollback");
            }
        }
    }

    /** A rollback on a lost connection fails as expected (the server rolled back already); anything else is a fault. */
    private static void logRollbackFailure(String what, SQLException e) {
        if (StorageFailure.isStoreLost(e)) {
            log.debug("{} on a lost database connection: {}", what, e.toString());
        } else {
            log.error("{} failed", what, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> void complete(Item<T> item, Object value) {
        item.result().complete((T) value);
    }

    private static void runAll(List<Runnable> actions, String phase) {
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // One faulty subscriber must not stop the others from hearing about a commit.
                log.error("{} action failed", phase, e);
            }
        }
    }
}
