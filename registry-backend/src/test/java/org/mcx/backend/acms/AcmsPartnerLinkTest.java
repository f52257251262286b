package org.mcx.backend.acms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.RawClient;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange.Direction;
import org.mcx.protocol.message.Exchange.Status;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/**
 * What a partner may say on {@code /acms}, spoken frame by frame as a misbehaving or confused
 * partner would: repeats, answers to requests it was never asked, another partner's requests,
 * wrong secrets and malformed bodies.
 */
class AcmsPartnerLinkTest {
    static final String C = "mcx-c";
    static final String SECRET_C = "third-party-secret-42";

    @TempDir
    Path dir;

    private static String request(String requestId, String from, String users) {
        return "{\"requestId\":\"" + requestId + "\",\"fromSystemId\":\"" + from + "\",\"requestedBy\":\"admin\","
                + "\"users\":" + users + ",\"createdAt\":\"2026-11-22T10:00:00Z\"}";
    }

    private static String response(String requestId, String user) {
        return "{\"requestId\":\"" + requestId + "\",\"decision\":\"approved\",\"serverIdentities\":[{\"mcServiceId\":\""
                + user + "\",\"servers\":[{\"serverType\":\"MCPTT\",\"identity\":\"sip:evil@c.example\"}]}],"
                + "\"decidedBy\":\"mallory\"}";
    }

    private static RawClient partner(java.net.URI base, String systemId, String secret) throws Exception {
        RawClient raw = new RawClient(base, "/acms");
        JsonNode auth = raw.call("auth.partner", "{\"systemId\":\"" + systemId + "\",\"secret\":\"" + secret + "\"}");
        assertThat(auth.path("type").asText()).as(auth.toString()).isEqualTo("auth.partner");
        return raw;
    }

