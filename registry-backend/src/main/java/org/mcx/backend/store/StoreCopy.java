package org.mcx.backend.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a system's data from its stopped H2 database to an empty PostgreSQL database: the schema
 * is made there by Flyway (so the target's history is PostgreSQL's own, at the same version), then
 * every table's rows are copied in one transaction, parents before children, identity counters
 * are set past the copied rows, and the row counts are compared before the commit. A failure
 * leaves the target as empty as it was found (the copy rolls back; the schema is dropped again).
 */
public final class StoreCopy {
    private static final Logger log = LoggerFactory.getLogger(StoreCopy.class);
    private static final String HISTORY = "flyway_schema_history";
    private static final int BATCH = 500;

    /** How many rows each table held and now holds on PostgreSQL, in copy order. */
    public record Copied(String schemaVersion, Map<String, Long> rows) {
        public long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private StoreCopy() {
    }

    /**
     * Copies the H2 database in {@code dataDir} into {@code target}, which must be empty.
     *
     * @throws StoreRefusedException with the sentence for the operator when either side cannot be used
     */
    public static Copied h2ToPostgres(Path dataDir, PostgresConfig target) {
        H2Engine source = new H2Engine(dataDir);
        if (source.checkBeforeOpen()) {
            throw new StoreRefusedException("there is no database in " + dataDir + " (no " + StoreIntegrity.FILE + ")");
        }
        PostgresEngine destination = new PostgresEngine(target);
        refuseNonEmpty(destination);
        // The source first, so that both sides are at this version's schema (what the next start would do anyway).
        try {
            Database.migrate(Database.flyway(source.dataSource()), source.where());
        } catch (org.flywaydb.core.api.FlywayException e) {
            if (inUse(e)) {
                throw new StoreRefusedException("the database in " + dataDir + " is in use: stop the backend first");
            }
            throw e;
        }
        Flyway targetFlyway = Flyway.configure().dataSource(destination.dataSource()).locations(Database.MIGRATIONS)
                .cleanDisabled(false).load();
        targetFlyway.migrate();
        try {
            Map<String, Long> rows = copy(source.dataSource(), destination.dataSource());
            return new Copied(targetFlyway.info().current().getVersion().getVersion(), rows);
        } catch (SQLException | RuntimeException e) {
            targetFlyway.clean(); // it was empty before: leave it so, and a second attempt is allowed
            if (e instanceof StoreException known) {
                throw known;
            }
            throw new StoreException("copying " + dataDir + " to " + target.where() + " failed; " + target.where()
                    + " is empty again", e);
        }
    }

    /** H2's "Database may be already in use": another process (a running backend) holds the file. */
    private static boolean inUse(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException e && e.getErrorCode() == 90020) {
                return true;
            }
        }
        return false;
    }

    private static void refuseNonEmpty(PostgresEngine destination) {
        try (Connection c = destination.dataSource().getConnection()) {
            Set<String> tables = tables(c);
            if (!tables.isEmpty()) {
                throw new StoreRefusedException("the database at " + destination.where() + " is not empty (its schema "
                        + c.getSchema() + " holds " + tables + "): the data is copied into an empty database only");
            }
        } catch (SQLException e) {
            SQLException cannotConnect = StorageFailure.connectFailure(e);
            if (cannotConnect != null) {
                throw new StoreUnreachableException(destination.where(), cannotConnect);
            }
            throw new StoreException("cannot look into " + destination.where(), e);
        }
    }

    private static Map<String, Long> copy(DataSource from, DataSource to) throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection source = from.getConnection(); Connection target = to.getConnection()) {
            source.setReadOnly(true);
            target.setAutoCommit(false);
            Set<String> sourceTables = tables(source);
            sourceTables.remove(HISTORY);
            Set<String> targetTables = tables(target);
            targetTables.remove(HISTORY);
            if (!sourceTables.equals(targetTables)) {
                throw new StoreRefusedException("the two schemas differ after migration (H2 " + sourceTables
                        + ", PostgreSQL " + targetTables + "): this version cannot copy between them");
            }
            List<String> order = parentsFirst(target, targetTables);
            // Rows the migrations seeded (the log clocks) give way to the source's own, children first.
            for (int i = order.size() - 1; i >= 0; i--) {
                try (Statement s = target.createStatement()) {
                    s.executeUpdate("DELETE FROM " + order.get(i));
                }
            }
            for (String table : order) {
                long copied = copyTable(source, target, table);
                long there = count(target, table);
                if (there != copied || copied != count(source, table)) {
                    throw new StoreException("table " + table + ": " + copied + " rows read, " + there
                            + " on PostgreSQL; nothing was committed", null);
                }
                rows.put(table, copied);
                log.info("{}: {} rows copied", table, copied);
            }
            setIdentityCounters(target);
            target.commit();
        }
        return rows;
    }

    private static long copyTable(Connection source, Connection target, String table) throws SQLException {
        List<String> columns = columns(target, table);
        String list = String.join(", ", columns);
        String insert = "INSERT INTO " + table + " (" + list + ") VALUES (" + "?, ".repeat(columns.size() - 1) + "?)";
        long n = 0;
        try (Statement read = source.createStatement(); ResultSet rs = read.executeQuery("SELECT " + list + " FROM " + table);
             PreparedStatement write = target.prepareStatement(insert)) {
            while (rs.next()) {
                for (int i = 1; i <= columns.size(); i++) {
                    write.setObject(i, rs.getObject(i));
                }
                write.addBatch();
                if (++n % BATCH == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
        return n;
    }

    /** Tables in the connection's current schema, lower case (both databases fold names to lower case here). */
    private static Set<String> tables(Connection c) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    private static List<String> columns(Connection c, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, c.getSchema(), table, "%")) {
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME"));
            }
        }
        return names;
    }

    /** Tables ordered so that a table comes after those its foreign keys point at (partner_link_owner's, at partners). */
    private static List<String> parentsFirst(Connection c, Set<String> tables) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        for (String table : tables) {
            Set<String> mine = new TreeSet<>();
            try (ResultSet rs = meta.getImportedKeys(null, c.getSchema(), table)) {
                while (rs.next()) {
                    String parent = rs.getString("PKTABLE_NAME");
                    if (!parent.equals(table)) {
                        mine.add(parent);
                    }
                }
            }
            parents.put(table, mine);
        }
        Set<String> ordered = new LinkedHashSet<>();
        while (ordered.size() < tables.size()) {
            int before = ordered.size();
            for (Map.Entry<String, Set<String>> t : parents.entrySet()) {
                if (!ordered.contains(t.getKey()) && ordered.containsAll(t.getValue())) {
                    ordered.add(t.getKey());
                }
            }
            if (ordered.size() == before) {
                throw new StoreException("the foreign keys between " + parents.keySet() + " form a cycle", null);
            }
        }
        return new ArrayList<>(ordered);
    }

    /**
     * Identity and serial columns continue after the copied rows. Today's schema numbers its rows
     * itself (events, audit and outbox from MAX + 1 on the writer thread), so there is none; a later
     * migration that adds one is covered.
     */
    private static void setIdentityCounters(Connection target) throws SQLException {
        List<String[]> counted = new ArrayList<>();
        try (PreparedStatement ps = target.prepareStatement("SELECT table_name, column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counted.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        for (String[] tc : counted) {
            try (Statement s = target.createStatement()) {
                s.execute("SELECT setval(pg_get_serial_sequence('" + tc[0] + "', '" + tc[1] + "'), COALESCE(MAX(" + tc[1]
                        + "), 0) + 1, false) FROM " + tc[0]);
            }
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
