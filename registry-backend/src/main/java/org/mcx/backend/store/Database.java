package org.mcx.backend.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded H2 database: opened in file mode, migrated by Flyway, and used only from its own
 * executors, since interrupting a thread inside H2 can corrupt the file. All writes run on one
 * thread, one transaction at a time, which gives events their order and makes "committed, then
 * published" trivially true; reads run on a small pool with their own connections.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** How an acknowledged write is made durable. */
    public enum Durability {
        /** Each commit is written to the OS before the reply: survives kill -9 (H2 WRITE_DELAY=0). */
        PROCESS_CRASH,
        /** Each commit is also fsynced: survives power loss, at about a third of the speed. */
        POWER_LOSS
    }

    /** Free space below which writes are refused before H2 would fail on a full disk. */
    public static final long DEFAULT_RESERVE_BYTES = 4L << 20;

    private final JdbcDataSource dataSource;
    private volatile Connection writeConnection;
    private final TransactionRunner runner;
    private final WriterThread writer;
    private final StoreAvailability availability;
    private final ExecutorService readers;
    /** Bumped when the database is reopened, so that readers replace their connections. */
    private final AtomicInteger generation = new AtomicInteger();
    private final ThreadLocal<ReaderConnection> readConnection = new ThreadLocal<>();
    private final Durability durability;

    private record ReaderConnection(Connection connection, int generation) {
    }

    private Database(JdbcDataSource dataSource, Path dataDir, Durability durability, long reserveBytes)
            throws SQLException {
        this.dataSource = dataSource;
        this.durability = durability;
        this.readers = Executors.newFixedThreadPool(2, named("mcx-db-reader"));
        this.writeConnection = newWriteConnection();
        this.availability = new StoreAvailability(dataDir, reserveBytes, this::reopen);
        this.runner = new TransactionRunner(writeConnection, durability, availability);
        this.writer = new WriterThread(runner, availability);
    }

    /** Opens (creating if needed) the database under {@code dataDir} and migrates it. */
    public static Database open(Path dataDir, Durability durability) {
        return open(dataDir, durability, DEFAULT_RESERVE_BYTES);
    }

    /** As {@link #open(Path, Durability)}, refusing writes when less than {@code reserveBytes} are free. */
    public static Database open(Path dataDir, Durability durability, long reserveBytes) {
        boolean creating = StoreIntegrity.checkBeforeOpen(dataDir);
        if (creating) {
            log.info("creating a new database in {}", dataDir);
        }
        JdbcDataSource ds = dataSource(dataDir);
        migrate(Flyway.configure().dataSource(ds).locations(MIGRATIONS).load(), dataDir);
        StoreIntegrity.markHeld(dataDir);
        try {
            Database db = new Database(ds, dataDir, durability, reserveBytes);
            log.info("database open at {} ({} durability)", dataDir, durability);
            return db;
        } catch (SQLException e) {
            throw new StoreException("cannot open the database in " + dataDir, e);
        }
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

    /** Where the schema's migrations are; each upgrade's new ones run on the first start. */
    static final String MIGRATIONS = "classpath:db/migration";

    /**
     * Runs the migrations this version brings (an upgrade migrates on start), after refusing a
     * database that a newer version has already migrated further (a downgrade).
     */
    static void migrate(Flyway flyway, Path dataDir) {
        SchemaGuard.refuseNewerSchema(flyway, dataDir.toString());
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            log.info("database schema migrated from {} to {} ({} migrations)",
                    result.initialSchemaVersion == null ? "empty" : result.initialSchemaVersion,
                    result.targetSchemaVersion, result.migrationsExecuted);
        }
    }

    public Durability durability() {
        return durability;
    }

    /** Why changes are refused now (storage full, database lost), or null when they are accepted: for readiness checks. */
    public String writeRefusal() {
        StoreUnavailableException refused = availability.refusal();
        return refused == null ? null : refused.getMessage();
    }

    /**
     * Runs {@code work} on the writer thread, in a transaction of its own or grouped with others
     * queued at the same time (group commit); committed, and durable as configured, before the
     * future completes. A failure rolls back this work alone.
     */
    public <T> CompletableFuture<T> write(TransactionalWork<T> work) {
        StoreUnavailableException refused = availability.refusal();
        if (refused != null) {
            return CompletableFuture.failedFuture(refused); // the writer thread finds the way back by itself
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            writer.submit(new TransactionRunner.Item<>(work, result));
        } catch (StoreException closing) {
            result.completeExceptionally(closing); // callers always get a future, even at shutdown
        }
        return result;
    }

    /** Runs a read on the reader pool with a connection of its own (auto-commit, read committed). */
    public <T> CompletableFuture<T> read(ConnectionWork<T> work) {
        StoreUnavailableException closed = availability.readRefusal();
        if (closed != null) {
            return CompletableFuture.failedFuture(closed);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.apply(readerConnection());
            } catch (SQLException e) {
                throw storageFaultOr(e, "read failed");
            }
        }, readers);
    }

    /** {@code e} as the store's refusal if it is the storage failing, else as a failed statement. */
    private RuntimeException storageFaultOr(SQLException e, String what) {
        if (StorageFailure.isStoreLost(e)) {
            availability.lost(e);
            StoreUnavailableException refusal = availability.readRefusal();
            if (refusal != null) {
                return refusal;
            }
        }
        return new StoreException(what, e);
    }

    private Connection newWriteConnection() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(false);
        return c;
    }

    /**
     * Writer thread: after H2 closed the database on a storage failure, opens it again (H2 recovers
     * the file to its last commit) and has readers replace their connections.
     */
    private void reopen() throws SQLException {
        Connection fresh = newWriteConnection();
        try (Statement s = fresh.createStatement()) {
            s.execute("SELECT COUNT(*) FROM flyway_schema_history");
        } catch (SQLException e) {
            closeQuietly(fresh);
            throw e;
        }
        closeQuietly(writeConnection);
        writeConnection = fresh;
        runner.use(fresh);
        generation.incrementAndGet();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            log.debug("closing a connection of a failed database: {}", e.toString());
        }
    }

    /**
     * Runs {@code task} on the writer thread between transactions: nothing commits while it runs,
     * so it sees a consistent point of the event sequence (used to join live feeds without gaps).
     */
    public <T> CompletableFuture<T> atQuietPoint(ConnectionWork<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable quiet = () -> {
            StoreUnavailableException closed = availability.readRefusal();
            if (closed != null) {
                result.completeExceptionally(closed);
                return;
            }
            try {
                T value = task.apply(writeConnection);
                writeConnection.commit();
                result.complete(value);
            } catch (SQLException e) {
                result.completeExceptionally(storageFaultOr(e, "read at a quiet point failed"));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        };
        try {
            writer.submit(quiet);
        } catch (StoreException closing) {
            result.completeExceptionally(closing);
        }
        return result;
    }

    private Connection readerConnection() throws SQLException {
        ReaderConnection mine = readConnection.get();
        int current = generation.get();
        if (mine == null || mine.generation() != current || mine.connection().isClosed()) {
            if (mine != null) {
                closeQuietly(mine.connection());
            }
            Connection c = dataSource.getConnection();
            c.setAutoCommit(true);
            mine = new ReaderConnection(c, current);
            readConnection.set(mine);
        }
        return mine.connection();
    }

    /** Online backup to a zip file (H2 {@code BACKUP TO}). */
    public CompletableFuture<Void> backupTo(Path zip) {
        return write(tx -> {
            try (Statement s = tx.connection().createStatement()) {
                s.execute("BACKUP TO '" + zip.toAbsolutePath().toString().replace("'", "''") + "'");
            }
            return null;
        });
    }

    @Override
    public void close() {
        readers.shutdown();
        writer.close();
        try {
            readers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Statement s = writeConnection.createStatement()) {
            s.execute("SHUTDOWN");
        } catch (SQLException e) {
            log.warn("database shutdown failed", e);
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
