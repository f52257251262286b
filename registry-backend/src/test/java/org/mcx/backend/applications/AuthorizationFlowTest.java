package org.mcx.backend.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mcx.backend.applications.Harness.GM;
import static org.mcx.backend.applications.Harness.MCPTT;
import static org.mcx.backend.applications.Harness.MCVIDEO;
import static org.mcx.backend.applications.Harness.authorize;
import static org.mcx.backend.applications.Harness.call;
import static org.mcx.backend.applications.Harness.refusal;
import static org.mcx.backend.applications.Harness.remove;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.Role;
import org.mcx.protocol.client.ProtocolClient;
import org.mcx.protocol.client.RemoteException;
import org.mcx.protocol.message.Common.Result;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console.AuthorizationDecision;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceInterfaceDescription;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/** 10.X.3: authorization requests, local policy, approvers' decisions and removals. */
class AuthorizationFlowTest {
    @TempDir
    Path dir;
    Harness h;
    ProtocolClient approver;

    @BeforeEach
    void start() throws Exception {
        h = Harness.start(dir);
        h.saveUser("alice", true, List.of(ServiceType.MCPTT, ServiceType.GM));
        h.saveUser("bob", false, List.of(), Role.APPROVER);
        approver = h.console("bob", Harness.PASSWORD);
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void aPendingRequestIsApprovedAndTheApplicationIsNotifiedAndFetchesItsProfile() throws Exception {
        Console.ApplicationCreated app = h.createApplication("Untrusted", false);
        Inbox inbox = Inbox.manual();
        ProtocolClient client = h.application(app, inbox);

        Csc14.AuthorizationResult asked = call(client, MessageType.UPDATE_AUTHORIZATION, authorize("alice", MCPTT));
        assertThat(asked.result()).isEqualTo(Result.PENDING);
        assertThat(asked.applicationProfiles()).isNull();

        Console.PendingAuthorization pending = onlyPending(app.applicationId());
        assertThat(pending.mcServiceId()).isEqualTo("alice");
        assertThat(pending.requestType()).isEqualTo(Csc14.RequestType.AUTHORIZE);
        assertThat(pending.serviceCapabilities()).containsExactly(MCPTT);
        assertThat(pending.requestedAt()).isNotNull();
        assertThat(asked.reason()).contains(pending.authorizationId());

        Console.Profiles decided = call(approver, MessageType.APPLICATIONS_DECIDE,
                new Console.DecideAuthorization(pending.authorizationId(), AuthorizationDecision.APPROVE, "fine"));
        ApplicationProfile granted = decided.applicationProfiles().get(0);
        assertThat(decided.applicationProfiles()).hasSize(1);
        assertThat(granted.applicationProfileId()).startsWith("ap-");
        assertThat(granted.applicationProfileIndex()).isEqualTo(1);
        assertThat(granted.applicationId()).isEqualTo(app.applicationId());
        assertThat(granted.authorizedService()).isEqualTo(MCPTT);
        assertThat(granted.version()).isEqualTo(1L);
        assertThat(granted.updatedBy()).isEqualTo("bob");
        assertThat(granted.updatedAt()).isNotNull();
        assertThat(granted.serviceInterfaceDescription()).isEqualTo(ServiceInterfaceDescription.empty());

        Inbox.Delivery notified = inbox.next();
        assertThat(notified.applicationProfileId()).isEqualTo(granted.applicationProfileId());
        assertThat(notified.version()).isEqualTo(1L);
        notified.ack();

        Csc14.ApplicationProfileResult fetched = call(client, MessageType.GET_APPLICATION_PROFILE,
                new Csc14.GetApplicationProfile(granted.applicationProfileId(), null));
        assertThat(fetched.result()).isEqualTo(Result.SUCCESS);
        assertThat(fetched.applicationProfile()).isEqualTo(granted);
        // The service access server's address, not the service's, with the profile's own base path.
        assertThat(fetched.applicationProfile().serviceLocation()).isEqualTo(h.fixture().backend().sasLocation("/services/" + granted.applicationProfileId()));
        // No reply confirms an acknowledgement: the server records it on its own time (CI once saw 1 here).
        assertThat(h.countWithin(0, "SELECT COUNT(*) FROM notifications")).as("acknowledged").isZero();
        assertThat(onlyApplication(app.applicationId()).pendingAuthorizations()).isEmpty();

        // Asking again for what it holds changes nothing and creates no second profile.
        Csc14.AuthorizationResult again = call(client, MessageType.UPDATE_AUTHORIZATION, authorize("alice", MCPTT));
        assertThat(again.result()).isEqualTo(Result.SUCCESS);
        assertThat(again.applicationProfiles()).containsExactly(granted);
    }

    @Test
    void aTrustedApplicationIsGrantedByPolicyWhatTheUserMayUse() throws Exception {
        Console.ApplicationCreated app = h.createApplication("Trusted", true);
        Inbox inbox = Inbox.acking();
        ProtocolClient client = h.application(app, inbox);
        ApplicationProfile requested = new ApplicationProfile(null, null, app.applicationId(), GM, null,
                new ServiceInterfaceDescription(List.of("HTTP"), List.of(), List.of()), null, null, null);

        Csc14.AuthorizationResult granted = call(client, MessageType.UPDATE_AUTHORIZATION,
                new Csc14.UpdateAuthorization("alice", Csc14.RequestType.AUTHORIZE, List.of(MCPTT, GM), requested));

        assertThat(granted.result()).isEqualTo(Result.SUCCESS);
        assertThat(granted.applicationProfiles()).extracting(ApplicationProfile::authorizedService)
                .containsExactlyInAnyOrder(MCPTT, GM);
        assertThat(granted.applicationProfiles()).extracting(ApplicationProfile::applicationProfileIndex)
                .containsExactlyInAnyOrder(1, 2);
        assertThat(granted.applicationProfiles()).filteredOn(p -> p.authorizedService().equals(GM)).singleElement()
                .satisfies(p -> assertThat(p.serviceInterfaceDescription().protocols()).containsExactly("HTTP"));
        assertThat(List.of(inbox.next().applicationProfileId(), inbox.next().applicationProfileId()))
                .containsExactlyInAnyOrderElementsOf(granted.applicationProfiles().stream()
                        .map(ApplicationProfile::applicationProfileId).toList());
        assertThat(onlyApplication(app.applicationId()).pendingAuthorizations()).isEmpty();

        // MCVideo is not among alice's allowed services: a person decides.
        Csc14.AuthorizationResult video = call(client, MessageType.UPDATE_AUTHORIZATION, authorize("alice", MCVIDEO));
        assertThat(video.result()).isEqualTo(Result.PENDING);
    }

    @Test
    void aDenialIsRecordedAndADecisionIsTakenOnce() throws Exception {
        Console.ApplicationCreated app = h.createApplication("Untrusted", false);
        ProtocolClient client = h.application(app, Inbox.acking());
        call(client, MessageType.UPDATE_AUTHORIZATION, authorize("alice", MCPTT));
        String id = onlyPending(app.applicationId()).authorizationId();

        Console.Profiles denied = call(approver, MessageType.APPLICATIONS_DECIDE,
                new Console.DecideAuthorization(id, AuthorizationDecision.DENY, "not for this application"));

        assertThat(denied.applicationProfiles()).isEmpty();
        assertThat(onlyApplication(app.applicationId()).pendingAuthorizations()).isEmpty();
        assertThat(h.count("SELECT COUNT(*) FROM authorizations WHERE authorization_id = ? AND status = 'denied'"
                + " AND decided_by = 'bob' AND reason = ?", id, "not for this application")).isEqualTo(1);
        assertThat(h.count("SELECT COUNT(*) FROM profiles")).isZero();

        RemoteException twice = refusal(approver, MessageType.APPLICATIONS_DECIDE,
                new Console.DecideAuthorization(id, AuthorizationDecision.APPROVE, null));
        assertThat(twice.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(twice.getMessage()).contains("denied");
        assertThat(h.count("SELECT COUNT(*) FROM profiles")).isZero();

        Harness.assertRefused(approver, MessageType.APPLICATIONS_DECIDE,
                new Console.DecideAuthorization("auth-000000000000", AuthorizationDecision.APPROVE, null),
                ErrorCode.NOT_FOUND);
    }

    @Test
    void askingAgainAfterADenialGetsTheDenialNotANewQuestionForTheApprovers() throws Exception {
        Console.ApplicationCreated app = h.createApplication("Untrusted", false);
        ProtocolClient client = h.application(app, Inbox.acking());
        call(client, MessageType.UPDATE_AUTHORIZATION, authorize("alice", MCPTT));
        call(approver, MessageType.APPLICATIONS_DECIDE, new Console.DecideAuthorization(
                onlyPending(app.applicationId()).authorizationId(), AuthorizationDecision.DENY, "not for dispatch"));

        Csc14.AuthorizationResult again = call(client, MessageType.UPDATE_AUTHORIZATION, authorize("alice", MCPTT));

        assertThat(again.result()).isEqualTo(Result.FAILURE);
        assertThat(again.reason()).contains("denied").contains("not for dispatch");
        assertThat(onlyApplication(app.applicationId()).pendingAuthorizations()).isEmpty();
        Csc14.AuthorizationResult other = call(client, MessageType.UPDATE_AUTHORIZATION, authorize("alice", GM));
        assertThat(other.result()).as("another question is asked").isEqualTo(Result.PENDING);
    }

    @Test
    void anApprovalIsRefusedWhenTheUserLostExternalAccessWhileTheRequestWaited() throws Exception {
        Console.ApplicationCreated app = h.createApplication("Untrusted", false);
        ProtocolClient client = h.application(app, Inbox.acking());
        call(client, MessageType.UPDATE_AUTHORIZATION, authorize("alice", MCPTT));
        String id = onlyPending(app.applicationId()).authorizationId();
        h.saveUser("alice", false, List.of(ServiceType.MCPTT, ServiceType.GM));

        RemoteException refused = refusal(approver, MessageType.APPLICATIONS_DECIDE,
                new Console.DecideAuthorization(id, AuthorizationDecision.APPROVE, "fine"));

        assertThat(refused.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(refused.getMessage()).contains("alice").contains("external access");
        assertThat(h.count("SELECT COUNT(*) FROM profiles")).isZero();
        assertThat(onlyApplication(app.applicationId()).pendingAuthorizations()).as("still pending: deny it")
                .hasSize(1);
        Console.Profiles denied = call(approver, MessageType.APPLICATIONS_DECIDE,
                new Console.DecideAuthorization(id, AuthorizationDecision.DENY, "user left"));
        assertThat(denied.applicationProfiles()).isEmpty();
    }

    @Test
    void theSameQuestionWaitsOnceForTheApprovers() throws Exception {
        Console.ApplicationCreated app = h.createApplication("Untrusted", false);
        ProtocolClient client = h.application(app, Inbox.acking());

        Csc14.AuthorizationResult first = call(client, MessageType.UPDATE_AUTHORIZATION, authorize("alice", MCPTT));
        Csc14.AuthorizationResult second = call(client, MessageType.UPDATE_AUTHORIZATION, authorize("alice", MCPTT));

        assertThat(second.reason()).isEqualTo(first.reason());
        assertThat(onlyApplication(app.applicationId()).pendingAuthorizations()).hasSize(1);
    }

    @Test
    void theUserMustExistAndBeAllowedExternalAccessAndTheAnswerDoesNotSayWhich() throws Exception {
        h.saveUser("carol", false, List.of(ServiceType.MCPTT));
        Console.ApplicationCreated app = h.createApplication("Trusted", true);
        ProtocolClient client = h.application(app, Inbox.acking());

        RemoteException unknown = refusal(client, MessageType.UPDATE_AUTHORIZATION, authorize("nobody", MCPTT));
        RemoteException notAllowed = refusal(client, MessageType.UPDATE_AUTHORIZATION, authorize("carol", MCPTT));

        assertThat(unknown.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(notAllowed.code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(notAllowed.getMessage()).isEqualTo(unknown.getMessage());
        assertThat(h.count("SELECT COUNT(*) FROM authorizations")).isZero();
        assertThat(h.count("SELECT COUNT(*) FROM audit_log WHERE action = ? AND outcome = 'denied'",
                MessageType.UPDATE_AUTHORIZATION.wireName())).isEqualTo(2);
    }

    @Test
    void aRemovalTakesEffectAtOnce() throws Exception {
        Console.ApplicationCreated app = h.createApplication("Trusted", true);
        Inbox inbox = Inbox.acking();
        ProtocolClient client = h.application(app, inbox);
        Csc14.AuthorizationResult granted = call(client, MessageType.UPDATE_AUTHORIZATION,
                authorize("alice", MCPTT, GM));
        inbox.next();
        inbox.next();
        ApplicationProfile gm = granted.applicationProfiles().stream()
                .filter(p -> p.authorizedService().equals(GM)).findFirst().orElseThrow();

        Csc14.AuthorizationResult removed = call(client, MessageType.UPDATE_AUTHORIZATION, remove("alice", GM, MCVIDEO));

        assertThat(removed.result()).isEqualTo(Result.SUCCESS);
        assertThat(removed.applicationProfiles()).extracting(ApplicationProfile::authorizedService)
                .containsExactly(MCPTT);
        Inbox.Delivery gone = inbox.next();
        assertThat(gone.applicationProfileId()).isEqualTo(gm.applicationProfileId());
        assertThat(gone.version()).isEqualTo(2L);
        Harness.assertRefused(client, MessageType.GET_APPLICATION_PROFILE,
                new Csc14.GetApplicationProfile(gm.applicationProfileId(), null), ErrorCode.NOT_FOUND);
        Console.Profiles left = call(h.admin(), MessageType.PROFILES_LIST, new Console.ListProfiles(app.applicationId()));
        assertThat(left.applicationProfiles()).extracting(ApplicationProfile::authorizedService).containsExactly(MCPTT);
    }

    private Console.Application onlyApplication(String applicationId) throws Exception {
        Console.Applications list = call(h.admin(), MessageType.APPLICATIONS_LIST, new Common.Empty());
        return list.applications().stream().filter(a -> a.applicationId().equals(applicationId)).findFirst()
                .orElseThrow();
    }

    private Console.PendingAuthorization onlyPending(String applicationId) throws Exception {
        List<Console.PendingAuthorization> pending = onlyApplication(applicationId).pendingAuthorizations();
        assertThat(pending).hasSize(1);
        return pending.get(0);
    }
}
