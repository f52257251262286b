package org.mcx.backend.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendProcess;

/**
 * A database migrated by a newer version (here: a real H2 file that a real Flyway run took to a
 * schema 7 this code does not have) must not be opened by this version.
 */
class DowngradeTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path newerMigrations;

    @Test
    void aDatabaseFromANewerVersionIsRefusedWithAPlainSentence() throws Exception {
        Database.open(dataDir, Database.Durability.PROCESS_CRASH).close();
        migrateAsANewerVersionWould();

        assertThatThrownBy(() -> Database.open(dataDir, Database.Durability.PROCESS_CRASH))
                .isInstanceOf(NewerSchemaException.class)
                .hasMessage("the database in " + dataDir + " was written by a newer version (schema 7);"
                        + " this version knows up to schema 5: install the newer version or restore a backup made by this one");
    }

    @Test
    void theServerRefusesToStartOnItAndSaysWhy() throws Exception {
        Database.open(dataDir, Database.Durability.PROCESS_CRASH).close();
        migrateAsANewerVersionWould();

        Process p = new ProcessBuilder(BackendProcess.command(List.of("--data-dir", dataDir.toString(),
                "--system-id", "primary", "--port", "0"))).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isEqualTo(3); // the service unit does not restart on 3
        assertThat(output).contains("registry-backend: the database in " + dataDir
                + " was written by a newer version (schema 7)").doesNotContain("listening");
    }

    @Test
    void flywayAloneWouldHaveAcceptedIt() throws Exception {
        Database.open(dataDir, Database.Durability.PROCESS_CRASH).close();
        migrateAsANewerVersionWould();

        // Why SchemaGuard exists: Flyway's default ignoreMigrationPatterns (*:future) lets this pass.
        Flyway thisVersion = Flyway.configure().dataSource(Database.dataSource(dataDir))
                .locations(Database.MIGRATIONS).load();
        assertThat(thisVersion.validateWithResult().validationSuccessful).isTrue();
    }

    @Test
    void theSameVersionReopensItsOwnDatabase() {
        Database.open(dataDir, Database.Durability.PROCESS_CRASH).close();
        Database.open(dataDir, Database.Durability.PROCESS_CRASH).close();
    }

    private void migrateAsANewerVersionWould() throws Exception {
        Files.writeString(newerMigrations.resolve("V7__from_a_newer_version.sql"),
                "CREATE TABLE newer_things (id BIGINT NOT NULL PRIMARY KEY);\n");
        Flyway newer = Flyway.configure().dataSource(Database.dataSource(dataDir))
                .locations(Database.MIGRATIONS, "filesystem:" + newerMigrations).load();
        assertThat(newer.migrate().targetSchemaVersion).isEqualTo("7");
    }
}
