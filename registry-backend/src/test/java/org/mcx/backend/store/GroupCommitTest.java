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
    void logRowsAreNumberedAtCommitInTheOrderTheirItemsRanWithoutTheFailedOnes() throws Exception {
        List<String> eventColumns = List.of("topic", "at", "data");
        List<String> auditColumns = List.of("at", "actor", "action", "target", "outcome", "detail");
        try (Database db = TestStores.open(dir, Database.Durability.PROCESS_CRASH)) {
            CompletableFuture<Void> gate = new CompletableFuture<>();
            db.write(tx -> {
                gate.join();
                return null;
            });
            List<String> told = new CopyOnWriteArrayList<>();
            List<CompletableFuture<Object>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int n = i;
                // Item 4 adds more rows than one statement writes, so they go in several.
                int rows = n == 4 ? 2_500 : 2;
                results.add(db.write(tx -> {
                    for (int r = 0; r < rows; r++) {
                        String topic = "item" + n + "." + r;
                        tx.appendAtCommit(Tx.Log.EVENTS, eventColumns, seq -> told.add(seq + "=" + topic),
                                topic, Instant.now(), "{}");
                    }
                    tx.appendAtCommit(Tx.Log.AUDIT, auditColumns, seq -> { }, Instant.now(), "test", "item" + n, null,
                            "ok", null);
                    if (n % 3 == 1) {
                        throw ProtocolException.conflict("refused item" + n);
                    }
                    return null;
                }));
            }
            gate.complete(null);
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(30, TimeUnit.SECONDS);

            List<String> expected = new ArrayList<>();
            List<String> expectedAudit = new ArrayList<>();
            for (int n = 0; n < 12; n++) {
                if (n % 3 != 1) {
                    for (int r = 0; r < (n == 4 ? 2_500 : 2); r++) {
                        expected.add((expected.size() + 1) + "=item" + n + "." + r);
                    }
                    expectedAudit.add((expectedAudit.size() + 1) + "=item" + n);
                }
            }
            List<String> stored = db.read(c -> Sql.query(c, "SELECT seq, topic FROM events ORDER BY seq",
                    rs -> rs.getLong(1) + "=" + rs.getString(2))).get();
            assertThat(stored).containsExactlyElementsOf(expected);
            assertThat(told).as("each row told its number").containsExactlyElementsOf(expected);
            assertThat(db.read(c -> Sql.query(c, "SELECT seq, action FROM audit_log ORDER BY seq",
                    rs -> rs.getLong(1) + "=" + rs.getString(2))).get()).containsExactlyElementsOf(expectedAudit);
            assertThat(db.read(c -> Sql.queryLong(c, "SELECT seq FROM log_clock WHERE name = 'events'")).get())
                    .isEqualTo(expected.size());
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
