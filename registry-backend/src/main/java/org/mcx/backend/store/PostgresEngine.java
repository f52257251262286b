package org.mcx.backend.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server as the store. No pool: the store's design already bounds its connections
 * (one writer, one per reader thread), so a pool would add nothing but settings.
 *
 * <p>Durability: PostgreSQL is a process of its own, so the backend's own crash never loses a
 * commit PostgreSQL acknowledged, whatever {@code synchronous_commit} says. What the setting
 * decides is whether a crash of PostgreSQL or its host may take back a commit the backend already
 * acknowledged: with {@code off} it may (up to three {@code wal_writer_delay}s). An acknowledged
 * change must survive the loss of the process holding the data, as it does on H2, so
 * {@code off} is never used: {@code PROCESS_CRASH} waits for the local WAL flush ({@code local}),
 * {@code POWER_LOSS} also for the synchronous standbys the server names ({@code on}).
 */
final class PostgresEngine implements Engine {
    private static final Logger log = LoggerFactory.getLogger(PostgresEngine.class);
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final PostgresConfig config;
    private final PGSimpleDataSource dataSource;
    private boolean fsyncChecked;

    PostgresEngine(PostgresConfig config) {
        this.config = config;
        this.dataSource = dataSource(config);
    }

    static PGSimpleDataSource dataSource(PostgresConfig config) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(config.url());
        if (config.user() != null) {
            ds.setUser(config.user());
        }
        if (config.password() != null) {
            ds.setPassword(config.password());
        }
        ds.setApplicationName("mcx-registry");
        ds.setConnectTimeout(CONNECT_TIMEOUT_SECONDS); // an unreachable server fails the start, not hangs it
        ds.setTcpKeepAlive(true); // a connection cut by a firewall is found, not waited on for ever
        return ds;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public String where() {
        return config.where();
    }

    @Override
    public Path watchedDisk() {
        return null; // the data is on the database server: a full disk there comes back as SQLState 53100
    }

    @Override
    public boolean checkBeforeOpen() {
        return false; // PostgreSQL keeps its own files whole; an empty database is made ready by Flyway
    }

    @Override
    public void afterMigrate() {
    }

    @Override
    public void prepareWriter(Connection writer, Database.Durability durability) throws SQLException {
        String level = durability == Database.Durability.POWER_LOSS ? "on" : "local";
        try (Statement s = writer.createStatement()) {
            s.execute("SET synchronous_commit = " + level);
            if (!fsyncChecked) {
                fsyncChecked = true;
                warnIfNotFlushed(s);
            }
        }
        writer.commit();
    }

    /** fsync = off on the server makes every commit a wish, whatever synchronous_commit says. */
    private void warnIfNotFlushed(Statement s) throws SQLException {
        try (var rs = s.executeQuery("SHOW fsync")) {
            if (rs.next() && "off".equalsIgnoreCase(rs.getString(1))) {
                log.warn("the PostgreSQL server at {} runs with fsync = off: a crash of it or its host can lose or"
                        + " corrupt acknowledged changes; turn fsync on for anything but tests", where());
            }
        }
    }

    @Override
    public void afterCommit(Connection writer, Database.Durability durability) {
        // The commit itself waited for the flush synchronous_commit asks for.
    }

    @Override
    public boolean onlineBackups() {
        return false;
    }

    @Override
    public void shutdown(Connection writer) {
        // Nothing to shut down: the server runs on; closing the connections is enough.
    }

    /**
     * The channel every node listens on. A notification carries only who sent it (a name this
     * process makes up): the log is read for what is new, and a node does not wake for its own
     * events, which its writer publishes itself.
     */
    static final String EVENTS_CHANNEL = "mcx_events";
    private final String announcer = java.util.UUID.randomUUID().toString();

    @Override
    public CommitSignal listenForEvents() throws SQLException {
        return PostgresCommitSignal.listen(dataSource, EVENTS_CHANNEL, announcer);
    }

    @Override
    public boolean sharedWithOtherNodes() {
        return true;
    }

    @Override
    public long insertNumbered(Connection writer, String clock, String table, String numberColumn,
                               java.util.List<String> columns, Object... values) throws SQLException {
        // One round trip instead of two: the clock's row is locked by the UPDATE all the same.
        Object[] args = new Object[values.length + 1];
        args[0] = clock;
        System.arraycopy(values, 0, args, 1, values.length);
        return Sql.queryLong(writer, "WITH c AS (UPDATE log_clock SET seq = seq + 1 WHERE name = ? RETURNING seq)"
                + " INSERT INTO " + table + " (" + numberColumn + ", " + String.join(", ", columns) + ") SELECT c.seq"
                + ", ?".repeat(columns.size()) + " FROM c RETURNING " + numberColumn, args);
    }

    @Override
    public long appendNumbered(Connection writer, String clock, String table, String numberColumn,
                               java.util.List<String> columns, java.util.List<Object[]> rows, boolean announce)
            throws SQLException {
        // One round trip for the clock, the rows and the NOTIFY (which PostgreSQL delivers only once
        // this transaction commits, and folds repeats into one). The parameters take their types
        // from the target columns, as in any INSERT … VALUES.
        int n = rows.size();
        StringBuilder sql = new StringBuilder("WITH c AS (UPDATE log_clock SET seq = seq + ").append(n)
                .append(" WHERE name = ? RETURNING seq");
        if (announce) {
            sql.append(", pg_notify('").append(EVENTS_CHANNEL).append("', '").append(announcer).append("') AS announced");
        }
        sql.append(") INSERT INTO ").append(table).append(" (").append(numberColumn).append(", ")
                .append(String.join(", ", columns)).append(") VALUES ");
        Object[] args = new Object[1 + n * columns.size()];
        args[0] = clock;
        int a = 1;
        for (int i = 0; i < n; i++) {
            sql.append(i == 0 ? "" : ", ").append("((SELECT seq FROM c) - ").append(n - 1 - i)
                    .append(", ?".repeat(columns.size())).append(')');
            for (Object value : rows.get(i)) {
                args[a++] = value;
            }
        }
        sql.append(" RETURNING ").append(numberColumn);
        long last = 0;
        for (long seq : Sql.query(writer, sql.toString(), rs -> rs.getLong(1), args)) {
            last = Math.max(last, seq);
        }
        return last - n + 1;
    }
}
