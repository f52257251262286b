package org.mcx.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.mcx.protocol.Envelope;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Acm;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.model.Priority;

/**
 * The configuration exchanges of issue 14 (docs/acm.md): a request's content and an answer's result
 * carry their kind, are read into the kind's shape, and a bad one is refused naming the field.
 */
class AcmCodecTest {
    private static final String ID = "5f0c3a2e-8d7b-4c1e-9a61-2b7f3c9d0e14";
    private final Codec codec = new Codec();

    @Test
    void aUserMigrationTravelsWithItsKindAndComesBackTheSame() {
        Acms.ConfigurationRequest sent = new Acms.ConfigurationRequest(ID, "mcx-a", "admin", Acm.Urgency.URGENT,
                new Acm.UserMigration(List.of(new Acm.MigratingUser("alice", "Alice Martin", List.of("fire-east"),
                        "restricted", Priority.EMERGENCY))), Instant.parse("2026-12-03T10:00:00Z"));
        String frame = codec.request("c-1", MessageType.CONFIGURATION_REQUEST, sent);
        assertThat(frame).contains("\"kind\":\"userMigration.add\"").contains("\"urgency\":\"urgent\"")
                .contains("\"maxPriority\":\"emergency\"");
        Acms.ConfigurationRequest read = codec.decode(codec.parse(frame).body(), Acms.ConfigurationRequest.class);
        assertThat(read).isEqualTo(sent);
        assertThat(read.content().namedUsers()).containsExactly("alice");
    }

    @Test
    void everyResultKindReadsBackIntoItsOwnShape() {
        List<Acm.Result> results = List.of(
                new Acm.MigrationOutcomes(List.of(new Acm.UserOutcome("alice", Acm.Outcome.CREATED, null))),
                new Acm.RemovalOutcomes(List.of(new Acm.UserOutcome("bob", Acm.Outcome.NOT_FOUND, null))),
                new Acm.GroupList(List.of(new Acm.GroupInfo("fire-east", "Fire East",
                        List.of(new Acm.GroupMember("bea", "secret"))))),
                new Acm.MembershipOutcomes("fire-east", List.of(new Acm.UserOutcome("carl", Acm.Outcome.REFUSED,
                        "not a user who migrated here"))));
        for (Acm.Result result : results) {
            Acms.ConfigurationResponse sent = new Acms.ConfigurationResponse(ID, Acms.Decision.APPROVED, result, "vera", null);
            String frame = codec.request("c-2", MessageType.CONFIGURATION_RESPONSE, sent);
            assertThat(frame).contains("\"kind\":\"" + result.kind() + "\"");
            assertThat(codec.decode(codec.parse(frame).body(), Acms.ConfigurationResponse.class)).isEqualTo(sent);
        }
    }

    @Test
    void aRejectionNeedsNoResultButAnApprovalDoes() {
        assertThat(decodeResponse("{\"requestId\":\"" + ID + "\",\"decision\":\"rejected\",\"decidedBy\":\"policy\"}")
                .result()).isNull();
        assertThat(field(() -> decodeResponse("{\"requestId\":\"" + ID + "\",\"decision\":\"approved\",\"decidedBy\":\"vera\"}")))
                .isEqualTo("body.result");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "{\"kind\":\"userMigration.add\",\"users\":[{\"mcServiceId\":\"alice\",\"displayName\":\"A\"},{\"mcServiceId\":\"al ice\",\"displayName\":\"B\"}]} | body.content.users[1].mcServiceId",
            "{\"kind\":\"userMigration.add\",\"users\":[{\"mcServiceId\":\"alice\",\"displayName\":\"A\"},{\"mcServiceId\":\"alice\",\"displayName\":\"B\"}]} | body.content.users[1].mcServiceId",
            "{\"kind\":\"userMigration.add\",\"users\":[]} | body.content.users",
            "{\"kind\":\"userMigration.add\",\"users\":[{\"mcServiceId\":\"alice\",\"displayName\":\"A\",\"maxPriority\":\"highest\"}]} | body.content.users[0].maxPriority",
            "{\"kind\":\"userMigration.remove\",\"users\":[\"bob\",\"bob\"]} | body.content.users[1]",
            "{\"kind\":\"groupMembership.update\",\"groupId\":\"g1\"} | body.content.add",
            "{\"kind\":\"groupMembership.update\",\"groupId\":\"g1\",\"add\":[\"a\"],\"remove\":[\"a\"]} | body.content.remove[0]",
            "{\"kind\":\"launchMissiles\",\"users\":[\"a\"]} | body.content.kind",
            "{\"users\":[\"a\"]} | body.content.kind"})
    void aBadContentIsRefusedNamingItsField(String content, String field) {
        assertThat(field(() -> codec.decode(codec.parse("{\"v\":1,\"id\":\"c-3\",\"type\":\"acm.create\",\"body\":"
                + "{\"partnerSystemId\":\"mcx-b\",\"content\":" + content + "}}").body(), Exchange.AcmCreate.class)))
                .isEqualTo(field);
    }

    @Test
    void groupQueryAndUrgencyHaveDefaults() {
        Exchange.AcmCreate create = codec.decode(codec.parse("{\"v\":1,\"id\":\"c-4\",\"type\":\"acm.create\",\"body\":"
                + "{\"partnerSystemId\":\"mcx-b\",\"content\":{\"kind\":\"groups.request\"}}}").body(), Exchange.AcmCreate.class);
        assertThat(create.urgency()).isEqualTo(Acm.Urgency.NORMAL);
        assertThat(create.content()).isEqualTo(new Acm.GroupQuery(List.of()));
    }

    private Acms.ConfigurationResponse decodeResponse(String body) {
        Envelope e = codec.parse("{\"v\":1,\"id\":\"c-5\",\"type\":\"acms.configurationResponse\",\"body\":" + body + "}");
        return codec.decode(e.body(), Acms.ConfigurationResponse.class);
    }

    private static String field(Runnable r) {
        try {
            r.run();
        } catch (ProtocolException e) {
            return e.field();
        }
        throw new AssertionError("expected a ProtocolException");
    }
}
