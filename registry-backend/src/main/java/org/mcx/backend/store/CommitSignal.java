package org.mcx.backend.store;

import java.sql.SQLException;

/**
 * Wakes a node when another node committed events to the shared database. Only a hint: it stores
 * nothing and misses whatever was sent while it was not listening, so whoever waits on it also
 * reads the log on a timer.
 */
public interface CommitSignal extends AutoCloseable {
    /** Never fires: one process owns the database. */
    CommitSignal NEVER = new CommitSignal() {
        @Override
        public boolean await(long millis) throws InterruptedException {
            Thread.sleep(millis);
            return false;
        }

        @Override
        public void close() {
        }
    };

    /**
     * Waits up to {@code millis} for a signal; true if one came. A lost connection is an
     * {@link SQLException}: listen again.
     */
    boolean await(long millis) throws SQLException, InterruptedException;

    @Override
    void close();
}
