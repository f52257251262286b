package org.mcx.backend.store;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells a failure of the storage itself (full disk, database closed or out of reach) from a
 * failing statement: the first is answered {@code UNAVAILABLE} (try again later), the second is
 * the request's own fault or a bug ({@code INTERNAL}).
 */
final class StorageFailure {
    /** H2: "The database has been closed" — it closed itself after an I/O failure. */
    private static final int DATABASE_IS_CLOSED = 90098;
    /**
     * PostgreSQL: the server went away or is going (admin_shutdown, crash_shutdown,
     * cannot_connect_now); with SQLState class 08 (connection exception) the connection is lost.
     */
    private static final Set<String> POSTGRES_GONE = Set.of("57P01", "57P02", "57P03");
    /** PostgreSQL: disk_full, and the rest of class 53 (insufficient resources: memory, connections). */
    static final String POSTGRES_DISK_FULL = "53100";
    /** PostgreSQL: read_only_sql_transaction — a standby, or default_transaction_read_only. */
    static final String POSTGRES_READ_ONLY = "25006";
    /** PostgreSQL: io_error (58030) and system_error (58000): the server's own storage failing. */
    private static final Set<String> POSTGRES_IO = Set.of("58000", "58030");

    private StorageFailure() {
    }

    static boolean isDiskFull(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (t instanceof IOException && message != null
                    && (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
                return true;
            }
            if (t instanceof SQLException e && POSTGRES_DISK_FULL.equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database is gone until reopened: H2 closed it or its file could not be written, or the
     * connection to PostgreSQL broke or the server is shutting down.
     */
    /**
     * PostgreSQL gave up on the transaction because of another one — a deadlock (40P01), a
     * serialization failure (40001) — or a unique key another node's transaction took first (23505,
     * e.g. two nodes recording the same lockout): running it again sees that transaction's result.
     * One process on H2 never meets these from another writer.
     */
    static boolean isConflictWithAnotherNode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && RETRYABLE.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static final Set<String> RETRYABLE = Set.of("40P01", "40001", "23505");

    static boolean isStoreLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e) {
                String state = e.getSQLState();
                if (e.getErrorCode() == DATABASE_IS_CLOSED
                        || state != null && (state.startsWith("08") || POSTGRES_GONE.contains(state))) {
                    return true;
                }
            }
            if (t instanceof IOException || t.getClass().getName().equals("org.h2.mvstore.MVStoreException")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The database is there but refuses changes for a while (PostgreSQL: disk full, out of
     * resources, read-only, its storage failing): this request is refused, the connection kept.
     * Null when {@code failure} is none of those, else the sentence for the peer.
     */
    static String writesRefused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (!(t instanceof SQLException e) || e.getSQLState() == null) {
                continue;
            }
            String state = e.getSQLState();
            if (state.equals(POSTGRES_DISK_FULL)) {
                return StoreAvailability.FULL;
            }
            if (state.equals(POSTGRES_READ_ONLY)) {
                return READ_ONLY;
            }
            if (state.startsWith("53") || POSTGRES_IO.contains(state)) {
                return STRAINED;
            }
        }
        return null;
    }

    /**
     * The SQLException in {@code failure} that says the database could not be reached or refused
     * the log-in (connection exception 08, authorization 28, no such database 3D000), else null.
     */
    static SQLException connectFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getSQLState() != null) {
                String state = e.getSQLState();
                if (state.startsWith("08") || state.startsWith("28") || state.equals("3D000") || POSTGRES_GONE.contains(state)) {
                    return e;
                }
            }
        }
        return null;
    }

    static final String READ_ONLY = "storage read-only: the database refuses changes for now; try again later";
    static final String STRAINED = "storage unavailable: the database is short of resources; try again shortly";
}
