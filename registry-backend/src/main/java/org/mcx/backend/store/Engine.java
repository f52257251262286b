package org.mcx.backend.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * What differs between the two databases the store runs on — the embedded H2 file and a
 * PostgreSQL server — so that {@link Database}, its writer thread and its group commit stay one
 * design for both. The SQL itself is the same: the schema and the queries are written to run on
 * both (H2 in {@code MODE=PostgreSQL}).
 */
sealed interface Engine permits H2Engine, PostgresEngine {
    DataSource dataSource();

    /** Where the database is, for logs and messages (never with a password). */
    String where();

    /** The local disk whose free space decides whether writes are taken; null when the data is not local. */
    Path watchedDisk();

    /** Before Flyway touches the database: refuses one that cannot be served; true when a new one is being made. */
    boolean checkBeforeOpen();

    /** After the schema is in place. */
    void afterMigrate();

    /** Sets the writer connection up for {@code durability}; it has auto-commit off already. */
    void prepareWriter(Connection writer, Database.Durability durability) throws SQLException;

    /** After each commit of the writer, what {@code durability} needs on top of it. */
    void afterCommit(Connection writer, Database.Durability durability) throws SQLException;

    /** Whether other backend processes may write to the same database (PostgreSQL), so transactions can meet theirs. */
    boolean sharedWithOtherNodes();

    /**
     * Advances the {@code log_clock} row {@code clock} by one, inserts the row {@code (numberColumn,
     * columns…)} into {@code table} with the new value, and returns it; the clock's row stays locked.
     */
    long insertNumbered(Connection writer, String clock, String table, String numberColumn, java.util.List<String> columns,
                        Object... values) throws SQLException;

    /**
     * Advances the {@code log_clock} row {@code clock} by {@code rows.size()} and inserts {@code rows}
     * into {@code table}, numbered in their order after the clock's old value; returns the first
     * number. The clock's row stays locked. With {@code announce}, the other nodes on the database
     * are told once this transaction commits (nothing on H2, which one process owns).
     */
    long appendNumbered(Connection writer, String clock, String table, String numberColumn, java.util.List<String> columns,
                        java.util.List<Object[]> rows, boolean announce) throws SQLException;

    /** Wake-ups for the announced appends of other nodes; H2's never fires (there are none). */
    CommitSignal listenForEvents() throws SQLException;

    /** Whether {@code BACKUP TO} online backups exist (H2 only; PostgreSQL has pg_dump). */
    boolean onlineBackups();

    /** Stops using the database; the writer connection is closed afterwards either way. */
    void shutdown(Connection writer) throws SQLException;
}
