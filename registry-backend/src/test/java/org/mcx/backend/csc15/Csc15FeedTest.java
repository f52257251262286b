package org.mcx.backend.csc15;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.applications.Harness.GM;
import static org.mcx.backend.applications.Harness.MCPTT;
import static org.mcx.backend.applications.Harness.call;
import static org.mcx.backend.applications.Harness.newProfile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.applications.Harness;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.client.Authenticator;
import org.mcx.protocol.client.LinkState;
import org.mcx.protocol.client.LinkStatus;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc15;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceInterfaceDescription;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.model.UserAccess;
import org.mcx.protocol.wire.MessageType;

/** CSC-15: a service access server node's snapshot and the ordered pushes after it. */
class Csc15FeedTest {
    @TempDir
    Path dir;
    Harness h;
    Console.NodeCreated node;

    @BeforeEach
    void start() throws Exception {
        h = Harness.start(dir);
        node = call(h.admin(), MessageType.NODES_CREATE, new Console.CreateNode("sas-1", Console.NodeKind.SAS));
        h.saveUser("alice", true, List.of(ServiceType.MCPTT));
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aNodeGetsASnapshotThenEveryChangeInCommitOrder() throws Exception {
        Console.ApplicationCreated app = h.createApplication("Trusted", true);
        ApplicationProfile v1 = h.saveProfile(newProfile(app.applicationId(), MCPTT), 0);
        Sas sas = new Sas(Common.Result.SUCCESS);

        Csc15.Snapshot snapshot = call(sas.client, MessageType.CSC15_SNAPSHOT, new Csc15.SnapshotRequest(null));

        assertThat(snapshot.seq()).isEqualTo(h.lastSeq());
        assertThat(snapshot.applications()).singleElement().satisfies(a -> {
            assertThat(a.applicationId()).isEqualTo(app.applicationId());
            assertThat(a.trustedDomain()).isTrue();
            assertThat(a.applicationProfiles()).containsExactly(v1);
        });
        assertThat(snapshot.users()).extracting(UserAccess::mcServiceId).contains("alice", "admin");

        ApplicationProfile v2 = h.saveProfile(new ApplicationProfile(v1.applicationProfileId(), null,
                app.applicationId(), MCPTT, null, new ServiceInterfaceDescription(List.of("SIP"), List.of(), List.of()),
                null, null, null), 1);
        h.saveUser("alice", false, List.of(ServiceType.MCPTT));
        call(h.admin(), MessageType.PROFILES_DELETE, new Console.DeleteProfile(v1.applicationProfileId(), 2L));

        Csc15.UpdateApplicationProfile changed = sas.next(Csc15.UpdateApplicationProfile.class);
        assertThat(changed.applicationId()).isEqualTo(app.applicationId());
        assertThat(changed.applicationProfiles()).containsExactly(v2);
        Csc15.UpdateUserAccess revoked = sas.next(Csc15.UpdateUserAccess.class);
        assertThat(revoked.mcServiceId()).isEqualTo("alice");
        assertThat(revoked.externalAccessAllowed()).isFalse();
        assertThat(revoked.tokensRevokedBefore()).isNotNull();
        Csc15.UpdateApplicationProfile emptied = sas.next(Csc15.UpdateApplicationProfile.class);
        assertThat(emptied.applicationProfiles()).as("empty = revoked").isEmpty();
        assertThat(List.of(snapshot.seq(), changed.seq(), revoked.seq(), emptied.seq())).isSorted()
                .doesNotHaveDuplicates();
        assertThat(emptied.seq()).isEqualTo(h.lastSeq());
    }

    @Test
    void aSnapshotTakenWhileChangesCommitMissesNothingAndRepeatsNothing() throws Exception {
        List<Console.ApplicationCreated> apps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            apps.add(h.createApplication("App " + i, i % 2 == 0));
        }
        Sas sas = new Sas(Common.Result.SUCCESS);
        List<CompletableFuture<?>> changes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            changes.add(i % 2 == 0
                    ? h.admin().request(MessageType.PROFILES_SAVE, new Console.SaveProfile(
                            newProfile(apps.get(i / 2 % 5).applicationId(), i / 10 % 2 == 0 ? MCPTT : GM), 0L))
                    : h.admin().request(MessageType.USERS_SAVE, new Console.SaveUser("u" + i, "User " + i, List.of(),
                            i % 3 == 0, List.of(ServiceType.MCPTT), true, Harness.PASSWORD)));
            if (i == 20) {
                changes.add(sas.client.request(MessageType.CSC15_SNAPSHOT, new Csc15.SnapshotRequest(null))
                        .thenAccept(s -> sas.snapshot.complete((Csc15.Snapshot) s)));
            }
        }
        // Profiles that already exist are refused (CONFLICT): only committed changes matter here.
        CompletableFuture.allOf(changes.stream().map(f -> f.exceptionally(e -> null)).toArray(CompletableFuture[]::new))
                .get(30, TimeUnit.SECONDS);
        ApplicationProfile last = h.saveProfile(newProfile(apps.get(0).applicationId(),
                new org.mcx.protocol.model.ServiceRef(ServiceType.CM, "CSC-4")), 0);

