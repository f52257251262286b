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

    /** {@link #advanceClock}, then the row {@code (seq, columns…)} inserted into {@code table}; returns the number. */
    long insertNumbered(Connection writer, String clock, String table, java.util.List<String> columns, Object... values)
            throws SQLException;

    /** Advances the {@code log_clock} row {@code name} by one and returns its new value; the row stays locked. */
    long advanceClock(Connection writer, String name) throws SQLException;

    /**
     * In the writer's transaction, just before a commit that appends events: tells the other nodes
     * on the same database, once it commits (PostgreSQL's {@code NOTIFY}); nothing on H2, which
     * one process owns.
     */
    void announceEvents(Connection writer) throws SQLException;

    /** Wake-ups for {@link #announceEvents} of other nodes; H2's never fires (there are none). */
    CommitSignal listenForEvents() throws SQLException;

    /** Whether {@code BACKUP TO} online backups exist (H2 only; PostgreSQL has pg_dump). */
    boolean onlineBackups();

    /** Stops using the database; the writer connection is closed afterwards either way. */
    void shutdown(Connection writer) throws SQLException;
}
