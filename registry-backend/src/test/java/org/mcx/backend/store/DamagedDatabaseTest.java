package org.mcx.backend.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.BackendProcess;
import org.mcx.backend.testing.TestStores;

/** A data directory that held a database never starts as a new, empty system. */
@Tag(TestStores.H2_ONLY) // about the H2 file itself; PostgreSQL keeps its own files
class DamagedDatabaseTest {
    @TempDir
    Path dataDir;

    private Path file() {
        return dataDir.resolve(StoreIntegrity.FILE);
    }

    /** A database with some rows, stopped cleanly. */
    private void databaseWithData() {
        try (Database db = Database.open(dataDir, Database.Durability.PROCESS_CRASH)) {
            db.write(tx -> Sql.update(tx.connection(), "CREATE TABLE notes (id INT PRIMARY KEY, text VARCHAR(1000))")).join();
            for (int i = 0; i < 100; i++) {
                int id = i;
                db.write(tx -> Sql.update(tx.connection(), "INSERT INTO notes VALUES (?, ?)", id, "n".repeat(500))).join();
            }
        }
    }

    private void truncate(long bytes) throws Exception {
        try (FileChannel ch = FileChannel.open(file(), StandardOpenOption.WRITE)) {
            ch.truncate(bytes);
        }
    }

    @ParameterizedTest(name = "truncated to {0} bytes")
    @CsvSource({"0, it is empty", "4096, it cannot be read", "8192, it holds no data", "20000, it"})
    void aTruncatedFileStopsTheStartWithASentence(long bytes, String said) throws Exception {
        databaseWithData();
        truncate(bytes);
        assertThatThrownBy(() -> Database.open(dataDir, Database.Durability.PROCESS_CRASH))
                .isInstanceOf(StoreRefusedException.class)
                .hasMessageStartingWith("the database file " + file() + " is damaged (" + said)
                .hasMessageContaining("restore a backup").hasMessageContaining("--new-database");
        assertThat(Files.size(file())).as("left exactly as it was found").isEqualTo(bytes);
    }

    @Test
    void aMissingFileInADirectoryThatHeldOneStopsTheStart() throws Exception {
        databaseWithData();
        Files.delete(file());
        assertThatThrownBy(() -> Database.open(dataDir, Database.Durability.PROCESS_CRASH))
                .isInstanceOf(StoreRefusedException.class)
                .hasMessageContaining("is missing, but this data directory held a database");
    }

    @Test
    void aDatabaseFromBeforeTheMarkerIsRecognisedAndMarked() throws Exception {
        databaseWithData();
        Files.delete(dataDir.resolve(StoreIntegrity.MARKER));
        try (Database db = Database.open(dataDir, Database.Durability.PROCESS_CRASH)) {
            assertThat(db.read(c -> Sql.queryLong(c, "SELECT COUNT(*) FROM notes")).join()).isEqualTo(100);
        }
        assertThat(dataDir.resolve(StoreIntegrity.MARKER)).exists();
    }

    @Test
    void theServerRefusesWithExitCode65AndNewDatabaseStartsOverKeepingTheDamagedFile() throws Exception {
        try (BackendFixture first = BackendFixture.start(dataDir)) {
            assertThat(first.port()).isPositive();
        }
        truncate(8192);

        Process refused = new ProcessBuilder(BackendProcess.command(List.of("--data-dir", dataDir.toString(),
                "--system-id", "primary", "--port", "0", "--admin-password", "pw"))).redirectErrorStream(true).start();
        String said = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(refused.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).as(said).isEqualTo(65);
        assertThat(said).contains("registry-backend: the database file " + file() + " is damaged")
                .doesNotContain("created the first administrator").doesNotContain("listening");

        try (BackendProcess again = BackendProcess.start(dataDir, "primary", "--new-database")) {
            assertThat(again.output()).contains("a new, empty database is created").contains("created the first administrator");
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anySatisfy(name -> assertThat(name).startsWith("mcx.mv.db.damaged-"));
        }
    }

    @Test
    void newDatabaseNeverTouchesAReadableDatabase() throws Exception {
        databaseWithData();
        StoreIntegrity.startOverIfDamaged(dataDir);
        try (Database db = Database.open(dataDir, Database.Durability.PROCESS_CRASH)) {
            assertThat(db.read(c -> Sql.queryLong(c, "SELECT COUNT(*) FROM notes")).join()).isEqualTo(100);
        }
    }
}
