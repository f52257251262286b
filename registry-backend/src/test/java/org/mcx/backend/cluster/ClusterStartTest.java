package org.mcx.backend.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.store.PostgresConfig;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.RawClient;
import org.mcx.backend.testing.TestPostgres;
import org.mcx.backend.testing.TestStores;

/**
 * Nodes started at the same moment on an empty database (systemd starting a whole cluster) make
 * one administrator and one token-signing key between them, and a session opened on one node
 * resumes on another.
 */
class ClusterStartTest {
    @TempDir
    Path dir;
    final List<BackendFixture> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(BackendFixture::close);
    }

    @Test
    void nodesStartingTogetherShareOneAdministratorAndOneKey() throws Exception {
        assumeTrue(TestStores.onPostgres(), "several nodes share a PostgreSQL database; one process owns an H2 file");
        PostgresConfig shared = TestPostgres.newDatabase();
        List<CompletableFuture<BackendFixture>> starting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path own = Files.createDirectories(dir.resolve("node" + i));
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return BackendFixture.start(own, "primary", c -> c.withDatabase(shared));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<BackendFixture> s : starting) {
            nodes.add(s.join()); // a node whose first-start work collided would have failed here
        }

        String token;
        try (RawClient onFirst = new RawClient(nodes.get(0).base(), "/acmc")) {
            JsonNode session = onFirst.login(BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD);
            assertThat(RawClient.code(session)).isEmpty();
            token = session.path("body").path("sessionToken").asText();
            JsonNode users = onFirst.call("users.list", "{}");
            assertThat(users.path("body").path("users")).hasSize(1);
        }
        for (BackendFixture node : nodes.subList(1, 3)) {
            try (RawClient other = new RawClient(node.base(), "/acmc")) {
                JsonNode resumed = other.call("auth.resume", "{\"sessionToken\":\"" + token + "\"}");
                assertThat(RawClient.code(resumed)).as(resumed.toString()).isEmpty();
            }
        }
    }
}
