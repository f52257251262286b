package org.mcx.backend.applications;

import java.util.List;
import java.util.function.Function;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceLocation;
import org.mcx.protocol.model.ServiceRef;

/**
 * The NOTE of 10.X.5: an application in the MC service provider's trusted domain may reach a
 * service directly rather than through the service access server. When the deployment allows it
 * ({@code --trusted-direct-access}), a trusted-domain application's own view of its profiles (its
 * CSC-14 answers, never the console's or CSC-15's) carries a live instance's location; with no
 * live instance it keeps the SAS's, which answers 503 until one registers.
 *
 * <p>Each application is given the same instance while it lives (chosen by the application's id),
 * so applications spread over instances; one that loses its instance asks for its profile again.
 */
final class DirectLocations {
    private final boolean enabled;
    private final Function<ServiceRef, List<ServiceLocation>> liveLocations;

    DirectLocations(boolean enabled, Function<ServiceRef, List<ServiceLocation>> liveLocations) {
        this.enabled = enabled;
        this.liveLocations = liveLocations;
    }

    ApplicationProfile forApplication(StoredApplication app, ApplicationProfile p) {
        if (!enabled || !app.trustedDomain() || p == null) {
            return p;
        }
        List<ServiceLocation> live = liveLocations.apply(p.authorizedService());
        if (live.isEmpty()) {
            return p;
        }
        ServiceLocation direct = live.get(Math.floorMod(app.applicationId().hashCode(), live.size()));
        return Profiles.withLocation(p, direct);
    }

    Csc14.AuthorizationResult forApplication(StoredApplication app, Csc14.AuthorizationResult r) {
        if (!enabled || !app.trustedDomain() || r.applicationProfiles() == null) {
            return r;
        }
        return new Csc14.AuthorizationResult(r.result(),
                r.applicationProfiles().stream().map(p -> forApplication(app, p)).toList(), r.reason());
    }
}
