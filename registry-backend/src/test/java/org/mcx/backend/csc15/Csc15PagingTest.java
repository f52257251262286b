package org.mcx.backend.csc15;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.applications.Harness.call;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.access.AccessConfig;
import org.mcx.access.AccessServer;
import org.mcx.backend.applications.Harness;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.Role;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc15;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/** A snapshot larger than a message comes in pages; pushes follow the last page. */
class Csc15PagingTest {
    static final int USERS = 600;

    @TempDir
    Path dir;
    Harness h;
    Console.NodeCreated node;

    /** A backend whose messages are capped at 64 KiB, and more users than one snapshot page holds. */
    @BeforeEach
    void start() throws Exception {
        h = Harness.start(dir, c -> c.withMaxMessageBytes(64 * 1024));
        node = call(h.admin(), MessageType.NODES_CREATE, new Console.CreateNode("sas-1", Console.NodeKind.SAS));
        createUsers();
    }

    @AfterEach
    void stop() {
        h.close();
    }

    /** Many users, a hundred requests at a time (the console's connection bounds what is in flight). */
    private void createUsers() throws Exception {
        for (int from = 0; from < USERS; from += 100) {
            List<CompletableFuture<Console.User>> saves = new ArrayList<>();
            for (int i = from; i < Math.min(USERS, from + 100); i++) {
                saves.add(h.admin().request(MessageType.USERS_SAVE, new Console.SaveUser("user-" + i, "User " + i,
                        List.<Role>of(), true, List.of(ServiceType.GM), true, Harness.PASSWORD), Console.User.class));
            }
            CompletableFuture.allOf(saves.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aLargeSnapshotComesInPagesThatTogetherHoldEverything() throws Exception {
        BlockingQueue<Csc15.UpdateUserAccess> pushes = new LinkedBlockingQueue<>();
        ProtocolClient sas = h.connect(h.builder(Endpoint.CSC15).authenticator(Authenticator.node("sas-1", node.secret()))
                .handle(MessageType.UPDATE_USER_ACCESS, Csc15.UpdateUserAccess.class, u -> {
                    pushes.add(u);
                    return Common.ResultBody.success();
                }));

        Csc15.Snapshot first = call(sas, MessageType.CSC15_SNAPSHOT, new Csc15.SnapshotRequest(0));
        h.saveUser("late", true, List.of(ServiceType.GM)); // committed after the snapshot's seq
        Set<String> users = new HashSet<>();
        first.users().forEach(u -> users.add(u.mcServiceId()));
        for (int page = 1; page < first.pages(); page++) {
            Csc15.Snapshot next = call(sas, MessageType.CSC15_SNAPSHOT, new Csc15.SnapshotRequest(page));
            assertThat(next.seq()).as("every page is of the same snapshot").isEqualTo(first.seq());
            next.users().forEach(u -> users.add(u.mcServiceId()));
        }

        assertThat(first.pages()).isGreaterThan(1);
        assertThat(first.tokenKey()).isNotNull();
        assertThat(users).hasSize(USERS + 1).contains("admin", "user-0", "user-" + (USERS - 1)).doesNotContain("late");
        Csc15.UpdateUserAccess late = pushes.poll(10, TimeUnit.SECONDS);
        assertThat(late).isNotNull();
        assertThat(late.mcServiceId()).isEqualTo("late");
        assertThat(late.seq()).isGreaterThan(first.seq());
    }

    @Test
    void aServiceAccessServerAssemblesAPagedSnapshot() throws Exception {

        try (AccessServer sas = AccessServer.start(AccessConfig.defaults("127.0.0.1", 0), h.fixture().base(), "sas-1",
                node.secret(), null)) {
            assertThat(sas.port()).as("started: the paged snapshot was assembled and applied").isPositive();
        }
    }
}
