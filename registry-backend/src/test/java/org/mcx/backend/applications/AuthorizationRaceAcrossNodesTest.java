package org.mcx.backend.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.applications.Harness.MCPTT;
import static org.mcx.backend.applications.Harness.authorize;
import static org.mcx.backend.applications.Harness.call;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.Role;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.RemoteException;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Console.AuthorizationDecision;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/**
 * Two nodes, one authorization request: an approval on one node and a denial on the other at the
 * same instant decide it once (the other approver is told it was already decided); the same
 * question asked through both nodes at once is queued once. Before the transactions took turns,
 * both approvers read "pending" and both decided, the denial overwriting a grant already pushed.
 */
class AuthorizationRaceAcrossNodesTest {
    private static final int ROUNDS = 6;

    @TempDir
    Path dir;

    @Test
    void simultaneousDecisionsOnTwoNodesDecideOnceAndOneQuestionIsQueuedOnce() throws Exception {
        try (TwoNodes nodes = TwoNodes.start(dir)) {
            Harness one = nodes.one();
            Harness two = nodes.two();
            one.saveUser("alice", true, List.of(ServiceType.MCPTT, ServiceType.GM));
            one.saveUser("bob", false, List.of(), Role.APPROVER);
            ProtocolClient bobOnOne = one.console("bob", Harness.PASSWORD);
            ProtocolClient bobOnTwo = two.console("bob", Harness.PASSWORD);
            for (int round = 0; round < ROUNDS; round++) {
                Console.ApplicationCreated app = one.createApplication("racer-" + round, false);
                ProtocolClient viaOne = one.application(app, Inbox.manual());
                ProtocolClient viaTwo = two.application(app, Inbox.manual());

                List<CompletableFuture<Csc14.AuthorizationResult>> asked = List.of(
                        viaOne.request(MessageType.UPDATE_AUTHORIZATION, authorize("alice", MCPTT), Csc14.AuthorizationResult.class),
                        viaTwo.request(MessageType.UPDATE_AUTHORIZATION, authorize("alice", MCPTT), Csc14.AuthorizationResult.class));
                for (CompletableFuture<Csc14.AuthorizationResult> a : asked) {
                    assertThat(a.get(10, TimeUnit.SECONDS).result()).isEqualTo(Common.Result.PENDING);
                }
                List<Console.PendingAuthorization> pending = pendingOf(one, app.applicationId());
                assertThat(pending).as("round %d: one question, asked through two nodes at once", round).hasSize(1);

                String id = pending.get(0).authorizationId();
                List<CompletableFuture<Console.Profiles>> decisions = new ArrayList<>();
                decisions.add(bobOnOne.request(MessageType.APPLICATIONS_DECIDE,
                        new Console.DecideAuthorization(id, AuthorizationDecision.APPROVE, "yes"), Console.Profiles.class));
                decisions.add(bobOnTwo.request(MessageType.APPLICATIONS_DECIDE,
                        new Console.DecideAuthorization(id, AuthorizationDecision.DENY, "no"), Console.Profiles.class));
                int decided = 0;
                boolean approved = false;
                for (int i = 0; i < decisions.size(); i++) {
                    try {
                        decisions.get(i).get(10, TimeUnit.SECONDS);
                        decided++;
                        approved = i == 0;
                    } catch (ExecutionException e) {
                        RemoteException refused = (RemoteException) e.getCause();
                        assertThat(refused.code()).as("round %d: %s", round, refused.getMessage()).isEqualTo(ErrorCode.CONFLICT);
                    }
                }
                assertThat(decided).as("round %d: decided once", round).isEqualTo(1);
                long profiles = one.count("SELECT COUNT(*) FROM profiles WHERE application_id = ?", app.applicationId());
                long storedApproved = one.count("SELECT COUNT(*) FROM authorizations WHERE authorization_id = ?"
                        + " AND status = 'approved'", id);
                assertThat(storedApproved).as("round %d: the stored decision is the one that was answered", round)
                        .isEqualTo(approved ? 1 : 0);
                assertThat(profiles).as("round %d: a profile exactly when it was approved", round).isEqualTo(approved ? 1 : 0);
                viaOne.close();
                viaTwo.close();
            }
        }
    }

    private static List<Console.PendingAuthorization> pendingOf(Harness h, String applicationId) throws Exception {
        Console.Applications list = call(h.admin(), MessageType.APPLICATIONS_LIST, new Common.Empty());
        return list.applications().stream().filter(a -> a.applicationId().equals(applicationId)).findFirst()
                .orElseThrow().pendingAuthorizations();
    }
}
