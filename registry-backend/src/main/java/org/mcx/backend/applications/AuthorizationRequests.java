package org.mcx.backend.applications;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.mcx.backend.audit.AuditLog;
import org.mcx.backend.identity.UserDirectory;
import org.mcx.backend.store.Tx;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Call;
import org.mcx.backend.transport.Principal;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Common.Result;
import org.mcx.protocol.message.Csc14.RequestType;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.UserAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code updateExternalApplicationAuthorization} (10.X.3 steps 3 to 5). Local policy grants at
 * once what a trusted-domain application asks for a user who may use every requested service;
 * anything else waits for an approver ({@link AuthorizationDecisions}). A removal needs nobody's
 * decision: giving up access is always allowed.
 */
final class AuthorizationRequests {
    private static final Logger log = LoggerFactory.getLogger(AuthorizationRequests.class);
    /** The same answer for an unknown user and one without external access: ids are not probed. */
    static final String USER_REFUSED = "this MC service user may not use external applications";

    private final SystemContext ctx;
    private final ProfileStore profiles;
    private final AuthorizationStore authorizations;
    private final ProfileWriter writer;
    private final DirectLocations direct;

    AuthorizationRequests(SystemContext ctx, ProfileStore profiles, AuthorizationStore authorizations,
                          ProfileWriter writer, DirectLocations direct) {
        this.ctx = ctx;
        this.profiles = profiles;
        this.authorizations = authorizations;
        this.writer = writer;
        this.direct = direct;
    }

    /** How long a denial answers the same question again, instead of asking the approvers anew. */
    static final java.time.Duration DENIAL_MEMORY = java.time.Duration.ofHours(24);

    CompletableFuture<Csc14.AuthorizationResult> update(Call<Csc14.UpdateAuthorization> call) {
        String applicationId = call.principal(Principal.Application.class).applicationId();
        Csc14.UpdateAuthorization in = call.body();
        List<ServiceRef> services = List.copyOf(new LinkedHashSet<>(in.serviceCapabilities()));
        return ctx.db().write(tx -> {
            Connection c = tx.connection();
            UserAccess user = UserDirectory.find(c, in.mcServiceId()).filter(UserAccess::externalAccessAllowed)
                    .orElseThrow(() -> ProtocolException.forbidden(USER_REFUSED));
            StoredApplication app = ApplicationStore.find(c, applicationId)
                    .orElseThrow(() -> new ProtocolException(ErrorCode.UNAUTHENTICATED, "unknown application"));
            return direct.forApplication(app, in.requestType() == RequestType.AUTHORIZE
                    ? authorize(tx, call.actor(), app, user, services, in.applicationProfile())
                    : remove(tx, call.actor(), app, user, services));
        });
    }

    private Csc14.AuthorizationResult authorize(Tx tx, String actor, StoredApplication app, UserAccess user,
                                                List<ServiceRef> services, ApplicationProfile requested)
            throws SQLException {
        Connection c = tx.connection();
        String applicationId = app.applicationId();
        List<ServiceRef> missing = new ArrayList<>();
        for (ServiceRef s : services) {
            if (profiles.findService(c, applicationId, s).isEmpty()) {
                missing.add(s);
            }
        }
        if (missing.isEmpty()) {
            // Everything asked for is held already: nothing to decide, nothing changes.
            return success(profiles.ofApplication(c, applicationId));
        }
        Instant now = Instant.now();
        boolean byPolicy = app.trustedDomain()
                && services.stream().allMatch(s -> user.allowedServices().contains(s.serviceType()));
        if (!byPolicy) {
            return pending(tx, actor, applicationId, user.mcServiceId(), services, requested, now);
        }
        String authorizationId = Ids.authorization();
        // Recorded like any request, decided at once, so the console's history shows policy grants too.
        authorizations.insert(c, new StoredAuthorization(authorizationId, applicationId, user.mcServiceId(),
                RequestType.AUTHORIZE, services, StoredAuthorization.PENDING, now, requested));
        authorizations.decide(c, authorizationId, StoredAuthorization.APPROVED, now, "policy",
                "trusted domain; the user may use every requested service");
        writer.grant(tx, actor, applicationId, missing, requested);
        ctx.events().append(tx, "application.authorizationDecided", ctx.events().data()
                .put("authorizationId", authorizationId).put("applicationId", applicationId)
                .put("mcServiceId", user.mcServiceId()).put("decision", "approve").put("decidedBy", "policy"));
        ctx.audit().record(tx, actor, "applications.authorize", applicationId, AuditLog.ALLOWED, ctx.audit().detail()
                .put("authorizationId", authorizationId).put("mcServiceId", user.mcServiceId())
                .put("decidedBy", "policy").put("services", describe(missing)));
        tx.afterCommit(() -> log.info("{} granted {} by policy for {} ({})", applicationId, describe(missing),
                user.mcServiceId(), authorizationId));
        return success(writer.announce(tx, applicationId));
    }