    @Test
    void theSameRequestDeliveredTwiceIsStoredOnce() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, false, 100);
             RawClient asA = partner(pair.b.base(), AcmsPair.A, AcmsPair.SECRET)) {
            String id = UUID.randomUUID().toString();
            for (int i = 0; i < 2; i++) {
                JsonNode reply = asA.call("acms.serverIdentityRequest", request(id, AcmsPair.A, "[\"alice\"]"));
                assertThat(reply.path("body").path("stored").asBoolean()).as(reply.toString()).isTrue();
            }
            // a repeat with other content changes nothing either
            JsonNode changed = asA.call("acms.serverIdentityRequest", request(id, AcmsPair.A, "[\"bob\",\"carol\"]"));
            assertThat(changed.path("body").path("stored").asBoolean()).isTrue();
            List<Exchange.Request> incoming = pair.adminB.requests(Direction.INCOMING);
            assertThat(incoming).singleElement().satisfies(r -> assertThat(r.users()).containsExactly("alice"));
            pair.adminB.awaitEvent("serverIdentity.pending", id);
            String next = pair.create("bob"); // later events prove the repeat published no second one
            pair.adminB.awaitEvent("serverIdentity.pending", next);
            assertThat(pair.adminB.eventsSoFar()).noneMatch(e -> e.topic().equals("serverIdentity.pending")
                    && e.data().path("requestId").asText().equals(id));
        }
    }

    @Test
    void aResponseForAnUnknownRequestIsNotFoundAndChangesNothing() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, false, 100);
             RawClient asB = partner(pair.a.base(), AcmsPair.B, AcmsPair.SECRET)) {
            JsonNode reply = asB.call("acms.serverIdentityResponse", response(UUID.randomUUID().toString(), "alice"));
            assertThat(RawClient.code(reply)).isEqualTo("NOT_FOUND");
            assertThat(pair.adminA.requests(null)).isEmpty();
        }
    }

    @Test
    void aSecondPartnerCanNeitherAnswerNorReuseAnothersRequest() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, false, 100)) {
            pair.partner(pair.adminA, C, pair.b.base(), SECRET_C, false, 10, null); // C is known to A (its link fails: fine)
            String id = pair.create("alice");
            pair.adminA.awaitEvent("serverIdentity.stored", id);
            try (RawClient asC = partner(pair.a.base(), C, SECRET_C)) {
                JsonNode forged = asC.call("acms.serverIdentityResponse", response(id, "alice"));
                assertThat(RawClient.code(forged)).as("indistinguishable from an unknown request").isEqualTo("NOT_FOUND");
                JsonNode reused = asC.call("acms.serverIdentityRequest", request(id, C, "[\"zed\"]"));
                assertThat(RawClient.code(reused)).isEqualTo("CONFLICT");
                JsonNode posing = asC.call("acms.serverIdentityRequest",
                        request(UUID.randomUUID().toString(), AcmsPair.B, "[\"zed\"]"));
                assertThat(RawClient.code(posing)).as("speaks for B").isEqualTo("FORBIDDEN");
            }
            Exchange.Request atA = pair.adminA.request(id);
            assertThat(atA.status()).isEqualTo(Status.STORED_AT_PARTNER);
            assertThat(atA.response()).isNull();
            assertThat(pair.adminA.requests(Direction.INCOMING)).isEmpty();
            Console.AuditEntries audit = pair.adminA.call(MessageType.AUDIT_LIST, new Console.ListAudit(null, 500));
            assertThat(audit.entries()).anySatisfy(e -> {
                assertThat(e.actor()).isEqualTo("partner:" + C);
                assertThat(e.action()).isEqualTo("acms.serverIdentityResponse");
                assertThat(e.outcome()).isEqualTo("denied");
            });
            // the real partner's answer still goes through
            try (ConsoleLink vera = pair.approverB()) {
                vera.call(MessageType.SERVER_IDENTITY_DECIDE, new Exchange.Decide(id, Exchange.ApproverDecision.APPROVE, null));
            }
            pair.adminA.awaitEvent("serverIdentity.responseStored", id);
            assertThat(pair.adminA.request(id).response().decidedBy()).isEqualTo("vera");
        }
    }

    @Test
    void aResponseMayOnlyNameUsersTheRequestAskedFor() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, false, 100)) {
            String id = pair.create("alice");
            pair.adminA.awaitEvent("serverIdentity.stored", id);
            try (RawClient asB = partner(pair.a.base(), AcmsPair.B, AcmsPair.SECRET)) {
                JsonNode reply = asB.call("acms.serverIdentityResponse", response(id, "bob"));
                assertThat(RawClient.code(reply)).isEqualTo("BAD_REQUEST");
                assertThat(reply.path("body").path("field").asText()).isEqualTo("body.serverIdentities[0].mcServiceId");
            }
            assertThat(pair.adminA.request(id).response()).isNull();
        }
    }

    @Test
    void malformedPartnerMessagesNameTheField() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, false, 100);
             RawClient asA = partner(pair.b.base(), AcmsPair.A, AcmsPair.SECRET)) {
            JsonNode notUuid = asA.call("acms.serverIdentityRequest", request("req-1", AcmsPair.A, "[\"alice\"]"));
            assertThat(RawClient.code(notUuid)).isEqualTo("BAD_REQUEST");
            assertThat(notUuid.path("body").path("field").asText()).isEqualTo("body.requestId");
            JsonNode noUsers = asA.call("acms.serverIdentityRequest", request(UUID.randomUUID().toString(), AcmsPair.A, "[]"));
            assertThat(noUsers.path("body").path("field").asText()).isEqualTo("body.users");
            JsonNode badUri = asA.call("acms.serverIdentityResponse", response(UUID.randomUUID().toString(), "alice")
                    .replace("sip:evil@c.example", "ftp://x"));
            assertThat(badUri.path("body").path("field").asText())
                    .isEqualTo("body.serverIdentities[0].servers[0].identity");
            assertThat(pair.adminB.requests(null)).isEmpty();
        }
    }

    @Test
    void aPartnerWithTheWrongSecretIsRefusedUntilTheSecretIsFixed() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, false, 100)) {
            try (RawClient raw = new RawClient(pair.b.base(), "/acms")) {
                JsonNode refused = raw.call("auth.partner",
                        "{\"systemId\":\"mcx-a\",\"secret\":\"not-the-pair-secret-at-all\"}");
                assertThat(RawClient.code(refused)).isEqualTo("UNAUTHENTICATED");
                assertThat(refused.toString()).doesNotContain(AcmsPair.SECRET);
            }
            pair.partner(pair.adminA, AcmsPair.B, pair.b.base(), "a-wrong-secret-for-b", false, 1000, null);
            pair.adminA.awaitEvent("partner.disconnected", null);
            String id = pair.create("alice");
            Console.Partners partners = pair.adminA.call(MessageType.PARTNERS_LIST, new Common.Empty());
            assertThat(partners.partners()).singleElement().satisfies(p -> assertThat(p.connected()).isFalse());
            assertThat(partners.toString()).doesNotContain("a-wrong-secret-for-b");
            assertThat(pair.adminA.request(id).status()).isEqualTo(Status.FORWARDED);
            assertThat(pair.adminB.requests(null)).isEmpty();
            Console.AuditEntries audit = pair.adminB.call(MessageType.AUDIT_LIST, new Console.ListAudit(null, 500));
            assertThat(audit.entries()).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("auth.partner");
                assertThat(e.outcome()).isEqualTo("denied");
            });

            pair.partner(pair.adminA, AcmsPair.B, pair.b.base(), AcmsPair.SECRET, false, 1000, null);
            pair.adminA.awaitEvent("serverIdentity.stored", id);
            assertThat(pair.adminB.requests(Direction.INCOMING)).extracting(Exchange.Request::requestId).containsExactly(id);
        }
    }

    @Test
    void aPartnerOfSeveralNodesIsReachedThroughTheNextWhenOneIsDown() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, false, 100)) {
            int down;
            try (java.net.ServerSocket vacant = new java.net.ServerSocket(0)) {
                down = vacant.getLocalPort(); // closed again: nothing listens there
            }
            String nodes = "ws://127.0.0.1:" + down + "/acms, " + pair.b.base() + "/acms";
            Console.Partner saved = pair.adminA.call(MessageType.PARTNERS_SAVE, new Console.SavePartner(AcmsPair.B,
                    "System B", nodes, null, new Console.AutoApprove(false, 1000), null));
            assertThat(saved.endpoint()).isEqualTo(nodes);
            String id = pair.create("alice");
            pair.adminA.awaitEvent("serverIdentity.stored", id);
            assertThat(pair.adminB.requests(Direction.INCOMING)).extracting(Exchange.Request::requestId).containsExactly(id);

            // A list with an empty place is refused, the field named (checked where the message is read).
            org.mcx.protocol.ProtocolException bad = org.junit.jupiter.api.Assertions.assertThrows(
                    org.mcx.protocol.ProtocolException.class, () -> new Console.SavePartner(AcmsPair.B, "System B",
                            pair.b.base() + "/acms, ", null, new Console.AutoApprove(false, 1000), null));
            assertThat(bad.field()).isEqualTo("endpoint");
            assertThat(bad.getMessage()).contains("separated by commas");
        }
    }

    @Test
    void messagesToOnePartnerArriveInTheOrderTheyWereMade() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, false, 100)) {
            pair.b.stop();
            List<String> made = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                made.add(pair.create(i % 2 == 0 ? "alice" : "bob"));
            }
            pair.b.startAgain();
            try (ConsoleLink adminB = ConsoleLink.login(pair.b.base(), "admin", "admin-password").follow(0L)) {
                List<String> arrived = new ArrayList<>();
                for (int i = 0; i < made.size(); i++) {
                    arrived.add(adminB.awaitEvent(e -> e.topic().equals("serverIdentity.pending"), "pending")
                            .data().path("requestId").asText());
                }
                assertThat(arrived).containsExactlyElementsOf(made);
            }
        }
    }
}
