package org.mcx.backend.acms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.message.Exchange.ApproverDecision;
import org.mcx.protocol.message.Exchange.Status;
import org.mcx.protocol.message.Exchange.Step;
import org.mcx.protocol.model.Priority;
import org.mcx.protocol.wire.MessageType;

/**
 * Users sent to a partner for migration (R-5.16.4-005, docs/acm.md {@code userMigration.*}) between
 * two real systems, on the exchange core of the server identity exchange.
 */
class AcmsUserMigrationTest {
    @TempDir
    Path dir;

    @Test
    void anApproverSeesWhatWouldBeCreatedAndTheUsersArriveAsMigrated() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, false, 100)) {
            // bob is already a user of B: he is refused, alice is created.
            AcmsPair.user(pair.adminB, "bob", List.of(), true);
            String id = send(pair, Acm.Urgency.URGENT, user("alice", "made-up name", "fire-east"), user("bob", null));
            pair.adminA.awaitEvent("userMigration.add.stored", id);
            pair.adminB.awaitEvent("userMigration.add.pending", id);

            try (ConsoleLink vera = pair.approverB().follow(0L)) {
                Exchange.Requests pending = vera.call(MessageType.ACM_PENDING, new Common.Empty());
                assertThat(pending.requests()).singleElement().satisfies(r -> {
                    assertThat(r.kind()).isEqualTo(Acm.USER_MIGRATION_ADD);
                    assertThat(r.urgency()).isEqualTo(Acm.Urgency.URGENT);
                    assertThat(r.users()).containsExactly("alice", "bob");
                    // What A holds of alice, not what its console sent: name ALICE, priority normal.
                    assertThat(r.content()).isEqualTo(new Acm.UserMigration(List.of(
                            new Acm.MigratingUser("alice", "ALICE", List.of("fire-east"), null, Priority.NORMAL),
                            new Acm.MigratingUser("bob", "BOB", List.of(), null, Priority.NORMAL))));
                });
                Exchange.StatusResult decided = vera.call(MessageType.ACM_DECIDE,
                        new Exchange.Decide(id, ApproverDecision.APPROVE, "welcome"));
                assertThat(decided.status()).isEqualTo(Status.APPROVED);
            }

            pair.adminA.awaitEvent("userMigration.add.responseStored", id);
            Exchange.Requests responses = pair.adminA.call(MessageType.ACM_RESPONSES, new Common.Empty());
            assertThat(responses.requests()).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(Status.DELIVERED);
                assertThat(r.response().decidedBy()).isEqualTo("vera");
                assertThat(r.response().result()).isEqualTo(new Acm.MigrationOutcomes(List.of(
                        new Acm.UserOutcome("alice", Acm.Outcome.CREATED,
                                "not added to fire-east: no such group is shared with mcx-a"),
                        new Acm.UserOutcome("bob", Acm.Outcome.REFUSED, "a user of this system has this id"))));
            });
            assertThat(pair.adminA.acmRequest(id).steps()).extracting(Step::step).containsExactly(1, 2, 3, 5, 14, 16, 17, 18);

            Console.User alice = userAt(pair.adminB, "alice");
            assertThat(alice.homeSystemId()).isEqualTo(AcmsPair.A);
            assertThat(alice.displayName()).isEqualTo("ALICE");
            assertThat(alice.roles()).isEmpty();
            assertThat(alice.externalAccessAllowed()).as("until an ADMIN of B grants it").isFalse();
            assertThat(alice.mayMigrate()).isFalse();
            assertThat(userAt(pair.adminB, "bob").homeSystemId()).as("B's own bob untouched").isNull();
            // A migrated user has no password here: no password opens the account.
            assertThatThrownBy(() -> ConsoleLink.login(pair.b.base(), "alice", AcmsPair.PASSWORD).close())
                    .hasMessageContaining("UNAUTHENTICATED");
        }
    }

    @Test
    void byPolicyThenRemovedThenNotFound() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, true, 100)) {
            String add = send(pair, null, user("alice", null));
            pair.adminA.awaitEvent("userMigration.add.responseStored", add);
            assertThat(pair.adminA.acmRequest(add).response().decidedBy()).isEqualTo("policy");
            assertThat(userAt(pair.adminB, "alice").homeSystemId()).isEqualTo(AcmsPair.A);

            String again = send(pair, null, user("alice", null));
            pair.adminA.awaitEvent("userMigration.add.responseStored", again);
            assertThat(pair.adminA.acmRequest(again).response().result()).isEqualTo(new Acm.MigrationOutcomes(
                    List.of(new Acm.UserOutcome("alice", Acm.Outcome.UPDATED, "already as sent"))));

            String remove = remove(pair, "alice");
            pair.adminA.awaitEvent("userMigration.remove.responseStored", remove);
            assertThat(pair.adminA.acmRequest(remove).response().result()).isEqualTo(new Acm.RemovalOutcomes(
                    List.of(new Acm.UserOutcome("alice", Acm.Outcome.REMOVED, null))));
            Console.Users users = pair.adminB.call(MessageType.USERS_LIST, new Common.Empty());
            assertThat(users.users()).extracting(Console.User::mcServiceId).doesNotContain("alice");

            String twice = remove(pair, "alice", "vera");
            pair.adminA.awaitEvent("userMigration.remove.responseStored", twice);
            assertThat(pair.adminA.acmRequest(twice).response().result()).isEqualTo(new Acm.RemovalOutcomes(List.of(
                    new Acm.UserOutcome("alice", Acm.Outcome.NOT_FOUND, null),
                    new Acm.UserOutcome("vera", Acm.Outcome.REFUSED, "a user of this system has this id"))));
            assertThat(userAt(pair.adminB, "vera").roles()).as("B's own approver untouched").isNotEmpty();
        }
    }

    @Test
    void usersWhoMayNotMigrateRefuseTheWholeRequestAndNothingIsStored() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, true, 100)) {
            pair.adminA.refused(MessageType.ACM_CREATE, new Exchange.AcmCreate(AcmsPair.B, null,
                    new Acm.UserMigration(List.of(user("alice", null), user("carol", null), user("zed", null)))),
                    ErrorCode.FORBIDDEN);
            Exchange.Requests all = pair.adminA.call(MessageType.ACM_LIST, new Exchange.AcmList(null, null, null));
            assertThat(all.requests()).isEmpty();
            pair.adminA.refused(MessageType.ACM_CREATE, new Exchange.AcmCreate("mcx-nowhere", null,
                    new Acm.UserMigration(List.of(user("alice", null)))), ErrorCode.NOT_FOUND);
        }
    }

    @Test
    void moreUsersThanThePartnerAllowsAreRejectedWithTheReason() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, true, 1)) {
            String id = send(pair, null, user("alice", null), user("bob", null));
            pair.adminA.awaitEvent("userMigration.add.responseStored", id);
            Exchange.Request r = pair.adminA.acmRequest(id);
            assertThat(r.response().decision()).isEqualTo(Acms.Decision.REJECTED);
            assertThat(r.response().comment()).contains("2 users").contains("at most 1");
            assertThat(r.response().result()).isNull();
            Console.Users users = pair.adminB.call(MessageType.USERS_LIST, new Common.Empty());
            assertThat(users.users()).extracting(Console.User::mcServiceId).doesNotContain("alice", "bob");
            assertThat(pair.adminB.acmRequest(id).steps()).extracting(Step::step, Step::status)
                    .contains(tuple(6, Status.REJECTED));
        }
    }

    @Test
    void securityLevelsAreMappedByThePartnersMapOrElseByName() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, true, 100)) {
            pair.adminA.call(MessageType.USERS_SAVE, new Console.SaveUser("alice", "ALICE", List.of(), false, List.of(),
                    true, null, null, "restricted"));
            pair.adminA.call(MessageType.USERS_SAVE, new Console.SaveUser("bob", "BOB", List.of(), false, List.of(),
                    true, null, null, "secret"));
            // B takes A's "restricted" as its own "confidential"; "secret" by name.
            Console.Partner a = pair.adminB.call(MessageType.PARTNERS_SAVE, new Console.SavePartner(AcmsPair.A, "System A",
                    pair.a.base() + "/acms", null, new Console.AutoApprove(true, 100), null, null,
                    java.util.Map.of("restricted", "confidential")));
            assertThat(a.securityLevels()).containsEntry("restricted", "confidential");
            pair.adminB.refused(MessageType.PARTNERS_SAVE, new Console.SavePartner(AcmsPair.A, "System A",
                    pair.a.base() + "/acms", null, new Console.AutoApprove(true, 100), null, null,
                    java.util.Map.of("restricted", "cosmic")), ErrorCode.BAD_REQUEST);

            String id = send(pair, null, user("alice", null), user("bob", null));
            pair.adminA.awaitEvent("userMigration.add.responseStored", id);
            assertThat(userAt(pair.adminB, "alice").securityLevel()).isEqualTo("confidential");
            assertThat(userAt(pair.adminB, "bob").securityLevel()).isEqualTo("secret");
        }
    }

    private static Acm.MigratingUser user(String id, String name, String... groups) {
        return new Acm.MigratingUser(id, name, List.of(groups), null, null);
    }

    private static String send(AcmsPair pair, Acm.Urgency urgency, Acm.MigratingUser... users) throws Exception {
        Exchange.Created created = pair.adminA.call(MessageType.ACM_CREATE, new Exchange.AcmCreate(AcmsPair.B, urgency,
                new Acm.UserMigration(List.of(users))));
        assertThat(created.status()).isEqualTo(Status.FORWARDED);
        return created.requestId();
    }

    private static String remove(AcmsPair pair, String... users) throws Exception {
        Exchange.Created created = pair.adminA.call(MessageType.ACM_CREATE, new Exchange.AcmCreate(AcmsPair.B, null,
                new Acm.UserRemoval(List.of(users))));
        return created.requestId();
    }

    private static Console.User userAt(ConsoleLink admin, String id) throws Exception {
        Console.Users users = admin.call(MessageType.USERS_LIST, new Common.Empty());
        return users.users().stream().filter(u -> u.mcServiceId().equals(id)).findFirst().orElseThrow();
    }
}
