package org.mcx.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.mcx.backend.store.Database;
import org.slf4j.LoggerFactory;

/**
 * The durable-save baseline: a plain JDBC loop on a fresh H2 file database opened with the
 * product's URL options, committing one change at a time; with {@link Database.Durability#POWER_LOSS}
 * each commit is followed by {@code CHECKPOINT SYNC}, as the product does. {@link Shape#ONE_ROW}
 * updates one row of the given size (the target's baseline); {@link Shape#SAVE_SHAPED} makes the
 * row changes a profile save makes (profile updated, history, notification, event and audit rows),
 * without reads, JSON or network: the floor for the product's own schema. Used from one thread.
 */
final class RawH2Commits implements AutoCloseable {
    /** The options of the product's URL (store.Database), so both sides pay the same per commit. */
    static final String OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

    enum Shape { ONE_ROW, SAVE_SHAPED }

    /** One statement of a change: the version (or sequence number) first, then its text, if any. */
    private record Change(PreparedStatement statement, String text) {
        void run(long version) throws SQLException {
            statement.setLong(1, version);
            if (text != null) {
                statement.setString(2, text);
            }
            if (statement.executeUpdate() != 1) {
                throw new IllegalStateException("a change touched no row");
            }
        }
    }

    private final Path dir;
    private final Connection connection;
    private final List<Change> changes = new ArrayList<>();
    private final Statement sync;
    private final Database.Durability durability;
    private final String document;
    private long version;

    private RawH2Commits(Path dir, Connection connection, Database.Durability durability, Shape shape,
                         int documentBytes) throws SQLException {
        this.dir = dir;
        this.connection = connection;
        this.durability = durability;
        this.document = "d".repeat(Math.max(1, documentBytes));
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE profiles (id VARCHAR(128) PRIMARY KEY, application_id VARCHAR(128) NOT NULL,"
                    + " document VARCHAR NOT NULL, version BIGINT NOT NULL)");
            s.execute("CREATE INDEX profiles_by_application ON profiles (application_id)");
            s.execute("INSERT INTO profiles VALUES ('p-1', 'a-1', '" + document + "', 0)");
            if (shape == Shape.SAVE_SHAPED) {
                s.execute("CREATE TABLE profile_versions (id VARCHAR(128), version BIGINT, document VARCHAR NOT NULL,"
                        + " deleted BOOLEAN NOT NULL, PRIMARY KEY (id, version))");
                s.execute("CREATE TABLE notifications (application_id VARCHAR(128), id VARCHAR(128),"
                        + " version BIGINT NOT NULL, PRIMARY KEY (application_id, id))");
                s.execute("INSERT INTO notifications VALUES ('a-1', 'p-1', 0)");
                s.execute("CREATE TABLE events (seq BIGINT PRIMARY KEY, topic VARCHAR(100) NOT NULL, at BIGINT NOT NULL,"
                        + " data VARCHAR NOT NULL)");
                s.execute("CREATE TABLE audit_log (seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, actor VARCHAR(200) NOT NULL,"
                        + " action VARCHAR(100) NOT NULL, target VARCHAR(300), outcome VARCHAR(20) NOT NULL, detail VARCHAR)");
            }
        }
        connection.setAutoCommit(false);
        connection.commit();
        String small = document.substring(0, Math.min(document.length(), 150));
        changes.add(new Change(connection.prepareStatement(
                "UPDATE profiles SET version = ?, document = ? WHERE id = 'p-1'"), document));
        if (shape == Shape.SAVE_SHAPED) {
            changes.add(new Change(connection.prepareStatement(
                    "INSERT INTO profile_versions VALUES ('p-1', ?, ?, FALSE)"), document));
            changes.add(new Change(connection.prepareStatement(
                    "UPDATE notifications SET version = ? WHERE application_id = 'a-1' AND id = 'p-1'"), null));
            changes.add(new Change(connection.prepareStatement(
                    "INSERT INTO events VALUES (?, 'profile.updated', 0, ?)"), small));
            changes.add(new Change(connection.prepareStatement(
                    "INSERT INTO audit_log VALUES (?, 0, 'admin', 'profiles.save', 'p-1', 'allowed', ?)"), small));
        }
        this.sync = connection.createStatement();
    }

    static RawH2Commits open(Database.Durability durability, Shape shape, int documentBytes) throws Exception {
        Path dir = Files.createTempDirectory("mcx-bench-raw-h2-");
        try {
            Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.toAbsolutePath().resolve("raw") + OPTIONS,
                    "raw", "");
            return new RawH2Commits(dir, c, durability, shape, documentBytes);
        } catch (Exception | Error e) {
            TempDirs.delete(dir);
            throw e;
        }
    }

    /** The same loop on another database (PostgreSQL): {@code connection} is used and closed, nothing else. */
    static RawH2Commits on(Connection connection, Database.Durability durability, Shape shape, int documentBytes)
            throws SQLException {
        return new RawH2Commits(null, connection, durability, shape, documentBytes);
    }

    /** One acknowledged change: the shape's statements, commit, and for power-loss durability an fsync. */
    RoundTrips.Step step() {
        return () -> {
            version++;
            for (Change change : changes) {
                change.run(version);
            }
            connection.commit();
            if (durability == Database.Durability.POWER_LOSS && dir != null) {
                sync.execute("CHECKPOINT SYNC");
            }
        };
    }

    @Override
    public void close() {
        if (dir == null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LoggerFactory.getLogger(RawH2Commits.class).warn("raw connection close failed: {}", e.toString());
            }
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            LoggerFactory.getLogger(RawH2Commits.class).warn("raw H2 shutdown failed: {}", e.toString());
        }
        TempDirs.delete(dir);
    }
}
