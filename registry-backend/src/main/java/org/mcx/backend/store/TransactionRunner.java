package org.mcx.backend.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs transactional work on the writer connection: commit, make durable, then after-commit actions. */
final class TransactionRunner {
    private static final Logger log = LoggerFactory.getLogger(TransactionRunner.class);

    private final Connection connection;
    private final Database.Durability durability;

    TransactionRunner(Connection connection, Database.Durability durability) {
        this.connection = connection;
        this.durability = durability;
    }

    <T> T run(TransactionalWork<T> work) {
        Tx tx = new Tx(connection);
        T result;
        try {
            result = work.apply(tx);
            connection.commit();
            if (durability == Database.Durability.POWER_LOSS) {
                try (Statement s = connection.createStatement()) {
                    s.execute("CHECKPOINT SYNC");
                }
            }
        } catch (SQLException e) {
            rollback(tx);
            throw new StoreException("transaction failed", e);
        } catch (RuntimeException | Error e) {
            rollback(tx);
            throw e;
        }
        runAll(tx.afterCommitActions(), "after-commit");
        return result;
    }

    private void rollback(Tx tx) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            log.error("rollback failed", e);
        }
        runAll(tx.rollbackActions(), "rollback");
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
