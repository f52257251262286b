package org.mcx.backend.acms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.backend.testing.BackendProcess;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.message.Exchange.Status;
import org.mcx.protocol.wire.MessageType;

/**
 * Users sent for migration while a system is away or killed: the request waits in the outbox for a
 * partner offline for the whole exchange, and a partner killed with -9 between storing the request
 * and its answer reaching the primary still creates each user once and answers once.
 */
class AcmsUserMigrationCrashTest {
    private static final String[] FAST_OUTBOX = AcmsCrashTest.FAST_OUTBOX;

    @TempDir
    Path dir;

    @Test
    void aPartnerOfflineForTheWholeExchangeGetsTheUsersWhenBack() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, true, 100)) {
            pair.b.stop();
            pair.adminA.awaitEvent("partner.disconnected", null);
            String id = create(pair.adminA, new Acm.UserMigration(List.of(new Acm.MigratingUser("alice", null,
                    List.of(), null, null))));
            Exchange.Request waiting = pair.adminA.acmRequest(id);
            assertThat(waiting.status()).isEqualTo(Status.FORWARDED);
            assertThat(waiting.delivery()).as("waiting in the outbox").isNotNull();

            pair.b.startAgain();
            pair.adminA.awaitEvent("userMigration.add.responseStored", id);
            assertThat(pair.adminA.acmRequest(id).response().result()).isEqualTo(new Acm.MigrationOutcomes(
                    List.of(new Acm.UserOutcome("alice", Acm.Outcome.CREATED, null))));
            try (ConsoleLink adminB = ConsoleLink.login(pair.b.base(), BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD)) {
                Console.Users users = adminB.call(MessageType.USERS_LIST, new Common.Empty());
                assertThat(users.users()).filteredOn(u -> u.mcServiceId().equals("alice"))
                        .singleElement().extracting(Console.User::homeSystemId).isEqualTo(AcmsPair.A);
            }
        }
    }

    @Test
    void aPartnerKilledBetweenStoringAndAnsweringCreatesEachUserOnceAndAnswersOnce() throws Exception {
        int portB = AcmsCrashTest.freePort();
        URI baseB = URI.create("ws://127.0.0.1:" + portB);
        try (BackendFixture a = BackendFixture.start(dir.resolve("a"), AcmsPair.A, c -> c);
             ConsoleLink adminA = ConsoleLink.login(a.base(), BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD).follow(0L)) {
            AcmsPair.user(adminA, "alice", List.of(), true);
            AcmsPair.user(adminA, "bob", List.of(), true);
            AcmsCrashTest.partner(adminA, AcmsPair.B, baseB, false);
            BackendProcess b = BackendProcess.start(dir.resolve("b"), AcmsPair.B, portB, FAST_OUTBOX);
            try (ConsoleLink adminB = ConsoleLink.login(baseB, BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD)) {
                AcmsCrashTest.partner(adminB, AcmsPair.A, a.base(), true); // answers by policy at once
                adminA.awaitEvent("partner.connected", null);
            }
            String id = create(adminA, new Acm.UserMigration(List.of(
                    new Acm.MigratingUser("alice", null, List.of(), null, null),
                    new Acm.MigratingUser("bob", null, List.of(), null, null))));
            adminA.awaitEvent("userMigration.add.stored", id);
            b.kill9(); // the users and the answer committed together; the answer may be in B's outbox, on the wire, or here

            b = BackendProcess.start(dir.resolve("b"), AcmsPair.B, portB, FAST_OUTBOX);
            try (ConsoleLink adminB = ConsoleLink.login(baseB, BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD)) {
                adminA.awaitEvent("userMigration.add.responseStored", id);
                assertThat(adminA.acmRequest(id).response().result()).isEqualTo(new Acm.MigrationOutcomes(List.of(
                        new Acm.UserOutcome("alice", Acm.Outcome.CREATED, null),
                        new Acm.UserOutcome("bob", Acm.Outcome.CREATED, null))));
                Exchange.Requests incoming = adminB.call(MessageType.ACM_LIST,
                        new Exchange.AcmList(Exchange.Direction.INCOMING, null, null));
                assertThat(incoming.requests()).singleElement().extracting(Exchange.Request::requestId).isEqualTo(id);
                Console.Users users = adminB.call(MessageType.USERS_LIST, new Common.Empty());
                assertThat(users.users()).filteredOn(u -> AcmsPair.A.equals(u.homeSystemId()))
                        .extracting(Console.User::mcServiceId).containsExactly("alice", "bob");
            } finally {
                b.close();
            }
            assertThat(adminA.eventsSoFar()).filteredOn(e -> e.topic().equals("userMigration.add.responseStored")).isEmpty();
        }
    }

    @Test
    void aPrimaryKilledAfterSendingAndAgainWhileTheAnswerComesLosesNothingAndRepeatsNothing() throws Exception {
        int portA = AcmsCrashTest.freePort();
        URI baseA = URI.create("ws://127.0.0.1:" + portA);
        try (BackendFixture b = BackendFixture.start(dir.resolve("b"), AcmsPair.B, c -> c);
             ConsoleLink adminB = ConsoleLink.login(b.base(), BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD).follow(0L)) {
            AcmsPair.user(adminB, "vera", List.of(org.mcx.protocol.Role.APPROVER), true);
            AcmsCrashTest.partner(adminB, AcmsPair.A, baseA, false);
            BackendProcess a = BackendProcess.start(dir.resolve("a"), AcmsPair.A, portA, FAST_OUTBOX);
            String id;
            try (ConsoleLink adminA = ConsoleLink.login(baseA, BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD)) {
                AcmsPair.user(adminA, "alice", List.of(), true);
                AcmsCrashTest.partner(adminA, AcmsPair.B, b.base(), false);
                id = create(adminA, new Acm.UserMigration(List.of(new Acm.MigratingUser("alice", null, List.of(), null, null))));
                a.kill9(); // acknowledged; perhaps forwarded, perhaps not
            }
            a = BackendProcess.start(dir.resolve("a"), AcmsPair.A, portA, FAST_OUTBOX);
            assertThat(adminB.awaitEvent("userMigration.add.pending", id).data().path("partnerSystemId").asText())
                    .isEqualTo(AcmsPair.A);
            a.kill9();

            try (ConsoleLink vera = ConsoleLink.login(b.base(), "vera", AcmsPair.PASSWORD)) {
                vera.call(MessageType.ACM_DECIDE, new Exchange.Decide(id, Exchange.ApproverDecision.APPROVE, "while A was down"));
            }
            a = BackendProcess.start(dir.resolve("a"), AcmsPair.A, portA, FAST_OUTBOX);
            try (ConsoleLink adminA = ConsoleLink.login(baseA, BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD).follow(0L)) {
                adminA.awaitEvent("userMigration.add.responseStored", id);
                a.kill9(); // right after it stored the answer
            }
            a = BackendProcess.start(dir.resolve("a"), AcmsPair.A, portA, FAST_OUTBOX);
            try (ConsoleLink adminA = ConsoleLink.login(baseA, BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD).follow(0L)) {
                Exchange.Requests answered = adminA.call(MessageType.ACM_RESPONSES, new Common.Empty());
                assertThat(answered.requests()).singleElement().satisfies(r -> assertThat(r.response().result())
                        .isEqualTo(new Acm.MigrationOutcomes(List.of(new Acm.UserOutcome("alice", Acm.Outcome.CREATED, null)))));
                // The stored indication may come last: A can be killed before recording it, and the
                // partner's answer overtake the request sent again. It comes once all the same.
                adminA.awaitEvent("userMigration.add.stored", id);
                Exchange.Request atA = adminA.acmRequest(id);
                assertThat(atA.delivery()).as("nothing left in the outbox").isNull();
                assertThat(adminA.eventsSoFar()).filteredOn(e -> e.topic().equals("userMigration.add.stored"))
                        .as("no second stored indication").isEmpty();
                Exchange.Requests outgoing = adminA.call(MessageType.ACM_LIST,
                        new Exchange.AcmList(Exchange.Direction.OUTGOING, null, null));
                assertThat(outgoing.requests()).hasSize(1);
            } finally {
                a.close();
            }
            Exchange.Requests incoming = adminB.call(MessageType.ACM_LIST, new Exchange.AcmList(Exchange.Direction.INCOMING, null, null));
            assertThat(incoming.requests()).hasSize(1);
            assertThat(adminB.eventsSoFar()).as("no second pending").filteredOn(e -> e.topic().equals("userMigration.add.pending"))
                    .isEmpty(); // the first was awaited above
        }
    }

    private static String create(ConsoleLink admin, Acm.Content content) throws Exception {
        Exchange.Created created = admin.call(MessageType.ACM_CREATE, new Exchange.AcmCreate(AcmsPair.B, null, content));
        return created.requestId();
    }
}
