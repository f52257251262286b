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

    /** Whether {@code BACKUP TO} online backups exist (H2 only; PostgreSQL has pg_dump). */
    boolean onlineBackups();

    /** Stops using the database; the writer connection is closed afterwards either way. */
    void shutdown(Connection writer) throws SQLException;
}
