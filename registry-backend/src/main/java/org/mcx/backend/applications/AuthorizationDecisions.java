package org.mcx.backend.applications;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.identity.UserDirectory;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Console.AuthorizationDecision;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14.RequestType;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.UserAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code applications.decide}: an approver's answer to a pending authorization request. Approval
 * grants the services the application does not hold yet, which notifies it and every service
 * access server; a denial is recorded with its reason. A request is decided once.
 */
final class AuthorizationDecisions {
    private static final Logger log = LoggerFactory.getLogger(AuthorizationDecisions.class);

    private final SystemContext ctx;
    private final ProfileStore profiles;
    private final AuthorizationStore authorizations;
    private final ProfileWriter writer;

    AuthorizationDecisions(SystemContext ctx, ProfileStore profiles, AuthorizationStore authorizations,
                           ProfileWriter writer) {
        this.ctx = ctx;
        this.profiles = profiles;
        this.authorizations = authorizations;
        this.writer = writer;
    }

    CompletableFuture<Console.Profiles> decide(Call<Console.DecideAuthorization> call) {
        Console.DecideAuthorization in = call.body();
        boolean approve = in.decision() == AuthorizationDecision.APPROVE;
        return ctx.db().write(tx -> {
            tx.excludeOtherNodes(); // decided once: two approvers on two nodes both reading PENDING would both decide
            Connection c = tx.connection();
            StoredAuthorization request = authorizations.find(c, in.authorizationId())
                    .orElseThrow(() -> ProtocolException.notFound("authorization request " + in.authorizationId()));
            if (!StoredAuthorization.PENDING.equals(request.status())) {
                throw ProtocolException.conflict("authorization request " + in.authorizationId()
                        + " was already decided (" + request.status() + ")");
            }
            if (approve && request.requestType() == RequestType.AUTHORIZE && !mayStillUse(c, request.mcServiceId())) {
                // Checked when asked; the answer may come days later, after the user lost access.
                throw ProtocolException.conflict("user " + request.mcServiceId()
                        + " no longer has external access; deny this request instead");
            }
            String status = approve ? StoredAuthorization.APPROVED : StoredAuthorization.DENIED;
            authorizations.decide(c, request.authorizationId(), status, Instant.now(), call.actor(), in.reason());
            List<ApplicationProfile> granted = approve && request.requestType() == RequestType.AUTHORIZE
                    ? writer.grant(tx, call.actor(), request.applicationId(), request.capabilities(),
                            request.requestedProfile())
                    : List.of();
            ctx.events().append(tx, "application.authorizationDecided", ctx.events().data()
                    .put("authorizationId", request.authorizationId()).put("applicationId", request.applicationId())
                    .put("mcServiceId", request.mcServiceId()).put("decision", approve ? "approve" : "deny")
                    .put("decidedBy", call.actor()));
            ctx.audit().record(tx, call.actor(), "applications.decide", request.authorizationId(), AuditLog.ALLOWED,
                    ctx.audit().detail().put("applicationId", request.applicationId())
                            .put("mcServiceId", request.mcServiceId()).put("decision", status)
                            .put("profilesCreated", granted.size()).put("reason", in.reason()));
            tx.afterCommit(() -> log.info("{} {} authorization request {} of {}", call.actor(), status,
                    request.authorizationId(), request.applicationId()));
            List<ApplicationProfile> current = granted.isEmpty()
                    ? profiles.ofApplication(c, request.applicationId())
                    : writer.announce(tx, request.applicationId());
            return new Console.Profiles(current);
        });
    }

    private static boolean mayStillUse(Connection c, String mcServiceId) throws java.sql.SQLException {
        return UserDirectory.find(c, mcServiceId).map(UserAccess::externalAccessAllowed).orElse(false);
    }
}
