package org.mcx.backend.acms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.protocol.message.Acms.ServerIdentity;
import org.mcx.protocol.message.Acms.ServerType;
import org.mcx.protocol.message.Acms.UserServers;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Exchange.ApproverDecision;
import org.mcx.protocol.message.Exchange.Direction;
import org.mcx.protocol.message.Exchange.Status;
import org.mcx.protocol.message.Exchange.Step;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/** Figure 7.x.1.3-1 between two real systems: every step, in order, approved, rejected, or by policy. */
class AcmsExchangeTest {
    @TempDir
    Path dir;

    @Test
    void everyStepInOrderWithAnApproverWhoLogsOnLater() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, false, 100)) {
            String id = pair.create("alice", "bob");                                           // step 1
            assertThat(pair.adminA.awaitEvent("serverIdentity.created", id).data().path("partnerSystemId").asText())
                    .isEqualTo(AcmsPair.B);
            pair.adminA.awaitEvent("serverIdentity.stored", id);                                 // step 5
            pair.adminB.awaitEvent("serverIdentity.pending", id);                                // step 8, live

            // Steps 7-10: an approver logs on after the request arrived, is told of it, and sees it whole.
            try (ConsoleLink vera = pair.approverB().follow(0L)) {
                assertThat(vera.awaitEvent("serverIdentity.pending", id).data().path("partnerSystemId").asText())
                        .isEqualTo(AcmsPair.A);
                Exchange.Requests pending = vera.call(MessageType.SERVER_IDENTITY_PENDING, new Common.Empty());
                assertThat(pending.requests()).singleElement().satisfies(r -> {
                    assertThat(r.requestId()).isEqualTo(id);
                    assertThat(r.direction()).isEqualTo(Direction.INCOMING);
                    assertThat(r.partnerSystemId()).isEqualTo(AcmsPair.A);
                    assertThat(r.requestedBy()).isEqualTo("admin");
                    assertThat(r.users()).containsExactly("alice", "bob");
                });
                Exchange.StatusResult decided = vera.call(MessageType.SERVER_IDENTITY_DECIDE,
                        new Exchange.Decide(id, ApproverDecision.APPROVE, "welcome"));           // steps 11-12
                assertThat(decided.status()).isEqualTo(Status.APPROVED);
                vera.awaitEvent("serverIdentity.decided", id);
            }

            Common.Event stored = pair.adminA.awaitEvent("serverIdentity.responseStored", id);  // steps 14-16
            assertThat(stored.data().path("decision").asText()).isEqualTo("approved");
            awaitStatus(pair.adminB, id, Status.RESPONDED);                                     // step 13 acknowledged

            Exchange.Requests responses = pair.adminA.call(MessageType.SERVER_IDENTITY_RESPONSES, new Common.Empty());
            assertThat(responses.requests()).singleElement().satisfies(r -> {                   // steps 17-18
                assertThat(r.status()).isEqualTo(Status.DELIVERED);
                assertThat(r.response().decision()).isEqualTo(Acms.Decision.APPROVED);
                assertThat(r.response().decidedBy()).isEqualTo("vera");
                assertThat(r.response().comment()).isEqualTo("welcome");
                // alice's override replaces the default MCPTT; KMS is not disclosed to mcx-a by B's policy
                assertThat(r.response().serverIdentities()).containsExactly(
                        new UserServers("alice", List.of(new ServerIdentity(ServerType.MCPTT, "sip:mcptt-east@b.example"),
                                new ServerIdentity(ServerType.GMS, "https://gms.b.example/gm"))),
                        new UserServers("bob", List.of(new ServerIdentity(ServerType.MCPTT, "sip:mcptt@b.example"),
                                new ServerIdentity(ServerType.GMS, "https://gms.b.example/gm"))));
            });
            Exchange.Requests again = pair.adminA.call(MessageType.SERVER_IDENTITY_RESPONSES, new Common.Empty());
            assertThat(again.requests()).as("delivered once").isEmpty();

            Exchange.Request atA = pair.adminA.request(id);
            assertThat(atA.status()).isEqualTo(Status.DELIVERED);
            assertThat(atA.steps()).extracting(Step::step, Step::status, Step::actor).containsExactly(
                    tuple(1, Status.CREATED, "admin"),
                    tuple(2, Status.CREATED, "system:mcx-a"),
                    tuple(3, Status.FORWARDED, "system:mcx-a"),
                    tuple(5, Status.STORED_AT_PARTNER, "partner:mcx-b"),
                    tuple(14, Status.RESPONSE_STORED, "partner:mcx-b"),
                    tuple(16, Status.RESPONSE_STORED, "system:mcx-a"),
                    tuple(17, Status.RESPONSE_STORED, "admin"),
                    tuple(18, Status.DELIVERED, "admin"));
            assertTimesAscend(atA.steps());
            assertThat(atA.delivery()).as("nothing left in the outbox").isNull();

            Exchange.Request atB = pair.adminB.request(id);
            assertThat(atB.steps()).extracting(Step::step, Step::status, Step::actor).containsExactly(
                    tuple(4, Status.STORED_AT_PARTNER, "partner:mcx-a"),
                    tuple(5, Status.STORED_AT_PARTNER, "system:mcx-b"),
                    tuple(8, Status.PENDING_APPROVAL, "system:mcx-b"),
                    tuple(9, Status.PENDING_APPROVAL, "vera"),
                    tuple(10, Status.PENDING_APPROVAL, "vera"),
                    tuple(11, Status.APPROVED, "vera"),
                    tuple(12, Status.APPROVED, "vera"),
                    tuple(13, Status.RESPONDED, "partner:mcx-a"));
            assertTimesAscend(atB.steps());
            assertThat(atB.response().serverIdentities()).hasSize(2);
        }
    }

    @Test
    void aRejectionTravelsBackWithItsCommentAndNoIdentities() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, false, 100)) {
            String id = pair.create("alice");
            pair.adminB.awaitEvent("serverIdentity.pending", id);
            try (ConsoleLink vera = pair.approverB()) {
                Exchange.StatusResult r = vera.call(MessageType.SERVER_IDENTITY_DECIDE,
                        new Exchange.Decide(id, ApproverDecision.REJECT, "not this week"));
                assertThat(r.status()).isEqualTo(Status.REJECTED);
                vera.refused(MessageType.SERVER_IDENTITY_DECIDE, new Exchange.Decide(id, ApproverDecision.APPROVE, null),
                        org.mcx.protocol.ErrorCode.CONFLICT);
            }
            Common.Event stored = pair.adminA.awaitEvent("serverIdentity.responseStored", id);
            assertThat(stored.data().path("decision").asText()).isEqualTo("rejected");
            Exchange.Request atA = pair.adminA.request(id);
            assertThat(atA.status()).isEqualTo(Status.RESPONSE_STORED);
            assertThat(atA.response().decision()).isEqualTo(Acms.Decision.REJECTED);
            assertThat(atA.response().comment()).isEqualTo("not this week");
            assertThat(atA.response().serverIdentities()).isEmpty();
        }
    }

    @Test
    void aGroupOverrideAnswersForItsMembersAndAUsersOwnOverrideStillWins() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, true, 100)) {
            Exchange.ServerIdentities saved = pair.adminB.call(MessageType.SERVER_IDENTITIES_SAVE,
                    new Exchange.ServerIdentities(
                            List.of(new ServerIdentity(ServerType.MCPTT, "sip:mcptt@b.example"),
                                    new ServerIdentity(ServerType.GMS, "https://gms.b.example/gm")),
                            List.of(new Exchange.Overrides("alice",
                                    List.of(new ServerIdentity(ServerType.MCPTT, "sip:mcptt-east@b.example")))),
                            List.of(new Exchange.GroupOverrides("fire-a", List.of("alice", "bob"),
                                    List.of(new ServerIdentity(ServerType.MCPTT, "sip:mcptt-fire@b.example"),
                                            new ServerIdentity(ServerType.GMS, "https://gms-fire.b.example/gm"))))));
            assertThat(saved.groupOverrides()).extracting(Exchange.GroupOverrides::group).containsExactly("fire-a");
            assertThat(pair.adminB.<Exchange.ServerIdentities>call(MessageType.SERVER_IDENTITIES_GET, new Common.Empty())
                    .groupOverrides()).singleElement().satisfies(g -> assertThat(g.members()).containsExactly("alice", "bob"));

            String id = pair.create("alice", "bob");
            pair.adminA.awaitEvent("serverIdentity.responseStored", id);

            assertThat(pair.adminA.request(id).response().serverIdentities()).containsExactly(
                    new UserServers("alice", List.of(new ServerIdentity(ServerType.MCPTT, "sip:mcptt-east@b.example"),
                            new ServerIdentity(ServerType.GMS, "https://gms-fire.b.example/gm"))),
                    new UserServers("bob", List.of(new ServerIdentity(ServerType.MCPTT, "sip:mcptt-fire@b.example"),
                            new ServerIdentity(ServerType.GMS, "https://gms-fire.b.example/gm"))));
        }
    }

    @Test
    void localPolicyAnswersAtOnceWithoutAnApprover() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, true, 100)) {
            String id = pair.create("bob");
            pair.adminA.awaitEvent("serverIdentity.responseStored", id);
            Exchange.Request atB = pair.adminB.request(id);
            assertThat(atB.steps()).extracting(Step::step, Step::status, Step::actor).startsWith(
                    tuple(4, Status.STORED_AT_PARTNER, "partner:mcx-a"),
                    tuple(5, Status.STORED_AT_PARTNER, "system:mcx-b"),
                    tuple(6, Status.APPROVED, "policy"));
            assertThat(pair.adminB.eventsSoFar()).noneMatch(e -> e.topic().equals("serverIdentity.pending"));
            Exchange.Request atA = pair.adminA.request(id);
            assertThat(atA.response().decidedBy()).isEqualTo("policy");
            assertThat(atA.response().serverIdentities()).extracting(UserServers::mcServiceId).containsExactly("bob");
            try (ConsoleLink vera = pair.approverB()) {
                Exchange.Requests pending = vera.call(MessageType.SERVER_IDENTITY_PENDING, new Common.Empty());
                assertThat(pending.requests()).isEmpty();
            }
        }
    }

    @Test
    void moreUsersThanThePolicyAllowsAreRejectedWithAReasonNotTruncated() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, true, 1)) {
            String id = pair.create("alice", "bob");
            Common.Event stored = pair.adminA.awaitEvent("serverIdentity.responseStored", id);
            assertThat(stored.data().path("decision").asText()).isEqualTo("rejected");
            Exchange.Request atA = pair.adminA.request(id);
            assertThat(atA.response().decidedBy()).isEqualTo("policy");
            assertThat(atA.response().comment()).contains("2 users").contains("at most 1");
            assertThat(atA.response().serverIdentities()).isEmpty();
            assertThat(pair.adminB.request(id).users()).containsExactly("alice", "bob");
        }
    }

    static void awaitStatus(ConsoleLink console, String id, Status status) throws Exception {
        long deadline = System.nanoTime() + ConsoleLink.WAIT.toNanos();
        while (console.request(id).status() != status) {
            assertThat(System.nanoTime()).as("request %s never became %s", id, status).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    static void assertTimesAscend(List<Step> steps) {
        for (int i = 1; i < steps.size(); i++) {
            assertThat(steps.get(i).at()).as("step %d at", steps.get(i).step()).isAfterOrEqualTo(steps.get(i - 1).at());
        }
    }
}
