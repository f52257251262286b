package org.mcx.backend.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.mcx.backend.testing.TestPostgres;
import org.mcx.backend.testing.TestStores;

/**
 * An event committed on one node wakes the other nodes' tails (PostgreSQL's NOTIFY, sent by the
 * statement that writes the events at commit); one rolled back wakes nobody, and a node's own
 * commit does not wake its own tail (its writer publishes its events itself).
 */
class EventNotifyTest {
    private static final List<String> COLUMNS = List.of("topic", "at", "data");

    @Test
    void aCommittedEventWakesOtherNodesAndARolledBackOneDoesNot() throws Exception {
        assumeTrue(TestStores.onPostgres(), "NOTIFY is PostgreSQL's; one process owns an H2 file");
        PostgresConfig shared = TestPostgres.newDatabase();
        try (Database writer = open(shared); Database other = open(shared);
             CommitSignal othersSignal = other.listenForEvents();
             CommitSignal ownSignal = writer.listenForEvents()) {
            assertThatThrownBy(() -> writer.write(tx -> {
                tx.appendAtCommit(Tx.Log.EVENTS, COLUMNS, seq -> { }, "test.rolledBack", Instant.now(), "{}");
                throw new IllegalStateException("rolled back on purpose");
            }).join()).isInstanceOf(CompletionException.class);
            assertThat(othersSignal.await(500)).as("a rolled-back event notifies nobody").isFalse();

            long[] numbered = new long[1];
            writer.write(tx -> {
                tx.appendAtCommit(Tx.Log.EVENTS, COLUMNS, seq -> numbered[0] = seq, "test.committed", Instant.now(), "{}");
                return null;
            }).join();
            assertThat(numbered[0]).isEqualTo(1); // the rolled-back number was handed out again: no gap
            assertThat(othersSignal.await(10_000)).as("a committed event wakes another node").isTrue();
            assertThat(ownSignal.await(1_000)).as("a node's own event does not wake it").isFalse();
        }
    }

    private static Database open(PostgresConfig pg) {
        return Database.open(new StoreConfig(null, Database.Durability.PROCESS_CRASH).withPostgres(pg));
    }
}
