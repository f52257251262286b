package org.mcx.backend.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.TestStores;
import org.mcx.protocol.ProtocolException;

/** Group commit: items queued together share a commit, and one failing item takes no other with it. */
class GroupCommitTest {
    @TempDir
    Path dir;

    @Test
    void aFailingItemRollsBackAloneAndTheRestCommitTogether() throws Exception {
        try (Database db = TestStores.open(dir, Database.Durability.PROCESS_CRASH)) {
            List<String> afterCommit = new CopyOnWriteArrayList<>();
            // Hold the writer so that everything below queues up and goes as one batch.
            CompletableFuture<Void> gate = new CompletableFuture<>();
            db.write(tx -> {
                gate.join();
                return null;
            });
            List<CompletableFuture<Object>> results = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String name = "user" + i;
                int n = i;
                results.add(db.write(tx -> {
                    Sql.update(tx.connection(), "INSERT INTO lockouts (username, locked_until) VALUES (?, ?)", name, Instant.now());
                    tx.afterCommit(() -> afterCommit.add(name));
                    if (n % 3 == 1) {
                        throw ProtocolException.conflict("refused " + name);
                    }
                    if (n % 3 == 2) {
                        // A database error half-way: this item's insert is undone, not the others'.
                        Sql.update(tx.connection(), "INSERT INTO lockouts (username, locked_until) VALUES (?, ?)", name, Instant.now());
                    }
                    return name;
                }));
            }
            gate.complete(null);
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(10, TimeUnit.SECONDS);

            List<String> stored = db.read(c -> Sql.query(c, "SELECT username FROM lockouts ORDER BY username", rs -> rs.getString(1))).get();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 30; i += 3) {
                expected.add("user" + i);
                assertThat(results.get(i)).isCompletedWithValue("user" + i);
                assertThat(results.get(i + 1)).isCompletedExceptionally();
                assertThat(results.get(i + 2)).isCompletedExceptionally();
            }
            assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(afterCommit).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aQuietPointRunsBetweenCommitsInQueueOrder() throws Exception {
        try (Database db = TestStores.open(dir, Database.Durability.PROCESS_CRASH)) {
            CompletableFuture<Void> gate = new CompletableFuture<>();
            db.write(tx -> {
                gate.join();
                return null;
            });
            db.write(tx -> Sql.update(tx.connection(), "INSERT INTO lockouts (username, locked_until) VALUES ('a', 1)"));
            CompletableFuture<Long> seen = db.atQuietPoint(c -> Sql.queryLong(c, "SELECT COUNT(*) FROM lockouts"));
            db.write(tx -> Sql.update(tx.connection(), "INSERT INTO lockouts (username, locked_until) VALUES ('b', 1)"));
            gate.complete(null);
            assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo(1L);
        }
    }

    @Test
    void workOfferedWhileClosingFailsItsFutureInsteadOfThrowing() {
        Database db = TestStores.open(dir, Database.Durability.PROCESS_CRASH);
        db.close();
        CompletableFuture<Object> late = db.write(tx -> "never");
        CompletableFuture<Object> quiet = db.atQuietPoint(c -> "never");
        assertThat(late).isCompletedExceptionally();
        assertThat(quiet).isCompletedExceptionally();
    }
}
