package org.mcx.backend.acms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.testing.RawClient;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.message.Exchange.Direction;
import org.mcx.protocol.wire.MessageType;

/**
 * The ACMS door for the kinds of docs/acm.md, as a partner's raw frames reach it: a request
 * delivered twice is stored once; a kind this system does not know, a malformed content, a forged
 * answer and an answer of another kind are refused naming why, and change nothing.
 */
class AcmsConfigurationWireTest {
    @TempDir
    Path dir;

    private static String request(String requestId, String from, String content) {
        return "{\"requestId\":\"" + requestId + "\",\"fromSystemId\":\"" + from + "\",\"requestedBy\":\"admin\","
                + "\"urgency\":\"urgent\",\"content\":" + content + ",\"createdAt\":\"2026-12-03T10:00:00Z\"}";
    }

    private static String migrate(String user) {
        return "{\"kind\":\"userMigration.add\",\"users\":[{\"mcServiceId\":\"" + user + "\",\"displayName\":\"X\"}]}";
    }

    private static RawClient partner(java.net.URI base, String systemId) throws Exception {
        RawClient raw = new RawClient(base, "/acms");
        JsonNode auth = raw.call("auth.partner", "{\"systemId\":\"" + systemId + "\",\"secret\":\"" + AcmsPair.SECRET + "\"}");
        assertThat(auth.path("type").asText()).as(auth.toString()).isEqualTo("auth.partner");
        return raw;
    }

    @Test
    void theSameRequestDeliveredTwiceIsStoredOnceWhateverItCarriesTheSecondTime() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, false, 100);
             RawClient asA = partner(pair.b.base(), AcmsPair.A)) {
            String id = UUID.randomUUID().toString();
            for (String content : new String[] {migrate("alice"), migrate("alice"), migrate("bob")}) {
                JsonNode reply = asA.call("acms.configurationRequest", request(id, AcmsPair.A, content));
                assertThat(reply.path("body").path("stored").asBoolean()).as(reply.toString()).isTrue();
            }
            Exchange.Requests incoming = pair.adminB.call(MessageType.ACM_LIST, new Exchange.AcmList(Direction.INCOMING, null, null));
            assertThat(incoming.requests()).singleElement().satisfies(r -> {
                assertThat(r.users()).containsExactly("alice");
                assertThat(r.urgency()).isEqualTo(Acm.Urgency.URGENT);
            });
        }
    }

    @Test
    void unknownKindsAndMalformedContentAreRefusedNamingTheFieldAndStoreNothing() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, false, 100);
             RawClient asA = partner(pair.b.base(), AcmsPair.A)) {
            JsonNode unknown = asA.call("acms.configurationRequest", request(UUID.randomUUID().toString(), AcmsPair.A,
                    "{\"kind\":\"keys.export\",\"users\":[\"alice\"]}"));
            assertThat(RawClient.code(unknown)).isEqualTo("BAD_REQUEST");
            assertThat(unknown.path("body").path("field").asText()).isEqualTo("body.content.kind");
            JsonNode notAList = asA.call("acms.configurationRequest", request(UUID.randomUUID().toString(), AcmsPair.A,
                    "{\"kind\":\"userMigration.remove\",\"users\":\"alice\"}"));
            assertThat(notAList.path("body").path("field").asText()).isEqualTo("body.content.users");
            JsonNode posing = asA.call("acms.configurationRequest", request(UUID.randomUUID().toString(), "mcx-c",
                    migrate("alice")));
            assertThat(RawClient.code(posing)).as("speaks for another system").isEqualTo("FORBIDDEN");
            Exchange.Requests all = pair.adminB.call(MessageType.ACM_LIST, new Exchange.AcmList(null, null, null));
            assertThat(all.requests()).isEmpty();
        }
    }

    @Test
    void anAnswerMustBeToOurRequestOfItsKindAndNameOnlyItsUsers() throws Exception {
        try (AcmsPair pair = AcmsPair.start(dir, false, 100)) {
            Exchange.Created created = pair.adminA.call(MessageType.ACM_CREATE, new Exchange.AcmCreate(AcmsPair.B, null,
                    new Acm.UserMigration(java.util.List.of(new Acm.MigratingUser("alice", null, java.util.List.of(), null, null)))));
            String id = created.requestId();
            pair.adminA.awaitEvent("userMigration.add.stored", id);
            try (RawClient asB = partner(pair.a.base(), AcmsPair.B)) {
                JsonNode unknown = asB.call("acms.configurationResponse", "{\"requestId\":\"" + UUID.randomUUID()
                        + "\",\"decision\":\"rejected\",\"decidedBy\":\"mallory\"}");
                assertThat(RawClient.code(unknown)).isEqualTo("NOT_FOUND");
                JsonNode otherKind = asB.call("acms.configurationResponse", "{\"requestId\":\"" + id
                        + "\",\"decision\":\"approved\",\"decidedBy\":\"mallory\",\"result\":{\"kind\":\"groups.request\",\"groups\":[]}}");
                assertThat(otherKind.path("body").path("field").asText()).isEqualTo("body.result.kind");
                JsonNode otherUser = asB.call("acms.configurationResponse", "{\"requestId\":\"" + id
                        + "\",\"decision\":\"approved\",\"decidedBy\":\"mallory\",\"result\":{\"kind\":\"userMigration.add\","
                        + "\"users\":[{\"mcServiceId\":\"zed\",\"outcome\":\"created\"}]}}");
                assertThat(otherUser.path("body").path("field").asText()).isEqualTo("body.result.users[0].mcServiceId");
            }
            assertThat(pair.adminA.acmRequest(id).response()).as("nothing stored").isNull();
        }
    }
}
