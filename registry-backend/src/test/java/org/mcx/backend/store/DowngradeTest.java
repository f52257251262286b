package org.mcx.backend.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendProcess;
import org.mcx.backend.testing.TestStores;

/**
 * A database migrated by a newer version (here: a real H2 file that a real Flyway run took to a
 * schema this code does not have, two past its newest) must not be opened by this version.
 */
@Tag(TestStores.H2_ONLY) // about the H2 file itself; PostgreSQL keeps its own files
class DowngradeTest {
    /** This code's newest migration (from its migration files), so the test outlives new migrations. */
    static final int KNOWN = newestMigration();
    static final int NEWER = KNOWN + 2;

    private static int newestMigration() {
        try (var files = Files.list(Path.of(DowngradeTest.class.getResource("/db/migration").toURI()))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot list the migrations", e);
        }
    }

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
                .hasMessage("the database in " + dataDir + " was written by a newer version (schema " + NEWER + ");"
                        + " this version knows up to schema " + KNOWN + ": install the newer version or restore a backup made by this one");
    }

    @Test
    void theServerRefusesToStartOnItAndSaysWhy() throws Exception {
        Database.open(dataDir, Database.Durability.PROCESS_CRASH).close();
        migrateAsANewerVersionWould();

        Process p = new ProcessBuilder(BackendProcess.command(List.of("--data-dir", dataDir.toString(),
                "--system-id", "primary", "--port", "0"))).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isEqualTo(65); // the service unit does not restart on 65
        assertThat(output).contains("registry-backend: the database in " + dataDir
                + " was written by a newer version (schema " + NEWER + ")").doesNotContain("listening");
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
        Files.writeString(newerMigrations.resolve("V" + NEWER + "__from_a_newer_version.sql"),
                "CREATE TABLE newer_things (id BIGINT NOT NULL PRIMARY KEY);\n");
        Flyway newer = Flyway.configure().dataSource(Database.dataSource(dataDir))
                .locations(Database.MIGRATIONS, "filesystem:" + newerMigrations).load();
        assertThat(newer.migrate().targetSchemaVersion).isEqualTo(String.valueOf(NEWER));
    }
}