    private Csc14.AuthorizationResult pending(Tx tx, String actor, String applicationId, String mcServiceId,
                                              List<ServiceRef> services, ApplicationProfile requested, Instant now)
            throws SQLException {
        tx.excludeOtherNodes(); // asked on two nodes at once, the question is still queued once
        Connection c = tx.connection();
        Optional<String> waiting = authorizations.samePending(c, applicationId, mcServiceId, RequestType.AUTHORIZE,
                services);
        if (waiting.isPresent()) {
            // Asking again must not queue the same question twice for the approvers.
            return waitingFor(waiting.get());
        }
        Optional<AuthorizationStore.Denial> denied = authorizations.sameDeniedSince(c, applicationId, mcServiceId,
                RequestType.AUTHORIZE, services, now.minus(DENIAL_MEMORY));
        if (denied.isPresent()) {
            // The application learns the answer by asking again; the approvers are not asked twice.
            AuthorizationStore.Denial d = denied.get();
            return new Csc14.AuthorizationResult(Result.FAILURE, null, "denied by an approver at " + d.at()
                    + (d.reason() == null ? "" : ": " + d.reason()) + "; the same request is refused until "
                    + d.at().plus(DENIAL_MEMORY));
        }
        String authorizationId = Ids.authorization();
        authorizations.insert(c, new StoredAuthorization(authorizationId, applicationId, mcServiceId,
                RequestType.AUTHORIZE, services, StoredAuthorization.PENDING, now, requested));
        ctx.events().append(tx, "application.authorizationRequested", ctx.events().data()
                .put("authorizationId", authorizationId).put("applicationId", applicationId)
                .put("mcServiceId", mcServiceId));
        ctx.audit().record(tx, actor, "applications.authorize", applicationId, AuditLog.ALLOWED, ctx.audit().detail()
                .put("authorizationId", authorizationId).put("mcServiceId", mcServiceId)
                .put("status", StoredAuthorization.PENDING).put("services", describe(services)));
        return waitingFor(authorizationId);
    }

    private Csc14.AuthorizationResult remove(Tx tx, String actor, StoredApplication app, UserAccess user,
                                             List<ServiceRef> services) throws SQLException {
        String applicationId = app.applicationId();
        List<String> removed = new ArrayList<>();
        for (ServiceRef s : services) {
            Optional<ApplicationProfile> held = profiles.findService(tx.connection(), applicationId, s);
            if (held.isPresent()) {
                writer.delete(tx, actor, held.get());
                removed.add(held.get().applicationProfileId());
            }
        }
        if (removed.isEmpty()) {
            return success(profiles.ofApplication(tx.connection(), applicationId));
        }
        ctx.audit().record(tx, actor, "applications.remove", applicationId, AuditLog.ALLOWED, ctx.audit().detail()
                .put("mcServiceId", user.mcServiceId()).put("applicationProfileIds", String.join(",", removed)));
        return success(writer.announce(tx, applicationId));
    }

    private static Csc14.AuthorizationResult success(List<ApplicationProfile> current) {
        return new Csc14.AuthorizationResult(Result.SUCCESS, current, null);
    }

    private static Csc14.AuthorizationResult waitingFor(String authorizationId) {
        return new Csc14.AuthorizationResult(Result.PENDING, null,
                "waiting for an administrator's decision (" + authorizationId + ")");
    }

    static String describe(List<ServiceRef> services) {
        return String.join(",", services.stream().map(s -> s.serviceType() + "/" + s.serviceInterface()).toList());
    }
}
