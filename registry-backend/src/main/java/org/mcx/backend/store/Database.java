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

    private final JdbcDataSource dataSource;
    private final Connection writeConnection;
    private final WriterThread writer;
    private final ExecutorService readers;
    private final ThreadLocal<Connection> readConnection = new ThreadLocal<>();
    private final Durability durability;

    private Database(JdbcDataSource dataSource, Durability durability) throws SQLException {
        this.dataSource = dataSource;
        this.durability = durability;
        this.readers = Executors.newFixedThreadPool(2, named("mcx-db-reader"));
        this.writeConnection = dataSource.getConnection();
        this.writeConnection.setAutoCommit(false);
        this.writer = new WriterThread(new TransactionRunner(writeConnection, durability));
    }

    /** Opens (creating if needed) the database under {@code dataDir} and migrates it. */
    public static Database open(Path dataDir, Durability durability) {
        JdbcDataSource ds = dataSource(dataDir);
        migrate(Flyway.configure().dataSource(ds).locations(MIGRATIONS).load(), dataDir);
        try {
            Database db = new Database(ds, durability);
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

    /**
     * Runs {@code work} on the writer thread, in a transaction of its own or grouped with others
     * queued at the same time (group commit); committed, and durable as configured, before the
     * future completes. A failure rolls back this work alone.
     */
    public <T> CompletableFuture<T> write(TransactionalWork<T> work) {
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
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.apply(readerConnection());
            } catch (SQLException e) {
                throw new StoreException("read failed", e);
            }
        }, readers);
    }

    /**
     * Runs {@code task} on the writer thread between transactions: nothing commits while it runs,
     * so it sees a consistent point of the event sequence (used to join live feeds without gaps).
     */
    public <T> CompletableFuture<T> atQuietPoint(ConnectionWork<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable quiet = () -> {
            try {
                T value = task.apply(writeConnection);
                writeConnection.commit();
                result.complete(value);
            } catch (SQLException | RuntimeException e) {
                result.completeExceptionally(e instanceof SQLException
                        ? new StoreException("read at a quiet point failed", e) : e);
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
        Connection c = readConnection.get();
        if (c == null || c.isClosed()) {
            c = dataSource.getConnection();
            c.setAutoCommit(true);
            readConnection.set(c);
        }
        return c;
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
