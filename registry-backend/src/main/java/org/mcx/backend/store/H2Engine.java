package org.mcx.backend.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The embedded default: the H2 file {@code mcx.mv.db} in the data directory, guarded by {@link StoreIntegrity}. */
final class H2Engine implements Engine {
    private final Path dataDir;
    private final JdbcDataSource dataSource;

    H2Engine(Path dataDir) {
        this.dataDir = dataDir;
        this.dataSource = dataSource(dataDir);
    }

    /** The H2 file {@code dataDir/mcx.mv.db}, in PostgreSQL mode so that the SQL stays portable. */
    static JdbcDataSource dataSource(Path dataDir) {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("mcx")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64";
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("mcx");
        ds.setPassword("");
        return ds;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public String where() {
        return dataDir.toString();
    }

    @Override
    public Path watchedDisk() {
        return dataDir;
    }

    @Override
    public boolean checkBeforeOpen() {
        return StoreIntegrity.checkBeforeOpen(dataDir);
    }

    @Override
    public void afterMigrate() {
        StoreIntegrity.markHeld(dataDir);
    }

    @Override
    public void prepareWriter(Connection writer, Database.Durability durability) {
        // WRITE_DELAY=0 in the URL: each commit reaches the OS before the reply (survives kill -9).
    }

    @Override
    public void afterCommit(Connection writer, Database.Durability durability) throws SQLException {
        if (durability == Database.Durability.POWER_LOSS) {
            try (Statement s = writer.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            }
        }
    }

    @Override
    public boolean onlineBackups() {
        return true;
    }

    @Override
    public void shutdown(Connection writer) throws SQLException {
        try (Statement s = writer.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    @Override
    public CommitSignal listenForEvents() {
        return CommitSignal.NEVER;
    }

    /** Advances {@code clock} by {@code by}; returns its new value. */
    private static long advanceClock(Connection writer, String clock, int by) throws SQLException {
        // H2 has no UPDATE … RETURNING; its data change delta table gives the same in one statement.
        return Sql.queryLong(writer, "SELECT seq FROM FINAL TABLE (UPDATE log_clock SET seq = seq + ? WHERE name = ?)",
                by, clock);
    }

    @Override
    public boolean sharedWithOtherNodes() {
        return false;
    }

    @Override
    public long insertNumbered(Connection writer, String clock, String table, String numberColumn,
                               java.util.List<String> columns, Object... values) throws SQLException {
        long seq = advanceClock(writer, clock, 1); // H2 runs in-process: a round trip costs next to nothing
        Object[] row = new Object[values.length + 1];
        row[0] = seq;
        System.arraycopy(values, 0, row, 1, values.length);
        Sql.update(writer, "INSERT INTO " + table + " (" + numberColumn + ", " + String.join(", ", columns) + ") VALUES (?"
                + ", ?".repeat(columns.size()) + ")", row);
        return seq;
    }

    @Override
    public long appendNumbered(Connection writer, String clock, String table, String numberColumn,
                               java.util.List<String> columns, java.util.List<Object[]> rows, boolean announce)
            throws SQLException {
        long first = advanceClock(writer, clock, rows.size()) - rows.size() + 1;
        String row = "(?" + ", ?".repeat(columns.size()) + ")";
        Object[] args = new Object[rows.size() * (columns.size() + 1)];
        int a = 0;
        for (int i = 0; i < rows.size(); i++) {
            args[a++] = first + i;
            for (Object value : rows.get(i)) {
                args[a++] = value;
            }
        }
        Sql.update(writer, "INSERT INTO " + table + " (" + numberColumn + ", " + String.join(", ", columns) + ") VALUES "
                + String.join(", ", java.util.Collections.nCopies(rows.size(), row)), args);
        return first;
    }
}
