package org.mcx.backend.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipInputStream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.RawClient;
import org.mcx.backend.testing.TestStores;

/**
 * H2 databases made before PostgreSQL support still open: the migrations of both databases are the
 * files H2 databases already applied, so their checksums in flyway_schema_history must still match.
 * The database here was made by the released code (commit 8d19810, schema 7) with
 * {@code java -jar registry-backend.jar --data-dir … --admin-password made-by-main-0.1.0}.
 */
@Tag(TestStores.H2_ONLY)
class ExistingH2DatabaseTest {
    @TempDir
    Path dataDir;

    @Test
    void aDatabaseMadeByTheEarlierVersionValidatesAndServes() throws Exception {
        unzip("/store/mcx-0.1.0-schema7.zip", dataDir);
        Files.writeString(dataDir.resolve(StoreIntegrity.MARKER), "made by 0.1.0\n");

        ValidateResult checked = Flyway.configure().dataSource(Database.dataSource(dataDir)).locations(Database.MIGRATIONS)
                // Migrations newer than schema 7 are pending here: the backend applies them below.
                .ignoreMigrationPatterns("*:pending").load().validateWithResult();
        assertThat(checked.validationSuccessful).as(String.valueOf(checked.invalidMigrations)).isTrue();

        try (BackendFixture backend = BackendFixture.start(dataDir, "mcx-old", c -> c.withAdminPassword(null));
             RawClient admin = new RawClient(backend.base(), "/acmc")) {
            assertThat(RawClient.code(admin.login("admin", "made-by-main-0.1.0"))).isEmpty();
        }
    }

    private static void unzip(String resource, Path into) throws Exception {
        try (InputStream in = ExistingH2DatabaseTest.class.getResourceAsStream(resource); ZipInputStream zip = new ZipInputStream(in)) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Files.copy(zip, into.resolve(entry.getName()));
            }
        }
    }
}
