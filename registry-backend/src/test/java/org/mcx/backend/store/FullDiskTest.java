package org.mcx.backend.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.testing.RawClient.code;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.RawClient;
import org.mcx.backend.testing.SmallDisk;
import org.mcx.backend.testing.TestStores;
import org.mcx.protocol.ErrorCode;
import org.slf4j.LoggerFactory;

/**
 * A full disk, on a real 20 MB filesystem: changes are refused as UNAVAILABLE ("storage full"),
 * logged once, and accepted again by themselves once space is freed, with nothing acknowledged
 * lost — both when the reserve catches it first and when H2 itself fails to write.
 */
@Tag(TestStores.H2_ONLY) // about the H2 file itself; PostgreSQL keeps its own files
class FullDiskTest {
    @TempDir
    Path tmp;
    private SmallDisk disk;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger availabilityLog = (Logger) LoggerFactory.getLogger(StoreAvailability.class);

    @BeforeEach
    void mount() throws Exception {
        disk = SmallDisk.mount(tmp.resolve("vol"), 20);
        logged.start();
        availabilityLog.addAppender(logged);
    }

    @AfterEach
    void unmount() throws Exception {
        availabilityLog.detachAppender(logged);
        if (disk != null) {
            disk.close();
        }
    }

    private long errorsLogged() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.ERROR).count();
    }

    @Test
    void whenH2ItselfHitsTheFullDiskItIsReopenedOnceThereIsSpaceAndNothingAcknowledgedIsLost() throws Exception {
        Path dir = disk.root().resolve("data");
        long acknowledged;
        try (Database db = Database.open(dir, Database.Durability.PROCESS_CRASH, 0)) {
            db.write(tx -> Sql.update(tx.connection(), "CREATE TABLE notes (id INT PRIMARY KEY, text VARCHAR(2000))")).join();
            acknowledged = insert(db, 0, 50);
            disk.fill();

            int next = (int) acknowledged;
            Throwable refused = null;
            for (int i = 0; i < 200 && refused == null; i++, next++) {
                try {
                    insert(db, next, 1);
                    acknowledged++;
                } catch (CompletionException e) {
                    refused = e.getCause();
                }
            }
            assertThat(refused).as("a write on the full disk").isInstanceOf(StoreUnavailableException.class);
            assertThat(((StoreUnavailableException) refused).code()).isEqualTo(ErrorCode.UNAVAILABLE);
            assertThat(refused).hasMessageContaining("storage full");
            assertThat(db.read(c -> Sql.queryLong(c, "SELECT COUNT(*) FROM notes")))
                    .as("H2 closed the database: reads are refused too, in words")
                    .failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                    .withCauseInstanceOf(StoreUnavailableException.class);
            for (int i = 0; i < 20; i++) {
                assertThat(db.write(tx -> 1)).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(Exception.class);
            }

            disk.free();
            long recoveredAfter = System.nanoTime();
            long added = awaitWritable(db, next);
            acknowledged += added;
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - recoveredAfter)).isLessThan(30);
            assertThat(db.read(c -> Sql.queryLong(c, "SELECT COUNT(*) FROM notes")).join()).isEqualTo(acknowledged);
        }
        assertThat(errorsLogged()).as("the fault is logged once, not per refused request").isEqualTo(1);
        try (Database again = Database.open(dir, Database.Durability.PROCESS_CRASH)) {
            assertThat(again.read(c -> Sql.queryLong(c, "SELECT COUNT(*) FROM notes")).join()).isEqualTo(acknowledged);
        }
    }

    @Test
    void throughTheServerChangesAreUnavailableWhileTheDiskIsFullAndReadsGoOn() throws Exception {
        Path dir = disk.root().resolve("data");
        int created = 0;
        try (BackendFixture backend = BackendFixture.start(dir);
             RawClient admin = new RawClient(backend.base(), "/acmc")) {
            admin.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD);
            for (; created < 20; created++) {
                assertThat(code(create(admin, created))).isEmpty();
            }
            disk.fill();

            JsonNode refused = create(admin, created);
            assertThat(code(refused)).isEqualTo("UNAVAILABLE");
            assertThat(refused.path("body").path("message").asText()).contains("storage full");
            for (int i = 0; i < 50; i++) {
                assertThat(code(create(admin, 1000 + i))).isEqualTo("UNAVAILABLE");
            }
            JsonNode list = admin.call("applications.list", "{}");
            assertThat(code(list)).as("reads go on").isEmpty();
            assertThat(list.path("body").path("applications")).hasSize(created);

            disk.free();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            JsonNode again;
            do {
                again = create(admin, created);
            } while (!code(again).isEmpty() && System.nanoTime() < deadline);
            assertThat(code(again)).as("a change once space is free").isEmpty();
            created++;
            backend.restart();
            try (RawClient after = new RawClient(backend.base(), "/acmc")) {
                after.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD);
                assertThat(after.call("applications.list", "{}").path("body").path("applications")).hasSize(created);
            }
        }
        assertThat(errorsLogged()).as("logged once").isEqualTo(1);
    }

    private static JsonNode create(RawClient admin, int n) throws Exception {
        return admin.call("applications.create", "{\"name\":\"Board " + n + "\",\"trustedDomain\":false}");
    }

    private static long insert(Database db, int from, int count) {
        for (int i = from; i < from + count; i++) {
            int id = i;
            db.write(tx -> Sql.update(tx.connection(), "INSERT INTO notes (id, text) VALUES (?, ?)", id, "n".repeat(2000)))
                    .join();
        }
        return count;
    }

    /** Writes one row again and again until one is accepted; returns 1. */
    private static long awaitWritable(Database db, int id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                insert(db, id, 1);
                return 1;
            } catch (CompletionException refused) {
                if (System.nanoTime() > deadline) {
                    throw refused;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }
}
