package org.mcx.backend.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mcx.backend.testing.TestPostgres;
import org.mcx.backend.testing.TestStores;

/**
 * Two nodes whose transactions deadlock (one holds a row and wants the event clock, the other the
 * reverse): PostgreSQL aborts one, and its node runs it again, so both changes are acknowledged.
 */
class ConflictRetryTest {
    @Test
    void aTransactionAbortedByADeadlockWithAnotherNodeRunsAgain() throws Exception {
        assumeTrue(TestStores.onPostgres(), "several nodes share a PostgreSQL database; one process owns an H2 file");
        PostgresConfig shared = TestPostgres.newDatabase();
        try (Database nodeA = open(shared); Database nodeB = open(shared)) {
            try (Connection c = DriverManager.getConnection(shared.url(), shared.user(), "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE scratch (id INT PRIMARY KEY, v INT NOT NULL)");
                s.execute("INSERT INTO scratch VALUES (1, 0)");
            }
            CountDownLatch aHoldsRow = new CountDownLatch(1);
            CountDownLatch bHoldsClock = new CountDownLatch(1);
            CompletableFuture<Long> a = nodeA.write(tx -> {
                Sql.update(tx.connection(), "UPDATE scratch SET v = v + 1 WHERE id = 1");
                aHoldsRow.countDown();
                await(bHoldsClock);
                return tx.nextSeq(Tx.Log.EVENTS);
            });
            CompletableFuture<Long> b = nodeB.write(tx -> {
                long seq = tx.nextSeq(Tx.Log.EVENTS);
                bHoldsClock.countDown();
                await(aHoldsRow);
                Sql.update(tx.connection(), "UPDATE scratch SET v = v + 1 WHERE id = 1");
                return seq;
            });
            long seqA = a.get(30, TimeUnit.SECONDS);
            long seqB = b.get(30, TimeUnit.SECONDS);
            assertThat(seqA).isNotEqualTo(seqB);
            assertThat(nodeA.read(c -> Sql.queryLong(c, "SELECT v FROM scratch WHERE id = 1")).join()).isEqualTo(2);
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
