package org.mcx.backend.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store: the embedded H2 file (the default) or a PostgreSQL database, migrated by Flyway, and
 * used only from its own executors, since interrupting a thread inside H2 can corrupt the file.
 * All writes run on one thread, one transaction at a time, which gives events their order and
 * makes "committed, then published" trivially true; reads run on a small pool with their own
 * connections. What differs between the two databases is in an {@link Engine}.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    /** How an acknowledged write is made durable. */
    public enum Durability {
        /**
         * Each commit survives a crash of the process holding the data: H2 writes it to the OS before
         * the reply (WRITE_DELAY=0, survives kill -9); PostgreSQL flushes its WAL
         * ({@code synchronous_commit = local}).
         */
        PROCESS_CRASH,
        /**
         * Each commit also survives the host's power loss: H2 fsyncs it, at about a third of the
         * speed; PostgreSQL also waits for its synchronous standbys, if any ({@code synchronous_commit = on}).
         */
        POWER_LOSS
    }

    /** Free space below which writes are refused before H2 would fail on a full disk. */
    public static final long DEFAULT_RESERVE_BYTES = 4L << 20;

    private final Engine engine;
    private volatile Connection writeConnection;
    private final TransactionRunner runner;
    private final WriterThread writer;
    private final StoreAvailability availability;
    private final ExecutorService readers;
    /** Bumped when the database is reopened, so that readers replace their connections. */
    private final AtomicInteger generation = new AtomicInteger();
    private final ThreadLocal<ReaderConnection> readConnection = new ThreadLocal<>();
    private final Durability durability;
    /** Every connection handed to a reader thread, so that closing the store closes them (PostgreSQL counts them). */
    private final Set<Connection> readerConnections = ConcurrentHashMap.newKeySet();

    private record ReaderConnection(Connection connection, int generation) {
    }

    private Database(Engine engine, Durability durability, long reserveBytes) throws SQLException {
        this.engine = engine;
        this.durability = durability;
        this.readers = Executors.newFixedThreadPool(2, named("mcx-db-reader"));
        this.writeConnection = newWriteConnection();
        this.availability = new StoreAvailability(engine.where(), engine.watchedDisk(), reserveBytes, this::reopen);
        this.runner = new TransactionRunner(writeConnection, engine, durability, availability);
        this.writer = new WriterThread(runner, availability);
    }

    /** Opens (creating if needed) the H2 database under {@code dataDir} and migrates it. */
    public static Database open(Path dataDir, Durability durability) {
        return open(dataDir, durability, DEFAULT_RESERVE_BYTES);
    }

    /** As {@link #open(Path, Durability)}, refusing writes when less than {@code reserveBytes} are free. */
    public static Database open(Path dataDir, Durability durability, long reserveBytes) {
        return open(new H2Engine(dataDir), durability, reserveBytes);
    }

    /** Opens the database {@code config} names (PostgreSQL, or else H2 in its data directory) and migrates it. */
    public static Database open(StoreConfig config) {
        Engine engine = config.onPostgres() ? new PostgresEngine(config.postgres()) : new H2Engine(config.dataDir());
        return open(engine, config.durability(), DEFAULT_RESERVE_BYTES);
    }

    private static Database open(Engine engine, Durability durability, long reserveBytes) {
        if (engine.checkBeforeOpen()) {
            log.info("creating a new database in {}", engine.where());
        }
        try {
            migrate(flyway(engine.dataSource()), engine.where());
        } catch (org.flywaydb.core.api.FlywayException e) {
            SQLException cannotConnect = StorageFailure.connectFailure(e);
            if (cannotConnect != null) {
                throw new StoreUnreachableException(engine.where(), cannotConnect);
            }
            throw e;
        }
        engine.afterMigrate();
        try {
            Database db = new Database(engine, durability, reserveBytes);
            log.info("database open at {} ({} durability)", engine.where(), durability);
            return db;
        } catch (SQLException e) {
            throw new StoreException("cannot open the database in " + engine.where(), e);
        }
    }

    /** The H2 file {@code dataDir/mcx.mv.db}, in PostgreSQL mode so that the SQL stays portable. */
    static javax.sql.DataSource dataSource(Path dataDir) {
        return H2Engine.dataSource(dataDir);
    }

    /**
     * Where the schema's migrations are; each upgrade's new ones run on the first start. One set
     * for both databases: the SQL is written to run on both. Should a statement ever need to differ,
     * it goes into {@code db/migration/h2} and {@code db/migration/postgresql} beside a common
     * location (Flyway's {@code {vendor}} placeholder), never into an applied file: H2 databases
     * already made must keep their checksums.
     */
    static final String MIGRATIONS = "classpath:db/migration";

    /** Flyway over {@code dataSource} with this version's migrations. */
    static Flyway flyway(javax.sql.DataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).load();
    }

    /**
     * Runs the migrations this version brings (an upgrade migrates on start), after refusing a
     * database that a newer version has already migrated further (a downgrade).
     */
    static void migrate(Flyway flyway, String where) {
        SchemaGuard.refuseNewerSchema(flyway, where);
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

    /**
     * As {@link #read}, in one repeatable-read transaction: every statement of {@code work} sees
     * the database as it was at its first one (a snapshot that must match one point of the event log).
     */
    public <T> CompletableFuture<T> readConsistent(ConnectionWork<T> work) {
        return read(c -> {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            boolean committed = false;
            try {
                T value = work.apply(c);
                c.commit();
                committed = true;
                return value;
            } finally {
                restoreReader(c, committed);
            }
        });
    }

    /**
     * Ends a reader's own transaction and puts the connection back as readers expect it; a
     * connection that cannot be put back is closed (the reader opens a new one), never left inside
     * a repeatable-read transaction, and never hides the failure being thrown.
     */
    private static void restoreReader(Connection c, boolean committed) {
        try {
            if (!committed) {
                c.rollback();
            }
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(true);
        } catch (SQLException e) {
            log.warn("a reader connection could not be reset after a snapshot read ({}); replacing it", e.toString());
            closeQuietly(c);
        }
    }

    /** Wake-ups when another node on this database commits events (never on H2). */
    public CommitSignal listenForEvents() throws SQLException {
        return engine.listenForEvents();
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

    /** Whether online backups ({@link #backupTo}) exist here: H2 only; PostgreSQL is backed up with pg_dump. */
    public boolean onlineBackups() {
        return engine.onlineBackups();
    }

    /** Where the database is (a data directory or a URL without parameters), for messages. */
    public String where() {
        return engine.where();
    }

    private Connection newWriteConnection() throws SQLException {
        Connection c = engine.dataSource().getConnection();
        c.setAutoCommit(false);
        try {
            engine.prepareWriter(c, durability);
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
        return c;
    }

    /**
     * Writer thread: after H2 closed the database on a storage failure, opens it again (H2 recovers
     * the file to its last commit), or connects to PostgreSQL again, and has readers replace their
     * connections.
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
                readerConnections.remove(mine.connection());
                closeQuietly(mine.connection());
            }
            Connection c = engine.dataSource().getConnection();
            c.setAutoCommit(true);
            readerConnections.add(c);
            mine = new ReaderConnection(c, current);
            readConnection.set(mine);
        }
        return mine.connection();
    }

    /** Online backup to a zip file (H2 {@code BACKUP TO}); PostgreSQL has none (pg_dump, see the operations guide). */
    public CompletableFuture<Void> backupTo(Path zip) {
        if (!engine.onlineBackups()) {
            return CompletableFuture.failedFuture(new StoreException("online backups are H2's: back a PostgreSQL"
                    + " database up with pg_dump (docs/operations.md)", null));
        }
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
        readerConnections.forEach(Database::closeQuietly);
        try {
            engine.shutdown(writeConnection);
        } catch (SQLException e) {
            log.warn("database shutdown failed", e);
        } finally {
            closeQuietly(writeConnection);
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
