package org.mcx.backend.acms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.Role;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/**
 * Group configuration between two real systems (docs/acm.md): a partner learns only the groups shared
 * with it (R-5.16.4-004), its migrating users join them, and it asks for membership changes of its
 * own users only (§10.17 group membership information update).
 */
class AcmsGroupsTest {
    @TempDir
    Path dir;

    @Test
    void aPartnerLearnsOnlyTheGroupsSharedWithItAndLevelsOnlyWhereDisclosed() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, true, 100)) {
            groups(pair);
            String all = create(pair, new Acm.GroupQuery(List.of()));
            pair.adminA.awaitEvent("groups.request.responseStored", all);
            assertThat(pair.adminA.acmRequest(all).response().result()).isEqualTo(new Acm.GroupList(List.of(
                    new Acm.GroupInfo("fire-east", "Fire East", List.of(new Acm.GroupMember("vera", "secret"))),
                    new Acm.GroupInfo("roads", "Roads", List.of(new Acm.GroupMember("vera", null))))));

            String named = create(pair, new Acm.GroupQuery(List.of("police", "roads")));
            pair.adminA.awaitEvent("groups.request.responseStored", named);
            assertThat(pair.adminA.acmRequest(named).response().result()).as("police is not shared: as if it did not exist")
                    .isEqualTo(new Acm.GroupList(List.of(new Acm.GroupInfo("roads", "Roads",
                            List.of(new Acm.GroupMember("vera", null))))));
        }
    }

    @Test
    void migratingUsersJoinSharedGroupsAndMembershipChangesOnlyForThem() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, true, 100)) {
            groups(pair);
            String add = create(pair, new Acm.UserMigration(List.of(
                    new Acm.MigratingUser("alice", null, List.of("fire-east", "police"), null, null))));
            pair.adminA.awaitEvent("userMigration.add.responseStored", add);
            assertThat(pair.adminA.acmRequest(add).response().result()).isEqualTo(new Acm.MigrationOutcomes(List.of(
                    new Acm.UserOutcome("alice", Acm.Outcome.CREATED,
                            "not added to police: no such group is shared with mcx-a"))));
            assertThat(group(pair, "fire-east").members()).containsExactly("alice", "vera");
            assertThat(group(pair, "police").members()).containsExactly("vera");

            String update = create(pair, new Acm.MembershipUpdate("roads", List.of("alice", "bob"), List.of()));
            pair.adminA.awaitEvent("groupMembership.update.responseStored", update);
            assertThat(pair.adminA.acmRequest(update).response().result()).isEqualTo(new Acm.MembershipOutcomes("roads",
                    List.of(new Acm.UserOutcome("alice", Acm.Outcome.ADDED, null),
                            new Acm.UserOutcome("bob", Acm.Outcome.REFUSED, "not a user who migrated here from mcx-a"))));

            String leave = create(pair, new Acm.MembershipUpdate("fire-east", List.of(), List.of("alice")));
            pair.adminA.awaitEvent("groupMembership.update.responseStored", leave);
            assertThat(group(pair, "fire-east").members()).containsExactly("vera");

            String police = create(pair, new Acm.MembershipUpdate("police", List.of("alice"), List.of()));
            pair.adminA.awaitEvent("groupMembership.update.responseStored", police);
            assertThat(pair.adminA.acmRequest(police).response().result()).isEqualTo(new Acm.MembershipOutcomes("police",
                    List.of(new Acm.UserOutcome("alice", Acm.Outcome.REFUSED, "no group police is shared with your system"))));
            assertThat(group(pair, "police").members()).containsExactly("vera");
        }
    }

    @Test
    void groupsAreCheckedWhereTheyAreKept() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, true, 100)) {
            pair.adminB.refused(MessageType.GROUPS_SAVE, new Console.Group("g1", "G1", List.of("nobody"), List.of(), false),
                    ErrorCode.BAD_REQUEST);
            pair.adminB.refused(MessageType.GROUPS_DELETE, new Console.DeleteGroup("g-none"), ErrorCode.NOT_FOUND);
            pair.adminB.refused(MessageType.USERS_SAVE, new Console.SaveUser("vera", "VERA", List.of(Role.APPROVER), false,
                    List.of(), true, null, null, "cosmic"), ErrorCode.BAD_REQUEST);
            try (ConsoleLink vera = pair.approverB()) {
                vera.refused(MessageType.GROUPS_SAVE, new Console.Group("g1", "G1", List.of(), List.of(), false),
                        ErrorCode.FORBIDDEN);
            }
        }
    }

    /** On B: fire-east shared with A, levels disclosed; roads shared with every partner; police with nobody. */
    private static void groups(AcmsPair pair) throws Exception {
        pair.adminB.call(MessageType.USERS_SAVE, new Console.SaveUser("vera", "VERA", List.of(Role.APPROVER), false,
                List.of(), true, null, null, "secret"));
        pair.adminB.call(MessageType.GROUPS_SAVE, new Console.Group("fire-east", "Fire East", List.of("vera"),
                List.of(AcmsPair.A), true));
        pair.adminB.call(MessageType.GROUPS_SAVE, new Console.Group("roads", "Roads", List.of("vera"), List.of("*"), false));
        pair.adminB.call(MessageType.GROUPS_SAVE, new Console.Group("police", "Police", List.of("vera"), List.of(), true));
    }

    private static Console.Group group(AcmsPair pair, String id) throws Exception {
        Console.Groups all = pair.adminB.call(MessageType.GROUPS_LIST, new Common.Empty());
        return all.groups().stream().filter(g -> g.groupId().equals(id)).findFirst().orElseThrow();
    }

    private static String create(AcmsPair pair, Acm.Content content) throws Exception {
        Exchange.Created created = pair.adminA.call(MessageType.ACM_CREATE, new Exchange.AcmCreate(AcmsPair.B, null, content));
        return created.requestId();
    }
}
