package org.mcx.backend.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mcx.backend.testing.TestPostgres;
import org.mcx.backend.testing.TestStores;

/**
 * Two nodes whose transactions deadlock (one holds a row and wants the event clock, the other the
 * reverse): PostgreSQL aborts one, and its node runs it again, so both changes are acknowledged,
 * whether the clock was wanted in the middle of the work or, for the rows numbered at commit, at
 * its end.
 */
class ConflictRetryTest {
    private static final List<String> COLUMNS = List.of("topic", "at", "data");

    @Test
    void aTransactionAbortedByADeadlockWithAnotherNodeRunsAgain() throws Exception {
        assumeTrue(TestStores.onPostgres(), "several nodes share a PostgreSQL database; one process owns an H2 file");
        PostgresConfig shared = TestPostgres.newDatabase();
        try (Database nodeA = open(shared); Database nodeB = open(shared)) {
            createScratch(shared);
            CountDownLatch aHoldsRow = new CountDownLatch(1);
            CountDownLatch bHoldsClock = new CountDownLatch(1);
            CompletableFuture<Void> a = nodeA.write(tx -> {
                Sql.update(tx.connection(), "UPDATE scratch SET v = v + 1 WHERE id = 1");
                aHoldsRow.countDown();
                await(bHoldsClock);
                tx.excludeOtherNodes();
                appendEvent(tx, "a");
                return null;
            });
            CompletableFuture<Void> b = nodeB.write(tx -> {
                tx.excludeOtherNodes();
                bHoldsClock.countDown();
                await(aHoldsRow);
                Sql.update(tx.connection(), "UPDATE scratch SET v = v + 1 WHERE id = 1");
                appendEvent(tx, "b");
                return null;
            });
            a.get(30, TimeUnit.SECONDS);
            b.get(30, TimeUnit.SECONDS);
            assertBothCommitted(nodeA);
        }
    }

    @Test
    void aGroupWhoseCommitMeetsAnotherNodeInADeadlockRunsAgain() throws Exception {
        assumeTrue(TestStores.onPostgres(), "several nodes share a PostgreSQL database; one process owns an H2 file");
        PostgresConfig shared = TestPostgres.newDatabase();
        try (Database nodeA = open(shared); Database nodeB = open(shared)) {
            createScratch(shared);
            CountDownLatch aHoldsRow = new CountDownLatch(1);
            CountDownLatch bHoldsClock = new CountDownLatch(1);
            // A wants the clock only when its event is numbered, after its work returned; it starts
            // waiting first, so PostgreSQL's deadlock check (after deadlock_timeout) aborts A's commit.
            CompletableFuture<Void> a = nodeA.write(tx -> {
                Sql.update(tx.connection(), "UPDATE scratch SET v = v + 1 WHERE id = 1");
                appendEvent(tx, "a");
                aHoldsRow.countDown();
                await(bHoldsClock);
                return null;
            });
            CompletableFuture<Void> b = nodeB.write(tx -> {
                tx.excludeOtherNodes();
                bHoldsClock.countDown();
                await(aHoldsRow);
                pause(300);
                Sql.update(tx.connection(), "UPDATE scratch SET v = v + 1 WHERE id = 1");
                appendEvent(tx, "b");
                return null;
            });
            a.get(30, TimeUnit.SECONDS);
            b.get(30, TimeUnit.SECONDS);
            assertBothCommitted(nodeA);
        }
    }

    private static void appendEvent(Tx tx, String topic) {
        tx.appendAtCommit(Tx.Log.EVENTS, COLUMNS, seq -> { }, topic, Instant.now(), "{}");
    }

    private static void assertBothCommitted(Database node) {
        assertThat(node.read(c -> Sql.queryLong(c, "SELECT v FROM scratch WHERE id = 1")).join()).isEqualTo(2);
        assertThat(node.read(c -> Sql.query(c, "SELECT topic FROM events ORDER BY seq", rs -> rs.getString(1))).join())
                .containsExactlyInAnyOrder("a", "b");
        assertThat(node.read(c -> Sql.queryLong(c, "SELECT MAX(seq) FROM events")).join())
                .as("numbered 1 and 2: the aborted attempt's number was handed out again").isEqualTo(2);
    }

    private static void createScratch(PostgresConfig shared) throws Exception {
        try (Connection c = DriverManager.getConnection(shared.url(), shared.user(), "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE scratch (id INT PRIMARY KEY, v INT NOT NULL)");
            s.execute("INSERT INTO scratch VALUES (1, 0)");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Database open(PostgresConfig pg) {
        return Database.open(new StoreConfig(null, Database.Durability.PROCESS_CRASH).withPostgres(pg));
    }
}
