package org.mcx.backend.store;

import java.nio.file.Path;

/**
 * Where the database lives and how an acknowledged change is kept.
 *
 * @param dataDir    the generated TLS material, and the H2 file {@code mcx.mv.db} when there is no
 *                   {@code postgres}
 * @param durability what an acknowledged change survives
 * @param postgres   the PostgreSQL database to use instead of H2; null: H2 in {@code dataDir}
 */
public record StoreConfig(Path dataDir, Database.Durability durability, PostgresConfig postgres) {
    /** H2 in {@code dataDir}: the embedded default. */
    public StoreConfig(Path dataDir, Database.Durability durability) {
        this(dataDir, durability, null);
    }

    public StoreConfig withDurability(Database.Durability newDurability) {
        return new StoreConfig(dataDir, newDurability, postgres);
    }

    public StoreConfig withPostgres(PostgresConfig newPostgres) {
        return new StoreConfig(dataDir, durability, newPostgres);
    }

    public boolean onPostgres() {
        return postgres != null;
    }
}
