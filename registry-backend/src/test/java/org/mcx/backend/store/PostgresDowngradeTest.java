package org.mcx.backend.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.TestStores;

/** As {@link DowngradeTest}, on PostgreSQL: a database a newer version migrated further is refused in words. */
@EnabledIfSystemProperty(named = TestStores.PROPERTY, matches = "postgres")
class PostgresDowngradeTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path newerMigrations;

    @Test
    void aDatabaseFromANewerVersionIsRefusedWithAPlainSentence() throws Exception {
        TestStores.open(dataDir, Database.Durability.PROCESS_CRASH).close();
        PostgresConfig pg = TestStores.postgresFor(dataDir);
        Files.writeString(newerMigrations.resolve("V" + DowngradeTest.NEWER + "__from_a_newer_version.sql"),
                "CREATE TABLE newer_things (id BIGINT NOT NULL PRIMARY KEY);\n");
        Flyway newer = Flyway.configure().dataSource(PostgresEngine.dataSource(pg))
                .locations(Database.MIGRATIONS, "filesystem:" + newerMigrations).load();
        assertThat(newer.migrate().targetSchemaVersion).isEqualTo(String.valueOf(DowngradeTest.NEWER));

        assertThatThrownBy(() -> TestStores.open(dataDir, Database.Durability.PROCESS_CRASH))
                .isInstanceOf(NewerSchemaException.class)
                .hasMessage("the database in " + pg.where() + " was written by a newer version (schema " + DowngradeTest.NEWER
                        + "); this version knows up to schema " + DowngradeTest.KNOWN
                        + ": install the newer version or restore a backup made by this one");
    }
}
