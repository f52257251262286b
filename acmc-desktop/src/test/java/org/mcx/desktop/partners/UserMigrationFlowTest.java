package org.mcx.desktop.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.desktop.common.SessionOpener;
import org.mcx.desktop.testing.Direct;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.model.Priority;
import org.mcx.protocol.wire.MessageType;

/**
 * The requests view model between two real backends, partners of each other: users sent for
 * migration and removed again, seen and decided by the partner's approver with what would be
 * created, answered per user and collected; a refusal comes back in the backend's words.
 */
class UserMigrationFlowTest {
    private static final long WAIT_MS = 20_000;

    @TempDir
    Path dir;
    TestBackend primary;
    TestBackend partner;
    ConsoleSession admin;
    ConsoleSession approver;

    @BeforeEach
    void start() throws Exception {
        primary = TestBackend.start(dir.resolve("a"), "mcx-a");
        partner = TestBackend.start(dir.resolve("b"), "mcx-b");
        primary.pairWith(partner);
        primary.call(MessageType.USERS_SAVE, new Console.SaveUser("alice", "Alice Martin", List.of(), false, List.of(), true,
                "alice-password", Priority.EMERGENCY));
        partner.call(MessageType.USERS_SAVE, new Console.SaveUser("vera", "Vera Approver", List.of(Role.APPROVER), false,
                List.of(), false, "vera-password"));
        admin = login(primary, TestBackend.ADMIN, TestBackend.ADMIN_PASSWORD);
        approver = login(partner, "vera", "vera-password");
    }

    @AfterEach
    void stop() {
        for (ConsoleSession s : new ConsoleSession[] {admin, approver}) {
            if (s != null) {
                s.close();
            }
        }
        if (primary != null) {
            primary.close();
        }
        if (partner != null) {
            partner.close();
        }
    }

    private static ConsoleSession login(TestBackend b, String user, String password) throws Exception {
        return new SessionOpener(Runnable::run).open(b.base(), user, password, null, "test").get(10, TimeUnit.SECONDS);
    }

    @Test
    void usersSentForMigrationAreApprovedAnsweredPerUserAndRemovedAgain() throws Exception {
        RequestsViewModel here = new RequestsViewModel(Direct.context(admin));
        RequestsViewModel there = new RequestsViewModel(Direct.context(approver));
        assertThat(here.mayMigrate()).isTrue();
        assertThat(there.mayMigrate()).isFalse();
        assertThat(there.mayDecide()).isTrue();

        here.send("mcx-b", Acm.Urgency.URGENT, MigrationDraft.adding(List.of("alice"), Map.of("alice", "fire-east, rescue")))
                .get(10, TimeUnit.SECONDS);
        assertThat(here.commands().messageProperty().get()).contains("1 user(s) sent for migration").contains("mcx-b");

        // The approver sees exactly what would be created, urgent, before deciding.
        Exchange.Request waiting = awaitOne(there, false, r -> r.status() == Exchange.Status.PENDING_APPROVAL);
        assertThat(waiting.kind()).isEqualTo(Acm.USER_MIGRATION_ADD);
        assertThat(RequestKinds.urgent(waiting)).isTrue();
        assertThat(waiting.content()).isInstanceOfSatisfying(Acm.UserMigration.class, m -> {
            assertThat(m.users()).hasSize(1);
            assertThat(m.users().get(0).displayName()).isEqualTo("Alice Martin");
            assertThat(m.users().get(0).groups()).containsExactly("fire-east", "rescue");
            assertThat(m.users().get(0).maxPriority()).isEqualTo(Priority.EMERGENCY);
        });
        there.decide(waiting, Exchange.ApproverDecision.APPROVE, "welcome").get(10, TimeUnit.SECONDS);

        awaitOne(here, true, RequestsViewModel::collectable);
        here.collect().get(10, TimeUnit.SECONDS);
        assertThat(here.commands().messageProperty().get()).contains("Collected 1 answer");
        Exchange.Request answered = awaitOne(here, true, r -> r.status() == Exchange.Status.DELIVERED);
        assertThat(answered.response().result()).isInstanceOfSatisfying(Acm.MigrationOutcomes.class,
                o -> assertThat(o.users()).extracting(Acm.UserOutcome::outcome).containsExactly(Acm.Outcome.CREATED));
        Console.Users there1 = partner.call(MessageType.USERS_LIST, new Common.Empty());
        assertThat(there1.users()).filteredOn(u -> u.mcServiceId().equals("alice"))
                .extracting(Console.User::homeSystemId).containsExactly("mcx-a");
        assertThat(MigrationDraft.heldBy("mcx-b", here.outgoing().items())).containsExactly("alice");

        // Removing her again: the removal dialog offers her, the partner removes her.
        here.send("mcx-b", Acm.Urgency.NORMAL, MigrationDraft.removing(List.of("alice"), "")).get(10, TimeUnit.SECONDS);
        Exchange.Request removal = awaitOne(there, false, r -> r.status() == Exchange.Status.PENDING_APPROVAL);
        assertThat(removal.content()).isEqualTo(new Acm.UserRemoval(List.of("alice")));
        there.decide(removal, Exchange.ApproverDecision.APPROVE, null).get(10, TimeUnit.SECONDS);
        awaitOne(here, true, r -> r.kind().equals(Acm.USER_MIGRATION_REMOVE) && collectable(r));
        here.collect().get(10, TimeUnit.SECONDS);
        Exchange.Request removed = awaitOne(here, true, r -> r.kind().equals(Acm.USER_MIGRATION_REMOVE)
                && r.status() == Exchange.Status.DELIVERED);
        assertThat(removed.response().result()).isInstanceOfSatisfying(Acm.RemovalOutcomes.class,
                o -> assertThat(o.users()).extracting(Acm.UserOutcome::outcome).containsExactly(Acm.Outcome.REMOVED));
        assertThat(MigrationDraft.heldBy("mcx-b", here.outgoing().items())).isEmpty();
    }

    @Test
    void aRefusalComesBackInTheBackendsWordsAndNothingIsSent() throws Exception {
        RequestsViewModel here = new RequestsViewModel(Direct.context(admin));
        var sent = here.send("mcx-b", Acm.Urgency.NORMAL, MigrationDraft.adding(List.of("zed"), Map.of()));
        assertThat(sent).failsWithin(10, TimeUnit.SECONDS);
        assertThat(here.commands().messageProperty().get()).startsWith("Not allowed:").contains("zed");
        here.outgoing().reload().get(10, TimeUnit.SECONDS);
        assertThat(here.outgoing().items()).isEmpty();
    }

    private static boolean collectable(Exchange.Request r) {
        return RequestsViewModel.collectable(r);
    }

    /** Reloads until exactly one request of the list matches (events also reload it meanwhile). */
    private static Exchange.Request awaitOne(RequestsViewModel vm, boolean outgoing, Predicate<Exchange.Request> matches)
            throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (true) {
            var list = outgoing ? vm.outgoing() : vm.incoming();
            list.reload().get(10, TimeUnit.SECONDS);
            List<Exchange.Request> found = List.copyOf(list.items()).stream().filter(matches).toList();
            if (found.size() == 1) {
                return found.get(0);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no single matching request in " + list.items());
            }
            Thread.sleep(100);
        }
    }
}
