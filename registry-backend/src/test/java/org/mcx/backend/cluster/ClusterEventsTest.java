package org.mcx.backend.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.store.PostgresConfig;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.RawClient;
import org.mcx.backend.testing.TestPostgres;
import org.mcx.backend.testing.TestStores;

/**
 * Two backend nodes on one PostgreSQL database: whichever node a change is made on, the consoles
 * of both hear of it, in one order, without gaps or repeats, and a console resumes on the other
 * node exactly where it left off (docs/cluster.md).
 */
class ClusterEventsTest {
    @TempDir
    Path dirA;
    @TempDir
    Path dirB;
    BackendFixture nodeA;
    BackendFixture nodeB;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(TestStores.onPostgres(), "several nodes share a PostgreSQL database; one process owns an H2 file");
        PostgresConfig shared = TestPostgres.newDatabase();
        nodeA = BackendFixture.start(dirA, "primary", c -> c.withDatabase(shared));
        nodeB = BackendFixture.start(dirB, "primary", c -> c.withDatabase(shared));
    }

    @AfterEach
    void stop() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void everyNodeDeliversEveryNodesEventsInOneOrder() throws Exception {
        int perNode = 40;
        try (RawClient readerA = admin(nodeA); RawClient readerB = admin(nodeB)) {
            subscribe(readerA, null);
            subscribe(readerB, null);
            CompletableFuture<Void> writingA = CompletableFuture.runAsync(() -> saveUsers(nodeA, "a", perNode));
            CompletableFuture<Void> writingB = CompletableFuture.runAsync(() -> saveUsers(nodeB, "b", perNode));
            writingA.join();
            writingB.join();

            List<Received> onA = receive(readerA, 2 * perNode);
            List<Received> onB = receive(readerB, 2 * perNode);
            assertThat(onA).extracting(Received::seq).isSorted().doesNotHaveDuplicates();
            assertThat(onA).containsExactlyElementsOf(onB);
            assertThat(onA).extracting(Received::user).filteredOn(u -> u.startsWith("a")).hasSize(perNode);
            assertThat(onA).extracting(Received::user).filteredOn(u -> u.startsWith("b")).hasSize(perNode);

            // What was delivered live is exactly what the log holds: replayed on either node, the same.
            try (RawClient replay = admin(nodeB)) {
                subscribe(replay, onA.get(0).seq() - 1);
                assertThat(receive(replay, 2 * perNode)).containsExactlyElementsOf(onA);
            }
        }
    }

    @Test
    void aConsoleResumesOnTheOtherNodeWhereItLeftOff() throws Exception {
        List<Received> seen = new ArrayList<>();
        long resumeAfter;
        try (RawClient onA = admin(nodeA)) {
            long start = subscribe(onA, null);
            saveUsers(nodeB, "first", 10);
            seen.addAll(receive(onA, 5));
            resumeAfter = seen.get(seen.size() - 1).seq();
            assertThat(resumeAfter).isGreaterThan(start);
        } // node A's console goes away after 5 of 10
        saveUsers(nodeA, "second", 10);
        try (RawClient onB = admin(nodeB)) {
            subscribe(onB, resumeAfter);
            seen.addAll(receive(onB, 15));
        }
        assertThat(seen).extracting(Received::seq).isSorted().doesNotHaveDuplicates();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add("first" + i);
        }
        for (int i = 0; i < 10; i++) {
            expected.add("second" + i);
        }
        assertThat(seen).extracting(Received::user).containsExactlyElementsOf(expected);
    }

    @Test
    void aUserChangedOnOneNodeIsSignedOutOnTheOther() throws Exception {
        try (RawClient admin = admin(nodeA)) {
            saveUser(admin, "operator1", "[\"OPERATOR\"]");
        }
        try (RawClient operatorOnB = new RawClient(nodeB.base(), "/acmc")) {
            assertThat(RawClient.code(operatorOnB.login("operator1", "password-operator1"))).isEmpty();
            try (RawClient admin = admin(nodeA)) {
                saveUser(admin, "operator1", "[\"VIEWER\"]");
            }
            assertThat(operatorOnB.awaitClose()).isEqualTo(4403);
        }
    }

    private record Received(long seq, String user) {
    }

    private static RawClient admin(BackendFixture node) throws Exception {
        RawClient c = new RawClient(node.base(), "/acmc");
        assertThat(RawClient.code(c.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD))).isEmpty();
        return c;
    }

    /** Subscribes to users' events; returns the node's last published seq. */
    private static long subscribe(RawClient c, Long sinceSeq) throws Exception {
        JsonNode reply = c.call("events.subscribe", "{\"topics\":[\"user.saved\"]"
                + (sinceSeq == null ? "" : ",\"sinceSeq\":" + sinceSeq) + "}");
        assertThat(RawClient.code(reply)).isEmpty();
        return reply.path("body").path("lastSeq").asLong();
    }

    private static List<Received> receive(RawClient c, int count) throws Exception {
        List<Received> got = new ArrayList<>();
        while (got.size() < count) {
            JsonNode e = c.next();
            assertThat(e.path("type").asText()).isEqualTo("event");
            got.add(new Received(e.path("body").path("seq").asLong(), e.path("body").path("data").path("mcServiceId").asText()));
        }
        return got;
    }

    private static void saveUsers(BackendFixture node, String prefix, int count) {
        try (RawClient writer = admin(node)) {
            for (int i = 0; i < count; i++) {
                saveUser(writer, prefix + i, "[]");
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void saveUser(RawClient c, String id, String roles) throws Exception {
        JsonNode reply = c.call("users.save", "{\"mcServiceId\":\"" + id + "\",\"displayName\":\"" + id + "\",\"roles\":"
                + roles + ",\"externalAccessAllowed\":true,\"allowedServices\":[],\"password\":\"password-" + id + "\"}");
        assertThat(RawClient.code(reply)).as(reply.toString()).isEmpty();
    }
}
