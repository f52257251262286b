package org.mcx.backend.acms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Acms.ServerIdentity;
import org.mcx.protocol.message.Acms.ServerType;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/** Step 2 and note 1: who may ask, for whom, and what a refusal leaves behind (an audit entry, nothing else). */
class AcmsAuthorizationTest {
    @TempDir
    static Path dir;
    static AcmsPair pair;

    @BeforeAll
    static void start() throws Exception {
        pair = AcmsPair.start(dir, false, 100);
    }

    @AfterAll
    static void stop() {
        pair.close();
    }

    @Test
    void onlyAnAdminMayAsk() throws Exception {
        try (ConsoleLink olga = ConsoleLink.login(pair.a.base(), "olga", AcmsPair.PASSWORD)) {
            olga.refused(MessageType.SERVER_IDENTITY_CREATE, new Exchange.CreateRequest(AcmsPair.B, List.of("alice")),
                    ErrorCode.FORBIDDEN);
            olga.refused(MessageType.SERVER_IDENTITY_RESPONSES, new Common.Empty(), ErrorCode.FORBIDDEN);
            olga.refused(MessageType.SERVER_IDENTITIES_SAVE, new Exchange.ServerIdentities(List.of(), List.of()),
                    ErrorCode.FORBIDDEN);
            Exchange.Requests visible = olga.call(MessageType.SERVER_IDENTITY_LIST, new Exchange.ListRequests(null, null));
            assertThat(visible.requests()).noneMatch(r -> r.users().contains("carol"));
        }
        assertAudited("olga", "serverIdentity.create");
    }

    @Test
    void aUserWhoMayNotMigrateRefusesTheWholeRequestAndNothingIsForwarded() throws Exception {
        int before = pair.adminA.requests(null).size();
        ProtocolException refused = pair.adminA.refused(MessageType.SERVER_IDENTITY_CREATE,
                new Exchange.CreateRequest(AcmsPair.B, List.of("alice", "carol", "nobody")), ErrorCode.FORBIDDEN);
        assertThat(refused.getMessage()).contains("carol (may not migrate)").contains("nobody (not a user of this system)")
                .doesNotContain("alice");
        assertThat(pair.adminA.requests(null)).hasSize(before);
        assertAudited("admin", "serverIdentity.create");
        // a later request that is allowed is the first thing B ever hears of
        String ok = pair.create("alice");
        pair.adminB.awaitEvent("serverIdentity.pending", ok);
        assertThat(pair.adminB.requests(null)).noneMatch(r -> r.users().contains("carol"));
    }

    @Test
    void badInputIsRefusedAtTheEdgeNamingTheField() throws Exception {
        ProtocolException unknown = pair.adminA.refused(MessageType.SERVER_IDENTITY_CREATE,
                new Exchange.CreateRequest("mcx-nowhere", List.of("alice")), ErrorCode.NOT_FOUND);
        assertThat(unknown.getMessage()).contains("mcx-nowhere");
        assertField(() -> new Exchange.CreateRequest(AcmsPair.B, List.of("alice", "alice")), "users[1]");
        assertField(() -> new Exchange.CreateRequest(AcmsPair.B, List.of()), "users");
        assertField(() -> new Exchange.Decide("not-a-uuid", Exchange.ApproverDecision.APPROVE, null), "requestId");
        assertField(() -> new ServerIdentity(ServerType.GMS, "http://plain.example"), "identity");
        assertField(() -> new Console.SavePartner("mcx-z", "Z", "ws://partner.example.org:8443/acms",
                "a-secret-of-enough-length", new Console.AutoApprove(false, 10)), "endpoint");
        pair.adminA.refused(MessageType.SERVER_IDENTITIES_SAVE, new Exchange.ServerIdentities(List.of(
                new ServerIdentity(ServerType.GMS, "https://a.example"), new ServerIdentity(ServerType.GMS, "https://b.example")),
                List.of()), ErrorCode.BAD_REQUEST);
        pair.adminA.refused(MessageType.SERVER_IDENTITY_DECIDE, new Exchange.Decide(UUID.randomUUID().toString(),
                Exchange.ApproverDecision.APPROVE, null), ErrorCode.NOT_FOUND);
    }

    @Test
    void anApproverCannotDecideARequestThisSystemMadeItself() throws Exception {
        String outgoing = pair.create("bob");
        try (ConsoleLink olga = ConsoleLink.login(pair.a.base(), "olga", AcmsPair.PASSWORD)) {
            olga.refused(MessageType.SERVER_IDENTITY_DECIDE,
                    new Exchange.Decide(outgoing, Exchange.ApproverDecision.APPROVE, null), ErrorCode.NOT_FOUND);
        }
    }

    @Test
    void partnerSecretsNeverComeBack() throws Exception {
        Console.Partners partners = pair.adminA.call(MessageType.PARTNERS_LIST, new Common.Empty());
        assertThat(partners.partners()).singleElement().satisfies(p -> {
            assertThat(p.connected()).isTrue();
            assertThat(p.disclose()).isNull();
        });
        assertThat(partners.toString()).doesNotContain(AcmsPair.SECRET);
        Console.Partners atB = pair.adminB.call(MessageType.PARTNERS_LIST, new Common.Empty());
        assertThat(atB.partners().get(0).disclose()).containsExactly(ServerType.MCPTT, ServerType.GMS);
    }

    private static void assertField(Runnable build, String field) {
        try {
            build.run();
        } catch (ProtocolException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.field()).isEqualTo(field);
            return;
        }
        throw new AssertionError("accepted; expected BAD_REQUEST on " + field);
    }

    private static void assertAudited(String actor, String action) throws Exception {
        long deadline = System.nanoTime() + ConsoleLink.WAIT.toNanos();
        while (true) {
            Console.AuditEntries audit = pair.adminA.call(MessageType.AUDIT_LIST, new Console.ListAudit(null, 1000));
            if (audit.entries().stream().anyMatch(e -> e.actor().equals(actor) && e.action().equals(action)
                    && e.outcome().equals("denied"))) {
                return;
            }
            assertThat(System.nanoTime()).as("no denied %s by %s audited", action, actor).isLessThan(deadline);
        }
    }
}