        Csc15.Snapshot snapshot = sas.snapshot.get(10, TimeUnit.SECONDS);
        Map<String, List<ApplicationProfile>> grants = new HashMap<>();
        snapshot.applications().forEach(a -> grants.put(a.applicationId(), a.applicationProfiles()));
        Map<String, UserAccess> users = new HashMap<>();
        snapshot.users().forEach(u -> users.put(u.mcServiceId(), u));
        long seq = snapshot.seq();
        while (!grants.getOrDefault(last.applicationId(), List.of()).contains(last)) {
            Body push = sas.next(Body.class);
            long pushSeq = push instanceof Csc15.UpdateUserAccess u ? u.seq() : ((Csc15.UpdateApplicationProfile) push).seq();
            assertThat(pushSeq).as("after the snapshot, in order, once").isGreaterThan(seq);
            seq = pushSeq;
            if (push instanceof Csc15.UpdateUserAccess u) {
                users.put(u.mcServiceId(), u.access());
            } else if (push instanceof Csc15.UpdateApplicationProfile p) {
                grants.put(p.applicationId(), p.applicationProfiles());
            }
        }

        Console.Profiles profiles = call(h.admin(), MessageType.PROFILES_LIST, new Console.ListProfiles(null));
        Map<String, List<ApplicationProfile>> expected = new HashMap<>();
        for (Console.ApplicationCreated a : apps) {
            expected.put(a.applicationId(), profiles.applicationProfiles().stream()
                    .filter(p -> p.applicationId().equals(a.applicationId())).toList());
        }
        assertThat(grants).isEqualTo(expected);
        Console.Users saved = call(h.admin(), MessageType.USERS_LIST, new Common.Empty());
        assertThat(users.values()).extracting(UserAccess::mcServiceId, UserAccess::externalAccessAllowed)
                .containsExactlyInAnyOrderElementsOf(saved.users().stream()
                        .map(u -> org.assertj.core.groups.Tuple.tuple(u.mcServiceId(), u.externalAccessAllowed()))
                        .toList());
    }

    @Test
    void aNodeThatFailsAnUpdateIsDisconnectedAndItsNextSnapshotIsCurrent() throws Exception {
        Console.ApplicationCreated app = h.createApplication("Trusted", true);
        Sas failing = new Sas(Common.Result.FAILURE);
        call(failing.client, MessageType.CSC15_SNAPSHOT, new Csc15.SnapshotRequest(null));

        ApplicationProfile saved = h.saveProfile(newProfile(app.applicationId(), MCPTT), 0);

        failing.next(Csc15.UpdateApplicationProfile.class);
        LinkStatus closed = failing.await(LinkState.CLOSED);
        assertThat(closed.closeCode()).isEqualTo(1011);
        Sas fresh = new Sas(Common.Result.SUCCESS);
        Csc15.Snapshot snapshot = call(fresh.client, MessageType.CSC15_SNAPSHOT, new Csc15.SnapshotRequest(null));
        assertThat(snapshot.applications()).singleElement()
                .satisfies(a -> assertThat(a.applicationProfiles()).containsExactly(saved));
    }

    /** A test service access server node: records pushes in arrival order and answers them with {@code answer}. */
    private final class Sas {
        final BlockingQueue<Body> pushes = new LinkedBlockingQueue<>();
        final BlockingQueue<LinkStatus> states = new LinkedBlockingQueue<>();
        final CompletableFuture<Csc15.Snapshot> snapshot = new CompletableFuture<>();
        final ProtocolClient client;

        Sas(Common.Result answer) throws Exception {
            client = h.connect(h.builder(Endpoint.CSC15).authenticator(Authenticator.node("sas-1", node.secret()))
                    .onState(states::add)
                    .handle(MessageType.UPDATE_APPLICATION_PROFILE, Csc15.UpdateApplicationProfile.class, u -> {
                        pushes.add(u);
                        return new Common.ResultBody(answer);
                    })
                    .handle(MessageType.UPDATE_USER_ACCESS, Csc15.UpdateUserAccess.class, u -> {
                        pushes.add(u);
                        return new Common.ResultBody(answer);
                    }));
        }

        <T extends Body> T next(Class<T> type) throws InterruptedException {
            Body push = pushes.poll(10, TimeUnit.SECONDS);
            assertThat(push).as("a push within 10 s").isInstanceOf(type);
            return type.cast(push);
        }

        LinkStatus await(LinkState state) throws InterruptedException {
            while (true) {
                LinkStatus s = states.poll(10, TimeUnit.SECONDS);
                assertThat(s).as("state " + state + " within 10 s").isNotNull();
                if (s.state() == state) {
                    return s;
                }
            }
        }
    }
}
