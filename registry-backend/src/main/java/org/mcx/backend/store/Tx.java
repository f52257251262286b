package org.mcx.backend.store;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * One write transaction. Work that must follow the commit (publishing events, pushing to peers)
 * is registered here and runs on the writer thread right after the commit, in commit order.
 */
public final class Tx {
    private final Connection connection;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final List<Runnable> onRollback = new ArrayList<>();

    Tx(Connection connection) {
        this.connection = connection;
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

    List<Runnable> afterCommitActions() {
        return afterCommit;
    }

    List<Runnable> rollbackActions() {
        return onRollback;
    }
}
