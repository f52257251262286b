package org.mcx.backend.applications;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.mcx.backend.csc15.GrantFeed;
import org.mcx.backend.store.Tx;
import org.mcx.backend.system.SystemContext;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.RateLimit;
import org.mcx.protocol.model.ServiceInterfaceDescription;
import org.mcx.protocol.model.ServiceRef;

/**
 * Every change to a profile goes through here, inside the caller's transaction, whoever makes it
 * (a policy grant, an approval, a removal, the console): the row and its history version, the
 * notification to the application, the {@code profile.*} event. After its last change the caller
 * calls {@link #announce} once, which gives service access servers the application's whole new set.
 * Auditing stays with the caller, which knows the action's name.
 */
final class ProfileWriter {
    private final SystemContext ctx;
    private final ProfileStore profiles;
    private final ProfileLocations locations;
    private final Notifier notifier;
    private final GrantFeed feed;

    ProfileWriter(SystemContext ctx, ProfileStore profiles, ProfileLocations locations, Notifier notifier,
                  GrantFeed feed) {
        this.ctx = ctx;
        this.profiles = profiles;
        this.locations = locations;
        this.notifier = notifier;
        this.feed = feed;
    }

    ApplicationProfile create(Tx tx, String actor, String applicationId, ServiceRef service,
                              ServiceInterfaceDescription description, RateLimit rateLimit) throws SQLException {
        Connection c = tx.connection();
        refuseDuplicate(c, applicationId, service);
        String id = Ids.profile();
        ApplicationProfile p = new ApplicationProfile(id, ApplicationStore.takeProfileIndex(c, applicationId),
                applicationId, service, locations.apply(id), description, 1L, now(), actor, rateLimit);
        profiles.insert(c, p);
        return changed(tx, p, "profile.updated");
    }

    ApplicationProfile update(Tx tx, String actor, ApplicationProfile before, ServiceRef service,
                              ServiceInterfaceDescription description, RateLimit rateLimit) throws SQLException {
        if (!Profiles.sameService(before, service)) {
            refuseDuplicate(tx.connection(), before.applicationId(), service);
        }
        ApplicationProfile after = Profiles.nextVersion(before, service, description, rateLimit, now(), actor);
        profiles.update(tx.connection(), after, before.version());
        return changed(tx, after, "profile.updated");
    }

    ApplicationProfile delete(Tx tx, String actor, ApplicationProfile before) throws SQLException {
        // The deletion is a change too: it gets the next version, which the notification carries.
        ApplicationProfile tombstone = Profiles.nextVersion(before, before.authorizedService(),
                before.serviceInterfaceDescription(), before.rateLimit(), now(), actor);
        profiles.delete(tx.connection(), tombstone);
        return changed(tx, tombstone, "profile.deleted");
    }

    /**
     * Creates a profile for each service the application does not hold yet (10.X.3 step 4). The
     * interface description comes from the request's optional profile, for the service it names.
     */
    List<ApplicationProfile> grant(Tx tx, String actor, String applicationId, List<ServiceRef> services,
                                   ApplicationProfile requested) throws SQLException {
        List<ApplicationProfile> changes = new ArrayList<>();
        for (ServiceRef service : services) {
            if (profiles.findService(tx.connection(), applicationId, service).isPresent()) {
                continue;
            }
            ServiceInterfaceDescription description = requested != null && Profiles.sameService(requested, service)
                    ? requested.serviceInterfaceDescription() : ServiceInterfaceDescription.empty();
            changes.add(create(tx, actor, applicationId, service, description, null));
        }
        return changes;
    }

    /**
     * Gives service access servers the application's whole current set (empty = revoked), as this
     * transaction leaves it; returns that set.
     */
    List<ApplicationProfile> announce(Tx tx, String applicationId) throws SQLException {
        ProfileStore.OfApplication now = profiles.ofApplicationWithTrust(tx.connection(), applicationId)
                .orElse(new ProfileStore.OfApplication(false, List.of()));
        feed.applicationProfilesChanged(tx, applicationId, now.trustedDomain(), now.profiles());
        return now.profiles();
    }

    private ApplicationProfile changed(Tx tx, ApplicationProfile p, String topic) throws SQLException {
        notifier.profileChanged(tx, p.applicationId(), p.applicationProfileId(), p.version());
        ctx.events().append(tx, topic, ctx.events().data()
                .put("applicationProfileId", p.applicationProfileId())
                .put("applicationId", p.applicationId())
                .put("version", p.version()));
        return p;
    }

    private void refuseDuplicate(Connection c, String applicationId, ServiceRef service) throws SQLException {
        if (profiles.findService(c, applicationId, service).isPresent()) {
            throw ProtocolException.conflict("application " + applicationId + " already has a profile for "
                    + service.serviceType() + " over " + service.serviceInterface());
        }
    }

    private static Instant now() {
        // Millisecond precision, like every other stored timestamp.
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
