package org.mcx.backend.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mcx.backend.store.Database;
import org.mcx.backend.store.PostgresConfig;
import org.mcx.backend.store.StoreConfig;

/**
 * Which store tests run on: H2 in the test's data directory (the default), or PostgreSQL when the
 * build runs them with {@code -Dmcx.test.store=postgres} (the second surefire execution of this
 * module). On PostgreSQL each data directory gets a database of its own, kept for as long as the
 * JVM runs, so that a restart on the same directory finds its data again, as it does on H2.
 */
public final class TestStores {
    public static final String PROPERTY = "mcx.test.store";
    /** JUnit tag of tests about H2 itself (its file, BACKUP TO, a full local disk): not run on PostgreSQL. */
    public static final String H2_ONLY = "h2-only";
    private static final Map<Path, PostgresConfig> byDataDir = new ConcurrentHashMap<>();

    private TestStores() {
    }

    public static boolean onPostgres() {
        return "postgres".equals(System.getProperty(PROPERTY));
    }

    /** The store for {@code dataDir}: its H2 file, or its own PostgreSQL database. */
    public static StoreConfig store(Path dataDir, Database.Durability durability) {
        StoreConfig h2 = new StoreConfig(dataDir, durability);
        return onPostgres() ? h2.withPostgres(postgresFor(dataDir)) : h2;
    }

    /** The PostgreSQL database of {@code dataDir}, made on first use. */
    public static PostgresConfig postgresFor(Path dataDir) {
        return byDataDir.computeIfAbsent(dataDir.toAbsolutePath().normalize(), d -> TestPostgres.newDatabase());
    }

    /** Opens the store of {@code dataDir}, as {@link Database#open(StoreConfig)} would for a server. */
    public static Database open(Path dataDir, Database.Durability durability) {
        return Database.open(store(dataDir, durability));
    }
}
