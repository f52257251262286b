package org.mcx.backend.store;

import java.nio.file.Path;

/**
 * Where the database lives and how an acknowledged change is kept.
 *
 * @param dataDir    the H2 file {@code mcx.mv.db} and the generated TLS material
 * @param durability what an acknowledged change survives
 */
public record StoreConfig(Path dataDir, Database.Durability durability) {
    public StoreConfig withDurability(Database.Durability newDurability) {
        return new StoreConfig(dataDir, newDurability);
    }
}
