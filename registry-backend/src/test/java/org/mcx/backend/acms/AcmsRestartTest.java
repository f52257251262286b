package org.mcx.backend.acms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.BackendFixture;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange.Direction;
import org.mcx.protocol.message.Exchange.Status;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/** Store and forward: either system may be away at any step; the outbox waits, retries, and can be cancelled. */
class AcmsRestartTest {
    @TempDir
    Path dir;

    @Test
    void partnerDownDuringStep3ReceivesTheRequestWhenBackUp() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, false, 100)) {
            pair.b.stop();
            pair.adminA.awaitEvent("partner.disconnected", null);
            String id = pair.create("alice");
            Exchange.Request waiting = pair.adminA.request(id);
            assertThat(waiting.status()).isEqualTo(Status.FORWARDED);
            assertThat(waiting.delivery()).as("waiting in the outbox").isNotNull();

            pair.b.startAgain();
            pair.adminA.awaitEvent("partner.connected", null);
            pair.adminA.awaitEvent("serverIdentity.stored", id);
            try (ConsoleLink vera = ConsoleLink.login(pair.b.base(), "vera", AcmsPair.PASSWORD).follow(0L)) {
                vera.awaitEvent("serverIdentity.pending", id);
                Exchange.Requests pending = vera.call(MessageType.SERVER_IDENTITY_PENDING, new Common.Empty());
                assertThat(pending.requests()).extracting(Exchange.Request::requestId).containsExactly(id);
            }
            assertThat(pair.adminA.request(id).delivery()).isNull();
        }
    }

    @Test
    void primaryDownDuringStep13StoresTheResponseWhenBackUp() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, false, 100)) {
            String id = pair.create("bob");
            pair.adminA.awaitEvent("serverIdentity.stored", id);
            pair.adminB.awaitEvent("serverIdentity.pending", id);
            pair.a.stop();
            pair.adminB.awaitEvent("partner.disconnected", null);
            try (ConsoleLink vera = pair.approverB()) {
                vera.call(MessageType.SERVER_IDENTITY_DECIDE, new Exchange.Decide(id, Exchange.ApproverDecision.APPROVE, "ok"));
            }
            Exchange.Request held = pair.adminB.request(id);
            assertThat(held.status()).isEqualTo(Status.APPROVED);
            assertThat(held.delivery()).as("the response waits in B's outbox").isNotNull();

            pair.a.startAgain();
            // an ADMIN who logs on after the response arrived is told of it (steps 15-16)
            pair.relogin(0L, null);
            pair.adminA.awaitEvent("serverIdentity.responseStored", id);
            AcmsExchangeTest.awaitStatus(pair.adminB, id, Status.RESPONDED);
            Exchange.Requests responses = pair.adminA.call(MessageType.SERVER_IDENTITY_RESPONSES, new Common.Empty());
            assertThat(responses.requests()).extracting(Exchange.Request::requestId).containsExactly(id);
            assertThat(responses.requests().get(0).response().comment()).isEqualTo("ok");
        }
    }

    @Test
    void anAdminCancelsWhatAnUnreachablePartnerWouldOtherwiseBeSentForEver() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, false, 100)) {
            pair.b.stop();
            String cancelled = pair.create("alice");
            try (ConsoleLink olga = ConsoleLink.login(pair.a.base(), "olga", AcmsPair.PASSWORD)) {
                olga.refused(MessageType.SERVER_IDENTITY_CANCEL, new Exchange.Cancel(cancelled), ErrorCode.FORBIDDEN);
            }
            Exchange.StatusResult r = pair.adminA.call(MessageType.SERVER_IDENTITY_CANCEL, new Exchange.Cancel(cancelled));
            assertThat(r.status()).isEqualTo(Status.CANCELLED);
            pair.adminA.awaitEvent("serverIdentity.cancelled", cancelled);
            pair.adminA.refused(MessageType.SERVER_IDENTITY_CANCEL, new Exchange.Cancel(cancelled), ErrorCode.CONFLICT);
            Exchange.Request atA = pair.adminA.request(cancelled);
            assertThat(atA.reason()).isEqualTo("cancelled by admin");
            assertThat(atA.delivery()).isNull();
            assertThat(atA.steps()).last().satisfies(s -> {
                assertThat(s.step()).isEqualTo(3);
                assertThat(s.status()).isEqualTo(Status.CANCELLED);
                assertThat(s.actor()).isEqualTo("admin");
            });

            String later = pair.create("bob");
            pair.b.startAgain();
            pair.adminA.awaitEvent("serverIdentity.stored", later);
            assertThat(pair.adminA.request(later).status()).isIn(Status.STORED_AT_PARTNER);
            try (ConsoleLink adminB = ConsoleLink.login(pair.b.base(), BackendFixture.ADMIN, BackendFixture.ADMIN_PASSWORD)) {
                assertThat(adminB.requests(Direction.INCOMING)).extracting(Exchange.Request::requestId)
                        .containsExactly(later);
            }
            pair.adminA.refused(MessageType.SERVER_IDENTITY_CANCEL, new Exchange.Cancel(later), ErrorCode.CONFLICT);
        }
    }

    @Test
    void aPartnerCannotBeDeletedWhileMessagesWaitForItUntilTheyAreCancelled() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, false, 100)) {
            pair.b.stop();
            String waiting = pair.create("alice");

            pair.adminA.refused(MessageType.PARTNERS_DELETE, new Console.DeletePartner(AcmsPair.B), ErrorCode.CONFLICT);
            pair.adminA.call(MessageType.SERVER_IDENTITY_CANCEL, new Exchange.Cancel(waiting));
            pair.adminA.call(MessageType.PARTNERS_DELETE, new Console.DeletePartner(AcmsPair.B));

            assertThat(pair.adminA.<Console.Partners>call(MessageType.PARTNERS_LIST, new Common.Empty()).partners())
                    .isEmpty();
        }
    }

    @Test
    void bothSystemsRestartedMidwayFinishTheExchange() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, false, 100)) {
            String id = pair.create("alice");
            pair.adminB.awaitEvent("serverIdentity.pending", id);
            pair.a.restart();
            pair.b.restart();
            pair.relogin(null, null);
            try (ConsoleLink vera = pair.approverB()) {
                Exchange.Requests pending = vera.call(MessageType.SERVER_IDENTITY_PENDING, new Common.Empty());
                assertThat(pending.requests()).extracting(Exchange.Request::requestId).containsExactly(id);
                vera.call(MessageType.SERVER_IDENTITY_DECIDE, new Exchange.Decide(id, Exchange.ApproverDecision.APPROVE, null));
            }
            pair.adminA.awaitEvent("serverIdentity.responseStored", id);
            assertThat(pair.adminA.requests(Direction.OUTGOING)).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(Status.RESPONSE_STORED));
        }
    }
}
