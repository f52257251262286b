package org.mcx.backend.applications;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.mcx.backend.csc15.GrantFeed;
import org.mcx.backend.system.SystemContext;
import org.mcx.backend.transport.Handlers;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.message.Csc15.ApplicationGrants;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceLocation;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.wire.MessageType;

/**
 * External applications: authentication, authorization requests and decisions, application
 * profiles, and the notifications that tell applications of changes (10.X.3, 10.X.4). Service
 * access servers learn of every change through the {@link GrantFeed}.
 */
public final class ApplicationsModule implements AutoCloseable {
    private final ProfileStore profiles;
    private final Notifier notifier;
    private final ApplicationAdmin admin;
    private final ApplicationAuth auth;
    private final AuthorizationRequests requests;
    private final AuthorizationDecisions decisions;
    private final ProfileHandlers profileHandlers;

    /** {@code liveLocations}: where the live instances of a service are, for trusted-domain applications. */
    public ApplicationsModule(SystemContext ctx, ApplicationsConfig config, GrantFeed feed,
                              Function<ServiceRef, List<ServiceLocation>> liveLocations) {
        DirectLocations direct = new DirectLocations(config.trustedDirectAccess(), liveLocations);
        ProfileLocations locations = new ProfileLocations(config);
        this.profiles = new ProfileStore(ctx.codec().mapper(), locations);
        AuthorizationStore authorizations = new AuthorizationStore(ctx.codec().mapper());
        this.notifier = new Notifier(ctx);
        ProfileWriter writer = new ProfileWriter(ctx, profiles, locations, notifier, feed);
        this.admin = new ApplicationAdmin(ctx, authorizations);
        this.auth = new ApplicationAuth(ctx, notifier);
        this.requests = new AuthorizationRequests(ctx, profiles, authorizations, writer, direct);
        this.decisions = new AuthorizationDecisions(ctx, profiles, authorizations, writer);
        this.profileHandlers = new ProfileHandlers(ctx, profiles, writer, direct);
    }

    public void register(Handlers handlers) {
        handlers.on(MessageType.AUTH_APPLICATION, Auth.ApplicationLogin.class, auth::authenticate)
                .on(MessageType.UPDATE_AUTHORIZATION, Csc14.UpdateAuthorization.class, requests::update)
                .on(MessageType.GET_APPLICATION_PROFILE, Csc14.GetApplicationProfile.class, profileHandlers::get)
                .on(MessageType.APPLICATIONS_CREATE, Console.CreateApplication.class, admin::create)
                .on(MessageType.APPLICATIONS_LIST, Common.Empty.class, admin::list)
                .on(MessageType.APPLICATIONS_DECIDE, Console.DecideAuthorization.class, decisions::decide)
                .on(MessageType.PROFILES_LIST, Console.ListProfiles.class, profileHandlers::list)
                .on(MessageType.PROFILES_SAVE, Console.SaveProfile.class, profileHandlers::save)
                .on(MessageType.PROFILES_DELETE, Console.DeleteProfile.class, profileHandlers::delete)
                .on(MessageType.PROFILES_HISTORY, Console.ProfileHistory.class, profileHandlers::history);
    }

    /** Every application's trusted-domain flag and current profiles, for CSC-15 snapshots. */
    public List<ApplicationGrants> grants(Connection c) throws SQLException {
        Map<String, List<ApplicationProfile>> byApplication = new HashMap<>();
        for (ApplicationProfile p : profiles.all(c)) {
            byApplication.computeIfAbsent(p.applicationId(), k -> new ArrayList<>()).add(p);
        }
        List<ApplicationGrants> grants = new ArrayList<>();
        for (StoredApplication a : ApplicationStore.all(c)) {
            grants.add(new ApplicationGrants(a.applicationId(), a.trustedDomain(),
                    List.copyOf(byApplication.getOrDefault(a.applicationId(), List.of()))));
        }
        return grants;
    }

    /** Connected sessions of one application (diagnostics and tests). */
    public int connectedSessions(String applicationId) {
        return notifier.connectedSessions(applicationId);
    }

    @Override
    public void close() {
        notifier.close();
    }
}
